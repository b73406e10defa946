// 移交 (referral) of a case up the network: a village committee hands a hard case to its town's
// 镇调委会, the county centre or a 派驻 committee (若干规定 Art 21: 疑难复杂 disputes go up a level).
// A referral is a record of its own beside the case (one case, one history): sent → 接收 or 退回
// with a reason. The case's holder changes only on 接收 (the server moves it to the receiving
// committee's area); on 退回 it never moved. The sender keeps the referral record, which carries
// the case's summary and, once accepted, its outcome as the receiver records it — never the
// receiver's session notes.
//
// The clock: the receiver must 接收 or 退回 within N working days of the day it was sent (N per
// county, default DEFAULT_DUE_WORKING_DAYS). Working days skip Saturdays and Sundays only:
// 法定节假日 and their 调休 workdays are announced by the State Council each year and no maintained
// source is bundled, so a phone offline cannot know them; a referral due over a holiday shows as
// overdue a little early, never late.
import { addDays, daysBetween } from './dates.ts';
import type { CaseOutcome, CaseStatus } from './lifecycle.ts';

export const referralStatuses = ['sent', 'accepted', 'returned'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const DEFAULT_DUE_WORKING_DAYS = 3;
/** The county setting's bounds: at least a day, at most a month of working days. */
export const MIN_DUE_WORKING_DAYS = 1;
export const MAX_DUE_WORKING_DAYS = 20;
/** A reason is a sentence or a short paragraph. */
export const REASON_MAX = 500;

export interface ReferralSide {
  committeeId: string;
  committeeName: string;
  /** The committee's 12-digit case area (committee-area.ts) and its town and county. */
  areaCode: string;
  townCode: string;
  countyCode: string;
}

/** What the receiver reads before deciding, and the sender keeps afterwards (sealed on the phone). */
export interface ReferralSummary {
  caseNo: string | null;
  provisionalNo: string;
  categoryCode: string;
  acceptedOn: string;
  parties: string[];
  facts: string;
}

/** The case's result as the holder records it, copied back to the referral for the sender. */
export interface ReferralOutcome {
  status: CaseStatus;
  outcome: CaseOutcome;
  /** 协议生效日期 of a successful mediation. */
  agreementOn: string | null;
  /** 终止 reason of a failed one. */
  terminationReason: string | null;
}

export interface ReferralRecord {
  id: string;
  caseId: string;
  from: ReferralSide;
  to: ReferralSide;
  reason: string;
  status: ReferralStatus;
  sentAt: string;
  sentBy: string;
  /** Sensitive: a person's name. */
  sentByName: string;
  /** The last day (Beijing date) to 接收 or 退回. */
  dueOn: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  /** 退回's reason. */
  returnReason: string | null;
  summary: ReferralSummary;
  /** Set once accepted, and kept current while the receiver works the case. */
  outcome: ReferralOutcome | null;
  version: number;
}

const isWeekend = (isoDate: string): boolean => {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** The date `n` working days after `isoDate` (the sending day itself does not count). */
export function addWorkingDays(isoDate: string, n: number): string {
  let day = isoDate;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (!isWeekend(day)) left -= 1;
  }
  return day;
}

/** Working days from `from` to `to` (positive when `to` is later; weekends not counted). */
export function workingDaysBetween(from: string, to: string): number {
  const sign = from <= to ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  for (let d = a; d < b; d = addDays(d, 1)) if (!isWeekend(addDays(d, 1))) count += 1;
  return sign * count;
}

/** Waiting for 接收/退回 past its due day. */
export const isOverdue = (r: Pick<ReferralRecord, 'status' | 'dueOn'>, today: string): boolean => r.status === 'sent' && today > r.dueOn;

/** Calendar days since it was sent (the inbox's age), by Beijing dates. */
export const referralAgeDays = (sentOn: string, today: string): number => Math.max(0, daysBetween(sentOn, today));

/** The committee a referral may go to, as the rule needs it. */
export interface ReferralTarget {
  id: string;
  /** The 12-digit case area of the committee. */
  areaCode: string;
}

/**
 * Up the network, never down or sideways to another town: a case may go to its own town's
 * committees (the 镇调委会, a 派驻 or 行业性 committee registered at the town) or to a committee
 * serving the whole county (the county's centre, the court's, police's or 信访's 派驻 committees,
 * 行业性专业性 and 企事业 committees registered at the county) — never to a village committee, to
 * another town's, to another county's, or to its own holder. The server applies the same rule to
 * the committees it knows (a committee it does not know is refused before this).
 */
export function mayReferTo(holder: { committeeId: string | null; townCode: string; countyCode: string }, target: ReferralTarget): boolean {
  if (target.id === holder.committeeId) return false;
  if (target.areaCode.slice(0, 6) !== holder.countyCode) return false;
  return target.areaCode.endsWith('000000') || target.areaCode === `${holder.townCode}000`;
}

/** Newest first for the sender, due first for the receiver: overdue and oldest on top. */
export function compareInbox(a: Pick<ReferralRecord, 'dueOn' | 'sentAt'>, b: Pick<ReferralRecord, 'dueOn' | 'sentAt'>): number {
  return a.dueOn.localeCompare(b.dueOn) || a.sentAt.localeCompare(b.sentAt);
}

/**
 * 移交 figures of an area and period (server referrals/counts.ts): `out` sent by committees of the
 * area, `in` accepted by committees of the area, `returned` sent back by them, `waiting` sent to
 * them and not yet decided. A referral is never a 受理: the case is counted once, by the committee
 * that holds it (stats.referral.rule; docs/referral.md).
 */
export interface ReferralCounts {
  out: number;
  in: number;
  returned: number;
  waiting: number;
}

export const noReferrals = (): ReferralCounts => ({ out: 0, in: 0, returned: 0, waiting: 0 });
