// 诉调对接: a case a court hands to people's mediation — 委派 before it files the suit (诉前), 委托
// after (诉中) — is taken in with the court's own reference (court, 案号, judge, the day it was
// handed over and the court's deadline), and its result goes back to the court in writing
// (调解结果告知函 / 调解终结说明). This module holds the record's shape, the 案号 rule and the
// deadline arithmetic, shared by the phone's forms, the server's checks and the documents.

import type { CaseSource } from './case.ts';
import { daysBetween } from './dates.ts';

/** The sources that carry a court reference: 委派 (before filing) and 委托 (after filing). */
export const courtSources = ['法院委派', '法院委托'] as const satisfies readonly CaseSource[];
export type CourtSource = (typeof courtSources)[number];
export const isCourtSource = (s: string): s is CourtSource => (courtSources as readonly string[]).includes(s);

export interface CourtReferral {
  /** 法院名称, e.g. 某某县人民法院. */
  court: string;
  /** 法院案号 as normalised by `checkCourtCaseNo`: （2026）蒙0523民诉前调123号. */
  caseNo: string;
  /** 承办法官. */
  judge: string;
  /** The day the court delegated (委派) or entrusted (委托) the case. */
  referredOn: string;
  /** The court's deadline for the mediation. */
  deadline: string;
  /** The day the result (告知函 / 终结说明) went back to the court; null until then. */
  returnedOn: string | null;
}

/** Days left before the court's deadline (negative once overdue). */
export const courtDaysLeft = (c: Pick<CourtReferral, 'deadline'>, today: string): number => daysBetween(today, c.deadline);

/** A court case still with the committee shows on 待办 from this many days before its deadline. */
export const COURT_DUE_SOON_DAYS = 5;

// 法院代字 (最高人民法院《关于人民法院案件案号的若干规定》, 2016): 最高法, or a province's one-character
// abbreviation (兵 for the 兵团 courts) followed by nothing (高级法院), two digits (中级) or four
// (基层, e.g. 蒙0523; 专门法院 such as 京73 use the same shape).
const PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵';
const courtCode = new RegExp(`^(最高法|[${PROVINCES}](?:\\d{4}|\\d{2})?)`);
/** 类型代字: 民初, 民终, 民特, 民诉前调, 执…: Chinese characters other than 号 (U+53F7). */
const caseType = /^[\u4e00-\u53f6\u53f8-\u9fff]{1,6}/;

/** The part of a 案号 to fix; court-schema.ts says each as a sentence (court.caseNo.*). */
export type CaseNoProblem = 'required' | 'year' | 'court' | 'type' | 'number';
export type CaseNoCheck = { ok: true; value: string } | { ok: false; error: CaseNoProblem };

/**
 * A court 案号 as printed on the court's papers: （收案年度）法院代字 类型代字 案件编号 号. Typed
 * with half-width or full-width brackets, 〔〕, spaces or full-width digits, it is normalised to
 * （2026）蒙0523民初123号; a wrong one gets the sentence that names the part to fix.
 */
export function checkCourtCaseNo(raw: string): CaseNoCheck {
  const s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/[〔［[]/g, '(').replace(/[〕］\]]/g, ')');
  if (s === '') return { ok: false, error: 'required' };
  const year = /^\((\d{4})\)/.exec(s);
  if (!year || !year[1] || Number(year[1]) < 1980 || Number(year[1]) > 2099) return { ok: false, error: 'year' };
  let rest = s.slice(year[0].length);
  const court = courtCode.exec(rest);
  if (!court || !court[1]) return { ok: false, error: 'court' };
  rest = rest.slice(court[1].length);
  // Only a number left: the type is what is missing (蒙0523123号). Other digits before the type
  // mean a court code with the wrong count of digits (蒙523民初, 蒙05231民初).
  if (/^\d+号?$/.test(rest)) return { ok: false, error: 'type' };
  if (/^\d/.test(rest)) return { ok: false, error: 'court' };
  const type = caseType.exec(rest);
  if (!type) return { ok: false, error: 'type' };
  rest = rest.slice(type[0].length);
  if (!/^[1-9]\d{0,5}号$/.test(rest)) return { ok: false, error: 'number' };
  return { ok: true, value: `（${year[1]}）${court[1]}${type[0]}${rest}` };
}

export const isCourtCaseNo = (raw: string): boolean => checkCourtCaseNo(raw).ok;
