// The optional case fields a person may clear again once set (case-fields.ts marks them
// `clearable`; a registry test keeps the two in step). Kept apart so that writeField (shared/case.ts,
// on the first screens) need not load the registry and its catalogue keys.

import type { PatchableField } from './case-fields.ts';

/** A clear (null in a patch, '' on the form) takes the key off the record instead of storing null. */
export const clearableFields: ReadonlySet<PatchableField> = new Set<PatchableField>(['partiesInvolved', 'mediationPublic', 'policeReported']);
