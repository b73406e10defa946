// A party as the form holds it (every field a string, so half-typed input survives in the draft)
// and its conversion to the shared Party the schema checks.

import type { Gender, Party, PartyKind } from '../case.ts';
import { normalizeCreditCode } from '../credit-code.ts';
import { birthDateFromIdNumber } from '../id-number.ts';

export interface PartyDraft {
  id: string;
  role: Party['role'];
  kind: PartyKind;
  name: string;
  gender: Gender | '';
  age: string;
  phone: string;
  idNumber: string;
  birthDate: string;
  /** 民族, 职业或职务, 住址: the 协议书's party block (人民调解法 Art 29). */
  ethnicity: string;
  occupation: string;
  address: string;
  employer: string;
  /** 签发机关 and 有效期限 from the back of the 居民身份证. */
  idIssuer: string;
  idValidity: string;
  legalRep: string;
  creditCode: string;
  showMore: boolean;
}

export function newPartyDraft(role: Party['role']): PartyDraft {
  return {
    id: crypto.randomUUID(), role, kind: '自然人', name: '', gender: '', age: '', phone: '', idNumber: '', birthDate: '', ethnicity: '', occupation: '',
    address: '', employer: '', idIssuer: '', idValidity: '', legalRep: '', creditCode: '', showMore: false,
  };
}

/** A party card saved by an older form: the fields added since start blank. */
export function upgradePartyDraft(stored: Partial<PartyDraft> & Pick<PartyDraft, 'id' | 'role'>): PartyDraft {
  return { ...newPartyDraft(stored.role), ...stored };
}

/** What a card of each kind shows; the other kind's values are not stored (a 单位 has no 性别). */
export const personFields = ['gender', 'age', 'idNumber', 'birthDate', 'ethnicity', 'occupation', 'employer', 'idIssuer', 'idValidity'] as const;
export const organisationFields = ['legalRep', 'creditCode'] as const;

export function toParty(d: PartyDraft): Party {
  const phone = d.phone.trim();
  const address = d.address.trim();
  if (d.kind === '单位') {
    const legalRep = d.legalRep.trim();
    const creditCode = normalizeCreditCode(d.creditCode);
    return {
      id: d.id, role: d.role, kind: '单位', name: d.name.trim(),
      ...(phone ? { phone } : {}), ...(address ? { address } : {}),
      ...(legalRep ? { legalRep } : {}), ...(creditCode ? { creditCode } : {}),
    };
  }
  const idNumber = d.idNumber.trim().toUpperCase();
  const employer = d.employer.trim();
  const idIssuer = d.idIssuer.trim();
  const idValidity = d.idValidity.trim();
  return {
    id: d.id, role: d.role, name: d.name.trim(),
    ...(d.gender ? { gender: d.gender } : {}),
    ...(d.age.trim() !== '' ? { age: Number(d.age.trim()) } : {}),
    ...(phone ? { phone } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(d.birthDate ? { birthDate: d.birthDate } : {}),
    ...(d.ethnicity.trim() ? { ethnicity: d.ethnicity.trim() } : {}),
    ...(d.occupation.trim() ? { occupation: d.occupation.trim() } : {}),
    ...(address ? { address } : {}),
    ...(employer ? { employer } : {}),
    ...(idIssuer ? { idIssuer } : {}),
    ...(idValidity ? { idValidity } : {}),
  };
}

/** Whole years between `birthDate` and `today` (both ISO dates). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Applies a typed 身份证号: a valid number fills birth date, age and gender (17th digit odd = 男);
 * anything else only stores the text (the field shows the error once 18 characters are in).
 */
export function withIdNumber(d: PartyDraft, idNumber: string, today: string): PartyDraft {
  const next = { ...d, idNumber };
  const birthDate = birthDateFromIdNumber(idNumber.trim().toUpperCase());
  if (!birthDate) return next;
  const gender: Gender = Number(idNumber.trim()[16]) % 2 === 1 ? '男' : '女';
  return { ...next, birthDate, age: String(ageOn(birthDate, today)), gender };
}

/** A stored party as the form shows it. */
export function partyDraftOf(p: Party): PartyDraft {
  return {
    id: p.id, role: p.role, kind: p.kind ?? '自然人', name: p.name, gender: p.gender ?? '', age: p.age === undefined ? '' : String(p.age), phone: p.phone ?? '',
    idNumber: p.idNumber ?? '', birthDate: p.birthDate ?? '', ethnicity: p.ethnicity ?? '', occupation: p.occupation ?? '', address: p.address ?? '',
    employer: p.employer ?? '', idIssuer: p.idIssuer ?? '', idValidity: p.idValidity ?? '', legalRep: p.legalRep ?? '', creditCode: p.creditCode ?? '', showMore: false,
  };
}

/**
 * The form's parties as stored parties. What the form does not show is kept from the stored party
 * with the same id; what it shows replaces the stored value, cleared ones included.
 */
export function partiesOf(drafts: PartyDraft[], stored: readonly Party[]): Party[] {
  return drafts.map((d) => {
    const {
      kind: _k, gender: _g, age: _a, phone: _p, idNumber: _i, birthDate: _b, ethnicity: _e, occupation: _o, address: _d,
      employer: _w, idIssuer: _s, idValidity: _v, legalRep: _l, creditCode: _c, ...kept
    } = stored.find((x) => x.id === d.id) ?? ({} as Partial<Party>);
    return { ...kept, ...toParty(d) };
  });
}
