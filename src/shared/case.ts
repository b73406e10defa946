// The case aggregate: one 民间纠纷 handled by one 调委会 (人民调解法 Art 2). Header fields live on
// the record and merge field by field; sessions, investigations and visits are append-only child
// events (events.ts). Personal data (parties, facts, claims, place) sits together under `private`
// so it is never indexed and can be encrypted as one payload later (DESIGN.md §Data).

import type { CaseStatus, CaseOutcome } from './lifecycle.ts';
import type { PatchableField } from './fields/case-fields.ts';
import type { CourtReferral } from './court.ts';
import { clearableFields } from './fields/clearable.ts';

export type Gender = '男' | '女';
// Stored values are short and stable ('申请'); what a person reads is the catalogue's `source.*`
// ("当事人申请"). 检察院移送: procuratorates refer civil disputes too (人民调解法 Art 18). 法院委派
// (before the court files the suit) and 法院委托 (after) carry the court's reference (court.ts);
// 法院移送 stays for what came from a court without one (old records, paper ledgers).
export type CaseSource = '申请' | '主动调解' | '法院委派' | '法院委托' | '法院移送' | '检察院移送' | '公安移送' | '信访移送' | '其他移送';
export const caseSources: readonly CaseSource[] = ['申请', '主动调解', '法院委派', '法院委托', '法院移送', '检察院移送', '公安移送', '信访移送', '其他移送'];

/** 自然人 or 单位 (a company, an association, an organ): a 单位 party signs by seal and its 法定代表人. */
export type PartyKind = '自然人' | '单位';
export const partyKinds: readonly PartyKind[] = ['自然人', '单位'];

/**
 * One party. A 自然人 has the person's particulars (性别 … 工作单位); a 单位 (`kind: '单位'`) has
 * its name in `name`, its 住所 in `address`, and 法定代表人（负责人） and 统一社会信用代码 instead.
 */
export interface Party {
  id: string;
  role: '申请人' | '被申请人';
  /** Absent on parties recorded before organisations could be: a 自然人. */
  kind?: PartyKind;
  name: string;
  gender?: Gender;
  ethnicity?: string;
  age?: number;
  birthDate?: string;
  occupation?: string;
  phone?: string;
  address?: string;
  idNumber?: string;
  /** 签发机关 on the back of the person's 居民身份证 (read by 扫描身份证 or typed). */
  idIssuer?: string;
  /** 有效期限 on the card's back: "2015.03.01-2035.03.01" or "2015.03.01-长期". */
  idValidity?: string;
  /** 工作单位 of a person. */
  employer?: string;
  /** 法定代表人（负责人） of a 单位. */
  legalRep?: string;
  /** 统一社会信用代码 of a 单位 (GB 32100, check character verified). */
  creditCode?: string;
}

export const isOrganisation = (p: Pick<Party, 'kind'>): boolean => p.kind === '单位';

export interface CasePrivate {
  parties: Party[];
  /** 纠纷简要情况 */
  facts: string;
  /** 申请事项, one per line item */
  claims: string[];
  place: string;
}

/** 公开 or 不公开 调解: the parties may ask for either (人民调解法 Art 23 (三)). */
export type MediationPublicity = '公开' | '不公开';
export const mediationPublicities: readonly MediationPublicity[] = ['公开', '不公开'];

export type AgreementForm = '书面' | '口头';
export type PerformanceStatus = '已履行' | '部分履行' | '未履行';

/**
 * One sum a party pays under the agreement, stated so a court can enforce it (a term without an
 * amount, a way, a time and a place is refused as 内容不明确).
 */
export interface MoneyTerm {
  payer: string;
  payee: string;
  amountYuan: number;
  /** 履行方式: 现金一次付清, 银行转账, 分两期… */
  method: string;
  /** 履行期限 (ISO date) */
  deadline: string;
  /** 履行地点 */
  place: string;
}

/**
 * What an agreement disposes of, where it matters for 司法确认 (民诉法解释 Art 355): 身份关系
 * (婚姻、收养) and 物权确权 are not confirmed; an agreement that otherwise deals with 物权
 * (a house, land use rights) needs the proof of the right in the package.
 */
export type AgreementConcern = '身份关系' | '物权确权' | '物权';
export const agreementConcerns: readonly AgreementConcern[] = ['身份关系', '物权确权', '物权'];

export interface Agreement {
  form: AgreementForm;
  terms: string[];
  performanceMethod: string;
  /** 履行期限 (ISO date) */
  performanceDeadline: string;
  /** 履行地点 of what is not a payment (a handover, a repair); the payments carry their own. */
  performancePlace?: string;
  /** 协议涉及金额, in 元: the sum of `money` when terms are given (statistics read this). */
  amountYuan: number;
  /** 生效日期: last signature (书面, Art 29) or the day reached (口头, Art 30). */
  effectiveOn: string;
  /** Each payment; absent on agreements recorded before the terms were asked for. */
  money?: MoneyTerm[];
  /** 各方当事人的责任 (Art 29). */
  liability?: string;
  /** Only for 司法确认 purposes; absent = none of them. */
  concerns?: AgreementConcern[];
  /**
   * An oral agreement with money or later performance should be written (若干规定 Art 34); true
   * records that the parties were told and still chose oral — a choice kept, not a refusal.
   */
  oralChosen?: boolean;
}

/** 督促履行 (若干规定 Art 39): opened when a 回访 found the agreement 未履行. */
export interface UrgeStep {
  openedOn: string;
  due: string;
  /** The day the mediator urged performance; null while it is still to do. */
  doneOn: string | null;
  note: string;
}

/** What follows an agreement besides the 回访: 督促履行 and the parties' waiver of 司法确认. */
export interface FollowUp {
  urge: UrgeStep | null;
  /** The day the parties said they will not apply for 司法确认 (the reminder ends). */
  confirmationWaivedOn: string | null;
}

/** The court's answer to a joint application for 司法确认 (人民调解法 Art 33; 2011 SPC rules Art 4–7). */
export type ConfirmationResult = '审查中' | '确认有效' | '驳回' | '撤回';
export const confirmationResults: readonly ConfirmationResult[] = ['审查中', '确认有效', '驳回', '撤回'];

/** 司法确认 of a written agreement: applied for within 30 days of its effective date, decided by the court. */
export interface JudicialConfirmation {
  appliedOn: string;
  court: string;
  result: ConfirmationResult;
  /** 裁定/撤回 date; null while the court is still examining the application (审查中). */
  decidedOn: string | null;
}

export interface Termination {
  reason: string;
  /** 已告知当事人可通过仲裁、行政、司法等途径解决 (Art 26) */
  otherRoutesTold: boolean;
}

export interface Rejection {
  reason: '当事人拒绝调解' | '法院已受理' | '公安机关已受理' | '行政机关已受理' | '其他';
  note: string;
}

export interface PreventionFlags {
  suicide: number;
  criminal: number;
  groupPetition: number;
  groupFight: number;
}

export interface CaseRecord {
  id: string;
  /** Server version; 0 until the server has accepted the case. */
  version: number;
  villageCode: string;
  townCode: string;
  countyCode: string;
  /**
   * The registered committee that holds the case (issue #14); `villageCode` is then its area in
   * 12 digits (committee-area.ts). Absent on cases recorded before committees held cases.
   */
  committeeId?: string | null;
  committeeName: string;
  /** Human number `（2026）开鲁人调字第42号`, assigned by the server at first push. */
  caseNo: string | null;
  /** Shown until `caseNo` arrives: the device's own running label. */
  provisionalNo: string;
  status: CaseStatus;
  outcome: CaseOutcome;
  categoryCode: string;
  source: CaseSource;
  acceptedOn: string;
  mediators: string[];
  isDifficult: boolean;
  /** 涉及当事人数: persons the dispute involves (the report's measure); absent = not recorded. */
  partiesInvolved?: number;
  /** Persons involved in each prevented escalation; 0 = not applicable. */
  prevention: PreventionFlags;
  /** The 评理说事点 the dispute came through (its name); absent = not through one. */
  intakePoint?: string;
  /** 公开/不公开 调解 as the parties chose (Art 23); absent = not recorded. */
  mediationPublic?: MediationPublicity;
  /**
   * A dispute that may turn into a 治安/刑事 case was reported to the police (Art 25); asked only
   * when an escalation (刑事, 械斗) is flagged; absent = not recorded.
   */
  policeReported?: boolean;
  agreement: Agreement | null;
  /** Absent on records saved before the field existed: read it as null. */
  judicialConfirmation?: JudicialConfirmation | null;
  /** Absent on records saved before the field existed: read it as null. */
  followUp?: FollowUp | null;
  /** 诉调对接: the court's reference of a 法院委派/委托 case (court.ts); null or absent otherwise. */
  court?: CourtReferral | null;
  termination: Termination | null;
  rejection: Rejection | null;
  private: CasePrivate;
  /** Set by the server when two devices changed the same field (待核对). */
  needsReview: boolean;
  voided: { reason: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** Header fields that a `case.patch` may change: the keys of the field registry (fields/case-fields.ts). */
export type { PatchableField };

export function noPrevention(): PreventionFlags {
  return { suicide: 0, criminal: 0, groupPetition: 0, groupFight: 0 };
}

export function readField(record: CaseRecord, field: PatchableField): unknown {
  if (field.startsWith('private.')) return record.private[field.slice(8) as keyof CasePrivate];
  return record[field as Exclude<PatchableField, `private.${string}`>];
}

/** Returns a copy of `record` with `field` set; never mutates the input. */
export function writeField(record: CaseRecord, field: PatchableField, value: unknown): CaseRecord {
  if (value == null && clearableFields.has(field)) {
    const { [field as keyof CaseRecord]: _cleared, ...rest } = record;
    return rest as CaseRecord;
  }
  if (field.startsWith('private.')) {
    return { ...record, private: { ...record.private, [field.slice(8)]: value } };
  }
  const next = { ...record, [field]: value } as CaseRecord;
  if (field === 'villageCode' && typeof value === 'string') {
    next.townCode = value.slice(0, 9);
    next.countyCode = value.slice(0, 6);
  }
  return next;
}

/** The label a person sees: the server number once known, the provisional one before. */
export function caseLabel(record: Pick<CaseRecord, 'caseNo' | 'provisionalNo'>): string {
  return record.caseNo ?? record.provisionalNo;
}

/** Masks for lists and shared screens (domain.md §8.4): 张*明, 138****1234, 150523********1234. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
/**
 * `text` with every party name in it masked as `maskName` does: the same rule on every screen
 * that shows a case's free text (办理经过, 协议内容, 纠纷简要情况), longest names first so 李四 inside
 * 李四海 is not half-masked.
 */
export function maskNames(text: string, names: readonly string[]): string {
  const sorted = [...new Set(names.filter((n) => [...n].length > 1))].sort((a, b) => b.length - a.length);
  return sorted.reduce((out, name) => out.split(name).join(maskName(name)), text);
}
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(-4)}` : id;
}
