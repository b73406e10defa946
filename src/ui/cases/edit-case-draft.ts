// The 修改受理信息 form's draft and how it becomes a change. The draft remembers the values it
// started from, and only fields the person changed from those are written: a field another device
// changed meanwhile (and this person did not touch) is never overwritten with a stale copy. Which
// fields the form holds, and how, is the field registry's (shared/fields/case-fields.ts).

import { readField, writeField, type CaseRecord, type CaseSource, type PatchableField } from '../../shared/case.ts';
import { FORM_DRAFT_VERSION, codecOf, formFields, formKeyOf, upgradeFormValues, type FormField, type FormKey } from '../../shared/fields/case-fields.ts';
import type { FieldPatch } from '../../shared/mutations.ts';
import { sameValue } from '../../shared/equal.ts';
import type { CaseFieldValues } from './case-fields-section.tsx';

/** A stored case always has a source. */
export type EditValues = Omit<CaseFieldValues, 'source'> & { source: CaseSource };

export interface EditDraft {
  /** The shape's version (FORM_DRAFT_VERSION) when saved. */
  v: number;
  /** The case's values when this draft began. */
  start: EditValues;
  values: EditValues;
  pickingCategory: boolean;
}

/** The header fields the form edits, by their form names (as NewCaseSchema names them, for its errors). */
export type EditField = FormKey;
const fieldOfKey = new Map<EditField, FormField>(formFields.map((f) => [formKeyOf(f), f]));
export const editFields: readonly EditField[] = formFields.map(formKeyOf);
export const patchFieldOf = (key: EditField): PatchableField => fieldOfKey.get(key) as FormField;

export function valuesOf(r: CaseRecord): EditValues {
  return Object.fromEntries(formFields.map((f) => [formKeyOf(f), codecOf(f).encode(readField(r, f))])) as EditValues;
}

export function draftOf(r: CaseRecord): EditDraft {
  return { v: FORM_DRAFT_VERSION, start: valuesOf(r), values: valuesOf(r), pickingCategory: false };
}

/**
 * A draft saved by an older form: a field added since is filled from the case as it is now, in
 * both `start` and `values`, so it counts as untouched and is not written.
 */
export function upgradeEditDraft(stored: Partial<EditDraft>, fresh: EditDraft): EditDraft {
  return {
    ...fresh, ...stored, v: FORM_DRAFT_VERSION,
    start: upgradeFormValues(stored.start, fresh.start) as EditValues,
    values: upgradeFormValues(stored.values, fresh.values) as EditValues,
  };
}

/**
 * The form as it was when the server refused `patch` (重新办理 from 待核对): started from the case
 * as it is now, filled with the refused values, so saving writes them again once corrected. A
 * value the form cannot show (not of the field's shape) is left as the case has it.
 */
export function draftWithPatch(r: CaseRecord, patch: FieldPatch): EditDraft {
  let refused = r;
  for (const f of formFields) {
    const next = patch[f]?.next;
    if (next !== undefined && codecOf(f).fits(next)) refused = writeField(refused, f, next);
  }
  return { v: FORM_DRAFT_VERSION, start: valuesOf(r), values: valuesOf(refused), pickingCategory: false };
}

/** Each field as it would be stored, so "changed" means changed in substance, not in spacing. */
function normalized(v: EditValues, stored: CaseRecord): Record<EditField, unknown> {
  const form = v as unknown as Record<EditField, unknown>;
  return Object.fromEntries(formFields.map((f) => [formKeyOf(f), codecOf(f).decode(form[formKeyOf(f)], readField(stored, f))])) as Record<EditField, unknown>;
}

/** Fields whose value differs between `a` and `b`; `stored` keeps what the form does not show. */
export function differing(a: EditValues, b: EditValues, stored: CaseRecord): EditField[] {
  const na = normalized(a, stored);
  const nb = normalized(b, stored);
  return editFields.filter((f) => !sameValue(na[f], nb[f]));
}

/** Writes the changed fields of `values` onto `record`. */
export function applyEdits(record: CaseRecord, values: EditValues, fields: readonly EditField[]): CaseRecord {
  const n = normalized(values, record);
  return fields.reduce((r, key) => writeField(r, patchFieldOf(key), n[key]), record);
}
