// Small device settings and form drafts in idb-keyval, apart from the case database: the
// mediator's profile (until accounts exist it is what stamps each case) and drafts that must
// survive a reload, a crash and an app update.

import { get, set, del } from 'idb-keyval';

export interface Profile {
  name: string;
  committeeName: string;
  villageCode: string;
}

const PROFILE_KEY = 'profile';

export const loadProfile = (): Promise<Profile | undefined> => get<Profile>(PROFILE_KEY);
export const saveProfile = (profile: Profile): Promise<void> => set(PROFILE_KEY, profile);

const draftKey = (form: string) => `draft:${form}`;

export const loadDraft = <T>(form: string): Promise<T | undefined> => get<T>(draftKey(form));
export const saveDraft = <T>(form: string, value: T): Promise<void> => set(draftKey(form), value);
export const clearDraft = (form: string): Promise<void> => del(draftKey(form));
