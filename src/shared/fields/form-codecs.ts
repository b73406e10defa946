// How a case field is held by a form (text, so half-typed input survives in a draft) and turned
// back into the stored value. Each field on the 受理/编辑 form names its codec in case-fields.ts;
// the forms, their drafts, the edit diff and 重新办理 all go through these, never by hand.

import type { Party } from '../case.ts';
import { partiesOf, partyDraftOf, type PartyDraft } from './party-form.ts';

export interface FormCodec<V, F, K extends string = string> {
  /** The form's name of the field: NewCaseSchema's key, the path of its errors, the input's id. */
  key: K;
  /** The blank form value of a new case. */
  // Methods (not function properties): the registry holds codecs of different types side by side.
  empty(): F;
  encode(value: V): F;
  /** The value as it would be stored (trimmed, split); `stored` is the record's current value. */
  decode(form: F, stored: V | undefined): V;
  /** Whether a value from elsewhere (a refused patch) has the field's shape, so the form can show it. */
  fits(x: unknown): boolean;
}

const isText = (x: unknown): x is string => typeof x === 'string';
const isTextList = (x: unknown): boolean => Array.isArray(x) && x.every(isText);

/** Splits "张三、李四, 王五" into names. */
export function splitList(text: string): string[] {
  return text.split(/[、，,;；\n]/).map((s) => s.trim()).filter((s) => s !== '');
}
const lines = (text: string) => text.split('\n').map((s) => s.trim()).filter((s) => s !== '');

/** Free text, stored trimmed. */
export const textCodec = <K extends string>(key: K): FormCodec<string, string, K> => ({
  key, empty: () => '', encode: (x) => x, decode: (f) => f.trim(), fits: isText,
});

/** A value picked from a list (a code, a date); '' until picked. */
export const pickCodec = <V extends string, K extends string>(key: K): FormCodec<V, V | '', K> => ({
  key, empty: () => '', encode: (x) => x, decode: (f) => f as V, fits: isText,
});

/** One item a line (申请事项). */
export const linesCodec = <K extends string>(key: K): FormCodec<string[], string, K> => ({
  key, empty: () => '', encode: (x) => x.join('\n'), decode: lines, fits: isTextList,
});

/** Names in one line, separated by 、，, or ; (调解员). */
export const namesCodec = <K extends string>(key: K): FormCodec<string[], string, K> => ({
  key, empty: () => '', encode: (x) => x.join('、'), decode: splitList, fits: isTextList,
});

const isParty = (x: unknown): boolean => {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  const optionalText = ['gender', 'phone', 'idNumber', 'birthDate'].every((k) => p[k] === undefined || isText(p[k]));
  return isText(p.id) && isText(p.role) && isText(p.name) && optionalText && (p.age === undefined || typeof p.age === 'number');
};

/** The party cards; what a card does not show is kept from the stored party. */
export const partiesCodec = <K extends string>(key: K): FormCodec<Party[], PartyDraft[], K> => ({
  key, empty: () => [], encode: (x) => x.map(partyDraftOf), decode: (f, stored) => partiesOf(f, stored ?? []),
  fits: (x) => Array.isArray(x) && x.every(isParty),
});
