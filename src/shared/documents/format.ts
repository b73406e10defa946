// Text the documents print: dates, times, Chinese ordinals, party particulars, dispute names.
// Everything here is pure and zone-fixed (Asia/Shanghai) so a document reads the same on any device.

import { isOrganisation, type CaseRecord, type Party } from '../case.ts';
import { formatDate, localDate } from '../dates.ts';
import { birthDateFromIdNumber } from '../id-number.ts';
import { categoryByCode } from '../categories.ts';
import { t } from '../i18n/index.ts';
import type { PartyLine } from './types.ts';

export { formatDate };

const timeParts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** "2026年11月5日 14时30分" for an ISO instant; the input itself when it is not one. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const parts = Object.fromEntries(timeParts.formatToParts(at).map((p) => [p.type, p.value]));
  return `${formatDate(localDate(at))} ${parts.hour ?? ''}时${parts.minute ?? ''}分`;
}

/** The calendar date (Asia/Shanghai) of an ISO instant. */
export function dateOfInstant(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : localDate(at);
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 40 → 四十, 99 → 九十九 (agreement terms rarely pass a dozen). */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n] ?? String(n);
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
  }
  return String(n);
}

/** Whole years between a birth date and `on` (both ISO dates). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** 出生日期: as entered, else from the 身份证号 (GB 11643 digits 7–14). */
export function birthDateOf(party: Party): string | undefined {
  return party.birthDate ?? (party.idNumber ? birthDateFromIdNumber(party.idNumber) : undefined);
}

/** 年龄 as entered, else computed on `on` from the birth date. */
export function ageOf(party: Party, on: string): number | undefined {
  if (party.age !== undefined) return party.age;
  const birth = birthDateOf(party);
  return birth ? ageOn(birth, on) : undefined;
}

/** 性别 as entered, else from the 身份证号 (17th digit: odd 男, even 女). */
export function genderOf(party: Party): string | undefined {
  if (party.gender) return party.gender;
  if (!party.idNumber || !birthDateFromIdNumber(party.idNumber)) return undefined;
  return Number(party.idNumber[16]) % 2 === 1 ? '男' : '女';
}

export function partyLine(party: Party, on: string): PartyLine {
  const age = ageOf(party, on);
  return {
    role: party.role, organisation: isOrganisation(party), name: party.name, gender: genderOf(party) ?? '', ethnicity: party.ethnicity ?? '',
    age: age === undefined ? '' : `${age}岁`, occupation: party.occupation ?? '', phone: party.phone ?? '', address: party.address ?? '',
    employer: party.employer ?? '', legalRep: party.legalRep ?? '', creditCode: party.creditCode ?? '',
  };
}

/** Trimmed, blank entries dropped (list fields are typed one item per line). */
export const nonEmpty = (xs: readonly string[]): string[] => xs.map((x) => x.trim()).filter((x) => x !== '');

export const names = (parties: readonly Party[]): string[] => parties.map((p) => p.name);

/** 卷名 / 事由 / 回访事由: "张三与李四邻里纠纷". */
export function disputeName(record: Pick<CaseRecord, 'categoryCode' | 'private'>): string {
  const side = (role: Party['role']) => record.private.parties.filter((p) => p.role === role).map((p) => p.name).join('、');
  const category = categoryByCode(record.categoryCode)?.name ?? t('doc.dispute.generic');
  return `${side('申请人')}与${side('被申请人')}${category}`;
}
