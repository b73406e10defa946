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

/** Free text that may stay empty: stored trimmed, '' as absent (a field records before it lack). */
export const optionalTextCodec = <K extends string>(key: K): FormCodec<string | undefined, string, K> => ({
  key, empty: () => '', encode: (x) => x ?? '', decode: (f) => (f.trim() === '' ? undefined : f.trim()), fits: (x) => x === undefined || isText(x),
});

/** A value picked from a list (a code, a date); '' until picked. */
export const pickCodec = <V extends string, K extends string>(key: K): FormCodec<V, V | '', K> => ({
  key, empty: () => '', encode: (x) => x, decode: (f) => f as V, fits: isText,
});

/** A value picked from a list that may stay unpicked: '' is stored as absent. */
export const optionalPickCodec = <V extends string, K extends string>(key: K): FormCodec<V | undefined, V | '', K> => ({
  key, empty: () => '', encode: (x) => x ?? '', decode: (f) => (f === '' ? undefined : (f as V)), fits: (x) => x === undefined || isText(x),
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
  const optionalText = ['kind', 'gender', 'phone', 'idNumber', 'birthDate', 'ethnicity', 'occupation', 'address', 'employer', 'legalRep', 'creditCode', 'idIssuer', 'idValidity'].every((k) => p[k] === undefined || isText(p[k]));
  return isText(p.id) && isText(p.role) && isText(p.name) && optionalText && (p.age === undefined || typeof p.age === 'number');
};

/** The party cards; what a card does not show is kept from the stored party. */
export const partiesCodec = <K extends string>(key: K): FormCodec<Party[], PartyDraft[], K> => ({
  key, empty: () => [], encode: (x) => x.map(partyDraftOf), decode: (f, stored) => partiesOf(f, stored ?? []),
  fits: (x) => Array.isArray(x) && x.every(isParty),
});

const chineseDigits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * A whole number as people type it: "12", full-width "１２" (NFKC folds it), or Chinese numerals
 * up to 九千九百九十九 ("七", "十二", "二十", "一百零五"). Anything else is NaN, which the content
 * schema refuses with its message; '' is "not given".
 */
export function parseCount(text: string): number | undefined {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return Number.NaN;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const unit = ch === '千' ? 1000 : ch === '百' ? 100 : ch === '十' ? 10 : 0;
    if (ch === '零' || ch === '〇') {
      // A gap ("一百零五"), or the number zero on its own.
      if (digit !== null) return Number.NaN;
      if (s.length === 1) return 0;
      continue;
    }
    if (unit === 0) {
      if (digit !== null) return Number.NaN; // "三四": two digits in a row
      digit = chineseDigits[ch] ?? Number.NaN;
      continue;
    }
    // "十二": a unit with no digit before it counts one of it.
    total += (digit ?? (unit === 10 && total === 0 ? 1 : Number.NaN)) * unit;
    digit = null;
  }
  return total + (digit ?? 0);
}

/** A count (persons, cases): typed as text, stored as a whole number, absent when left empty. */
export const countCodec = <K extends string>(key: K): FormCodec<number | undefined, string, K> => ({
  key, empty: () => '', encode: (x) => (x === undefined ? '' : String(x)), decode: (f) => parseCount(f),
  fits: (x) => x === undefined || (typeof x === 'number' && Number.isInteger(x) && x >= 0),
});
