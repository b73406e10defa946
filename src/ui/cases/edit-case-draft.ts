// The 修改受理信息 form's draft and how it becomes a change. The draft remembers the values it
// started from, and only fields the person changed from those are written: a field another device
// changed meanwhile (and this person did not touch) is never overwritten with a stale copy.

import { writeField, type CaseRecord, type CaseSource, type Party, type PatchableField } from '../../shared/case.ts';
import type { FieldPatch } from '../../shared/mutations.ts';
import type { NewCaseInput } from '../../shared/validation.ts';
import { sameValue } from '../../shared/equal.ts';
import { splitList } from '../format.ts';
import { toParty, type PartyDraft } from './party-draft.ts';
import type { CaseFieldValues } from './case-fields-section.tsx';

/** A stored case always has a source. */
export type EditValues = Omit<CaseFieldValues, 'source'> & { source: CaseSource };

export interface EditDraft {
  /** The case's values when this draft began. */
  start: EditValues;
  values: EditValues;
  pickingCategory: boolean;
}

/** The header fields the form edits, named as NewCaseSchema names them (for its errors). */
export const editFields = ['categoryCode', 'source', 'acceptedOn', 'parties', 'facts', 'claims', 'place', 'mediators'] as const;
export type EditField = (typeof editFields)[number];

export function partyDraftOf(p: Party): PartyDraft {
  return {
    id: p.id, role: p.role, name: p.name, gender: p.gender ?? '', age: p.age === undefined ? '' : String(p.age), phone: p.phone ?? '',
    idNumber: p.idNumber ?? '', birthDate: p.birthDate ?? '', showMore: false,
  };
}

export function valuesOf(r: CaseRecord): EditValues {
  return {
    categoryCode: r.categoryCode, source: r.source, acceptedOn: r.acceptedOn, parties: r.private.parties.map(partyDraftOf),
    facts: r.private.facts, claims: r.private.claims.join('\n'), place: r.private.place, mediators: r.mediators.join('、'),
  };
}

export function draftOf(r: CaseRecord): EditDraft {
  return { start: valuesOf(r), values: valuesOf(r), pickingCategory: false };
}

const isText = (x: unknown): x is string => typeof x === 'string';
const isTextList = (x: unknown): boolean => Array.isArray(x) && x.every(isText);
const isParty = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  const optionalText = ['gender', 'phone', 'idNumber', 'birthDate'].every((k) => p[k] === undefined || isText(p[k]));
  return isText(p.id) && isText(p.role) && isText(p.name) && optionalText && (p.age === undefined || typeof p.age === 'number');
};
/** The form's fields in a patch, each with the shape its value must have to be shown in the form. */
const formFields: Partial<Record<PatchableField, (x: unknown) => boolean>> = {
  categoryCode: isText, source: isText, acceptedOn: isText, mediators: isTextList, 'private.facts': isText, 'private.place': isText,
  'private.claims': isTextList, 'private.parties': (x) => Array.isArray(x) && x.every(isParty),
};

/**
 * The form as it was when the server refused `patch` (重新办理 from 待核对): started from the case
 * as it is now, filled with the refused values, so saving writes them again once corrected. A
 * value the form cannot show (not of the field's shape) is left as the case has it.
 */
export function draftWithPatch(r: CaseRecord, patch: FieldPatch): EditDraft {
  let refused = r;
  for (const [field, fits] of Object.entries(formFields) as [PatchableField, (x: unknown) => boolean][]) {
    const next = patch[field]?.next;
    if (next !== undefined && fits(next)) refused = writeField(refused, field, next);
  }
  return { start: valuesOf(r), values: valuesOf(refused), pickingCategory: false };
}

/**
 * The form's parties as stored parties. What the form does not show (民族, 职业, 住址) is kept from
 * the stored party with the same id; what it shows replaces the stored value, cleared ones included.
 */
export function partiesOf(drafts: PartyDraft[], stored: Party[]): Party[] {
  return drafts.map((d) => {
    const { gender: _g, age: _a, phone: _p, idNumber: _i, birthDate: _b, ...kept } = stored.find((x) => x.id === d.id) ?? ({} as Partial<Party>);
    return { ...kept, ...toParty(d) };
  });
}

const lines = (text: string) => text.split('\n').map((s) => s.trim()).filter((s) => s !== '');

/** Each field as it would be stored, so "changed" means changed in substance, not in spacing. */
function normalized(v: EditValues, stored: Party[]): Record<EditField, unknown> {
  return {
    categoryCode: v.categoryCode, source: v.source, acceptedOn: v.acceptedOn, parties: partiesOf(v.parties, stored),
    facts: v.facts.trim(), claims: lines(v.claims), place: v.place.trim(), mediators: splitList(v.mediators),
  };
}

/** Fields whose value differs between `a` and `b`. */
export function differing(a: EditValues, b: EditValues, stored: Party[]): EditField[] {
  const na = normalized(a, stored);
  const nb = normalized(b, stored);
  return editFields.filter((f) => !sameValue(na[f], nb[f]));
}

/** Writes the changed fields of `values` onto `record`. */
export function applyEdits(record: CaseRecord, values: EditValues, fields: readonly EditField[]): CaseRecord {
  const n = normalized(values, record.private.parties);
  const has = (f: EditField) => fields.includes(f);
  return {
    ...record,
    ...(has('categoryCode') ? { categoryCode: values.categoryCode } : {}),
    ...(has('source') ? { source: values.source } : {}),
    ...(has('acceptedOn') ? { acceptedOn: values.acceptedOn } : {}),
    ...(has('mediators') ? { mediators: n.mediators as string[] } : {}),
    private: {
      ...record.private,
      ...(has('parties') ? { parties: n.parties as Party[] } : {}),
      ...(has('facts') ? { facts: n.facts as string } : {}),
      ...(has('claims') ? { claims: n.claims as string[] } : {}),
      ...(has('place') ? { place: n.place as string } : {}),
    },
  };
}

/** The record's header in the shape the shared schema checks. */
export function inputOf(r: CaseRecord): NewCaseInput {
  return {
    categoryCode: r.categoryCode, source: r.source, acceptedOn: r.acceptedOn, villageCode: r.villageCode, committeeName: r.committeeName,
    mediators: r.mediators, parties: r.private.parties as NewCaseInput['parties'], facts: r.private.facts, claims: r.private.claims, place: r.private.place,
  };
}
