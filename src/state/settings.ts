// Drafts and the mediator's profile as screens use them (plain re-exports of the device settings).
export { loadDraft, saveDraft } from '../db/settings.ts';
export type { Profile } from '../db/settings.ts';
