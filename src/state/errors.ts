// What screens use of the device store and the sync layer — errors to branch on and a few types —
// handed through state/ so a screen never reaches into db/ or sync/ (DESIGN.md: ui → state →
// db | sync). Plain re-exports: the module graph, and so every chunk, stays as it was.
export { DomainError, StorageFullError } from '../db/errors.ts';
export { ApiError } from '../sync/http.ts';
export type { CaseTab } from '../db/schema.ts';
export type { WriteContext } from '../db/write.ts';
