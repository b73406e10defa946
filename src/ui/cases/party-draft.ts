// A party as the form holds it (every field a string, so half-typed input survives in the draft)
// and its conversion to the shared Party the schema checks.

import type { Gender, Party } from '../../shared/case.ts';
import { birthDateFromIdNumber } from '../../shared/id-number.ts';

export interface PartyDraft {
  id: string;
  role: Party['role'];
  name: string;
  gender: Gender | '';
  age: string;
  phone: string;
  idNumber: string;
  birthDate: string;
  showMore: boolean;
}

export function newPartyDraft(role: Party['role']): PartyDraft {
  return { id: crypto.randomUUID(), role, name: '', gender: '', age: '', phone: '', idNumber: '', birthDate: '', showMore: false };
}

export function toParty(d: PartyDraft): Party {
  const phone = d.phone.trim();
  const idNumber = d.idNumber.trim().toUpperCase();
  return {
    id: d.id, role: d.role, name: d.name.trim(),
    ...(d.gender ? { gender: d.gender } : {}),
    ...(d.age.trim() !== '' ? { age: Number(d.age.trim()) } : {}),
    ...(phone ? { phone } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(d.birthDate ? { birthDate: d.birthDate } : {}),
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
