// The 县-镇-村 network registry: 人民调解委员会 with their members, 人民调解员, 法律明白人 and
// 学法用法示范户, as the county 司法局 keeps them (人民调解法 Art 7–10, 13–14; domain.md §3.3, §6).
// Shapes are defined once here for the server's API and the screens, with the statutory checks
// (Art 8–9) and the coverage figures computed by pure functions on both sides.

import * as v from 'valibot';
import type { MessageKey } from './i18n/index.ts';
import { isIsoDate } from './dates.ts';
import { villageKind } from './areas.ts';

export const committeeTypes = ['村/居', '乡镇/街道', '企事业', '行业性专业性', '派驻', '个人工作室'] as const;
export type CommitteeType = (typeof committeeTypes)[number];

/** A member's office (Art 8); null = a mediator the committee appointed (聘任, Art 13), not a member. */
export const memberRoles = ['主任', '副主任', '委员'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** 学历 as a registry records it; 大专 and above is what the 组织队伍 sheet counts. */
export const educationLevels = ['研究生', '大学本科', '大学专科', '高中（中专）', '初中及以下'] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const collegeLevels: readonly EducationLevel[] = ['研究生', '大学本科', '大学专科'];

export const legalPersonKinds = ['法律明白人', '示范户'] as const;
export type LegalPersonKind = (typeof legalPersonKinds)[number];

export interface Committee {
  id: string;
  /** The 村/居/乡镇 whose own committee this is (Art 8, 34); null for other kinds. */
  areaCode: string | null;
  /** Where it sits: the area code for the statutory ones, any 6/9/12-digit code for others. */
  location: string;
  type: CommitteeType;
  name: string;
  phone: string | null;
  address: string | null;
  foundedOn: string | null;
  dissolvedOn: string | null;
  /** The abbreviation its case numbers use (开鲁镇调 → （2026）开鲁镇调字第N号); null: from the name. */
  shortName?: string | null;
}

export interface Training {
  id: string;
  on: string;
  title: string;
  hours: number;
}

export interface Mediator {
  id: string;
  committeeId: string;
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  phone: string | null;
  /** Residents may see and call this number (public contacts). */
  isPhonePublic: boolean;
  memberRole: MemberRole | null;
  /** 专职 (the rest are 兼职). */
  isFullTime: boolean;
  termStart: string | null;
  termEnd: string | null;
  leftOn: string | null;
  /** 学历; null = not recorded. */
  education: EducationLevel | null;
  /** The mediator's own sign-in account (users.id): 考核 credits cases by it, not by name; null = not linked. */
  accountId?: string | null;
  trainings: Training[];
}

/** A village's 评理说事点 (domain.md §6.3): an intake point of the village's 调委会. */
export interface IntakePoint {
  id: string;
  committeeId: string;
  villageCode: string;
  name: string;
  /** 说事员/评理员. */
  keeper: string;
  address: string;
  /** The day it closed (no longer offered to residents); absent while open. */
  closedOn?: string;
}

export interface LegalPerson {
  id: string;
  kind: LegalPersonKind;
  villageCode: string;
  /** For a 示范户, the head of the household. */
  name: string;
  phone: string | null;
  isPhonePublic: boolean;
  certifiedOn: string | null;
  leftOn: string | null;
}

export type CommitteeWarning =
  | { code: 'network.warn.tooFew'; count: number }
  | { code: 'network.warn.tooMany'; count: number }
  | { code: 'network.warn.noWoman' }
  | { code: 'network.warn.noChair' }
  | { code: 'network.warn.termExpired'; names: string[] };

/** Members in office on `today` (appointed mediators are not committee members). */
export function membersOn(mediators: readonly Mediator[], today: string): Mediator[] {
  return mediators.filter((m) => m.memberRole !== null && (m.leftOn === null || m.leftOn > today));
}

/**
 * 人民调解法 Art 8–9: three to nine members, one 主任, a woman among them, a three-year term.
 * Warnings, not refusals: the registry must be able to record a committee as it really is.
 */
export function committeeWarnings(mediators: readonly Mediator[], today: string): CommitteeWarning[] {
  const members = membersOn(mediators, today);
  const warnings: CommitteeWarning[] = [];
  if (members.length < 3) warnings.push({ code: 'network.warn.tooFew', count: members.length });
  if (members.length > 9) warnings.push({ code: 'network.warn.tooMany', count: members.length });
  if (members.length > 0 && !members.some((m) => m.gender === '女')) warnings.push({ code: 'network.warn.noWoman' });
  if (members.length > 0 && !members.some((m) => m.memberRole === '主任')) warnings.push({ code: 'network.warn.noChair' });
  const expired = members.filter((m) => m.termEnd !== null && m.termEnd < today).map((m) => m.name);
  if (expired.length > 0) warnings.push({ code: 'network.warn.termExpired', names: expired });
  return warnings;
}

/** Villages that must have a committee: every 村委会 and 居委会 (Art 8); farm living areas need not. */
export const needsCommittee = (villageCode: string): boolean => villageKind(villageCode) !== '其他';

export const LEGAL_PERSONS_TARGET = 3;

export interface Coverage {
  /** Villages (村/居) with their own committee ÷ villages (村/居). */
  committees: { numerator: number; denominator: number };
  /** Villages with at least LEGAL_PERSONS_TARGET 法律明白人 ÷ villages. */
  legalPersons: { numerator: number; denominator: number };
  /** 法律明白人 in office ÷ villages (the target is 3 each). */
  legalPersonsPerVillage: { numerator: number; denominator: number };
  /** Villages below the target, with their count. */
  shortVillages: { villageCode: string; count: number }[];
}

export function coverage(villageCodes: readonly string[], withCommittee: ReadonlySet<string>, legalPersonsByVillage: ReadonlyMap<string, number>): Coverage {
  const villages = villageCodes.filter(needsCommittee);
  const short = villages.map((code) => ({ villageCode: code, count: legalPersonsByVillage.get(code) ?? 0 })).filter((x) => x.count < LEGAL_PERSONS_TARGET);
  const people = villages.reduce((sum, code) => sum + (legalPersonsByVillage.get(code) ?? 0), 0);
  return {
    committees: { numerator: villages.filter((c) => withCommittee.has(c)).length, denominator: villages.length },
    legalPersons: { numerator: villages.length - short.length, denominator: villages.length },
    legalPersonsPerVillage: { numerator: people, denominator: villages.length },
    shortVillages: short,
  };
}

/** The organisation and staffing table of the statistics (domain.md §3.3). */
export interface OrgTable {
  committees: Record<CommitteeType, number>;
  committeesTotal: number;
  mediators: number;
  fullTime: number;
  women: number;
  legalPersons: number;
  households: number;
  /** 少数民族 mediators (民族 other than 汉族). */
  minority: number;
  /** Mediators who are members of their committee (主任, 副主任, 委员); the rest are 聘任 (Art 13). */
  members: number;
  /** Mediators and 专职 among them by the kind (level) of their committee. */
  mediatorsByType: Record<CommitteeType, number>;
  fullTimeByType: Record<CommitteeType, number>;
  /** 培训人次 and hours of mediators in office, from the year's start (or the report's period) to the day counted. */
  trainings: number;
  trainingHours: number;
  /** Mediators with 大专 or higher (学历 recorded as such). */
  college: number;
  /** Mediators whose 学历 is not recorded. */
  educationUnknown: number;
  /** 人民调解工作经费 and 调解员补贴 of the committees for the year counted, in 分. */
  fundingCents: number;
  subsidyCents: number;
}

const perType = () => Object.fromEntries(committeeTypes.map((t) => [t, 0])) as Record<CommitteeType, number>;

export const emptyOrgTable = (): OrgTable => ({
  committees: perType(),
  committeesTotal: 0, mediators: 0, fullTime: 0, women: 0, legalPersons: 0, households: 0,
  minority: 0, members: 0, mediatorsByType: perType(), fullTimeByType: perType(), trainings: 0, trainingHours: 0,
  college: 0, educationUnknown: 0, fundingCents: 0, subsidyCents: 0,
});

// ---- input schemas (server API and forms) ----

const k = (key: MessageKey) => key;
const name = v.pipe(v.string(k('network.name.required')), v.trim(), v.minLength(1, k('network.name.required')), v.maxLength(100, k('validation.tooLong')));
const optionalDate = v.nullable(v.pipe(v.string(k('network.date.invalid')), v.check(isIsoDate, k('network.date.invalid'))));
const phone = v.nullable(v.pipe(v.string(k('party.phone.invalid')), v.trim(), v.regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, k('party.phone.invalid'))));
const areaCode = v.pipe(v.string(k('network.area.invalid')), v.regex(/^(\d{6}|\d{9}|\d{12})$/, k('network.area.invalid')));

export const CommitteeInputSchema = v.strictObject({
  location: areaCode,
  type: v.picklist(committeeTypes, k('network.type.invalid')),
  name,
  phone,
  address: v.nullable(v.pipe(v.string(), v.maxLength(200, k('validation.tooLong')))),
  foundedOn: optionalDate,
  dissolvedOn: optionalDate,
  // Optional: clients from before case numbers per committee leave the stored one as it is.
  shortName: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(20, k('validation.tooLong'))))),
});
export type CommitteeInput = v.InferOutput<typeof CommitteeInputSchema>;

/** A mediator's own fields, shared by the mediator API and a committee's member rows. */
const mediatorFields = {
  name: v.pipe(name, v.maxLength(30, k('validation.tooLong'))),
  gender: v.picklist(['男', '女'], k('party.gender.invalid')),
  ethnicity: v.pipe(v.string(k('network.ethnicity.required')), v.trim(), v.minLength(1, k('network.ethnicity.required')), v.maxLength(20, k('validation.tooLong'))),
  phone,
  isPhonePublic: v.boolean(),
  memberRole: v.nullable(v.picklist(memberRoles, k('network.role.invalid'))),
  isFullTime: v.boolean(),
  termStart: optionalDate,
  termEnd: optionalDate,
  leftOn: optionalDate,
  /** Absent: left as stored (a committee's member rows do not carry it). */
  education: v.optional(v.nullable(v.picklist(educationLevels))),
};
const recordId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const MediatorInputSchema = v.strictObject({
  committeeId: recordId, ...mediatorFields,
  /** The mediator's sign-in account; absent: left as stored, null: unlinked. */
  accountId: v.optional(v.nullable(recordId)),
});
export type MediatorInput = v.InferOutput<typeof MediatorInputSchema>;

/** One member row of a committee save: with the id of an existing member, or null for a new one. */
export const CommitteeMemberInputSchema = v.strictObject({ id: v.nullable(recordId), ...mediatorFields });
export type CommitteeMemberInput = v.InferOutput<typeof CommitteeMemberInputSchema>;

/**
 * PUT /api/registry/committees/:id: the committee and the member rows that changed — added (id
 * null), changed, or left (leftOn set; nothing is deleted) — written in one transaction or not
 * at all. Members not listed stay as they are.
 */
export const CommitteeSaveSchema = v.strictObject({
  committee: CommitteeInputSchema,
  members: v.pipe(v.array(CommitteeMemberInputSchema), v.maxLength(60)),
});
export type CommitteeSave = v.InferOutput<typeof CommitteeSaveSchema>;

export const TrainingInputSchema = v.strictObject({
  on: v.pipe(v.string(k('network.date.invalid')), v.check(isIsoDate, k('network.date.invalid'))),
  title: name,
  hours: v.pipe(v.number(), v.minValue(0), v.maxValue(1000)),
});
export type TrainingInput = v.InferOutput<typeof TrainingInputSchema>;

export const LegalPersonInputSchema = v.strictObject({
  kind: v.picklist(legalPersonKinds, k('network.kind.invalid')),
  villageCode: v.pipe(v.string(k('network.area.invalid')), v.regex(/^\d{12}$/, k('network.area.invalid'))),
  name: v.pipe(name, v.maxLength(30, k('validation.tooLong'))),
  phone,
  isPhonePublic: v.boolean(),
  certifiedOn: optionalDate,
  leftOn: optionalDate,
});
export type LegalPersonInput = v.InferOutput<typeof LegalPersonInputSchema>;

/** PUT /api/registry/committees/:id/funding: a committee's 经费 and 补贴 of one year, in 分. */
export const FundingInputSchema = v.strictObject({
  year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  fundingCents: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e12)),
  subsidyCents: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e12)),
});
export type FundingInput = v.InferOutput<typeof FundingInputSchema>;
export type Funding = FundingInput;
