// How the 受理/编辑 form holds a court case's reference (court.ts): five lines of text, kept as
// typed so a draft survives half-typed input. An all-blank section is "no court reference"
// (null); the 案号 is stored normalised. The day the result went back is never on the form: it
// is kept from the stored record.

import { checkCourtCaseNo, type CourtReferral } from '../court.ts';
import type { FormCodec } from './form-codecs.ts';

export interface CourtForm {
  court: string;
  caseNo: string;
  judge: string;
  referredOn: string;
  deadline: string;
}

export const emptyCourtForm = (): CourtForm => ({ court: '', caseNo: '', judge: '', referredOn: '', deadline: '' });

const isText = (x: unknown): x is string => typeof x === 'string';

export const courtCodec = <K extends string>(key: K): FormCodec<CourtReferral | null | undefined, CourtForm, K> => ({
  key,
  empty: emptyCourtForm,
  encode: (c) => (c ? { court: c.court, caseNo: c.caseNo, judge: c.judge, referredOn: c.referredOn, deadline: c.deadline } : emptyCourtForm()),
  decode: (f, stored) => {
    const typed = { court: f.court.trim(), caseNo: f.caseNo.trim(), judge: f.judge.trim(), referredOn: f.referredOn, deadline: f.deadline };
    // Blank: no reference — absent where the record never had one, so an edit changes nothing.
    if (Object.values(typed).every((x) => x === '')) return stored === undefined ? undefined : null;
    const no = checkCourtCaseNo(typed.caseNo);
    return { ...typed, caseNo: no.ok ? no.value : typed.caseNo, returnedOn: stored?.returnedOn ?? null };
  },
  fits: (x) => {
    if (x === null || x === undefined) return true;
    if (typeof x !== 'object') return false;
    const c = x as Record<string, unknown>;
    return ['court', 'caseNo', 'judge', 'referredOn', 'deadline'].every((k) => isText(c[k]));
  },
});
