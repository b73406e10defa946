// What a signed month forbids, for both ends: the server refuses such a change into 待核对
// (server/stats/month-locks.ts), the device refuses it on the form before saving (db/write.ts),
// so the person editing hears it at once and nothing optimistic is said first. Once a town has
// signed off a month's statistics, a change that would alter that month's figures — 受理, 成功,
// 不成, 未结 — is locked. Changes that leave the figures alone (sessions, notes, parties' details)
// still go through, and so do the facts that come after the month by nature — the 回访 (履行),
// the court's 司法确认, moving an ended case on to 已回访/归档: refusing them would keep a signed
// month's cases from ever being finished. The report counts 履行 and 司法确认 as of the day it is made.
import type { CaseRecord } from './case.ts';
import { lockedFields } from './fields/case-fields.ts';
import type { CaseStatus } from './lifecycle.ts';
import type { MutationBody } from './mutations.ts';
import { monthOf } from './stat-periods.ts';

/** One signed month of one town, as the device keeps it (GET /api/sync/locks). */
export interface SignedMonth {
  /** The town's 9-digit code. */
  town: string;
  townName: string;
  /** YYYY-MM */
  month: string;
  /** The county signed the month too: only the county can unlock it then. */
  county: boolean;
}

export interface SignedMonths {
  months: SignedMonth[];
  /** When the server answered (ISO): the device shows how old its knowledge is. */
  at: string;
}

/** A place and day that decide which signed month, if any, holds a case. */
export interface Holding {
  villageCode: string;
  acceptedOn: string;
}

// Only the steps that end a case change 受理/成功/不成/未结; 调解中, 已回访 and 归档 do not.
const lockedSteps: readonly CaseStatus[] = ['agreed', 'terminated', 'rejected'];

/** Does this change alter the figures of the month its case is counted in? */
export function changesStatistics(m: MutationBody): boolean {
  switch (m.name) {
    case 'case.create':
    case 'case.void':
      return true;
    case 'case.transition':
      return lockedSteps.includes(m.args.to);
    case 'case.patch':
      return lockedFields.some((f) => m.patch[f] !== undefined);
    case 'conflict.resolve':
      return lockedFields.includes(m.args.field);
    case 'event.append':
    case 'review.dismiss':
    case 'screening.save':
    case 'alert.raise':
    case 'alert.ack':
    // 移交 moves a case to another committee's area on 接收; the cells follow the holder, and a
    // signed month is not re-opened for it (the referral is recorded, the sign-off stands).
    case 'referral.send':
    case 'referral.accept':
    case 'referral.return':
      return false;
  }
}

const isHolding = (villageCode: unknown, acceptedOn: unknown): boolean =>
  typeof villageCode === 'string' && typeof acceptedOn === 'string' && villageCode.length === 12 && acceptedOn.length >= 7;

/**
 * The (village, 受理日期) pairs whose months must not be signed for the change to go ahead, in
 * the order to check them: a case is held by the month it was accepted in, before the change
 * and — for a moved date or village — after it. Empty: the change touches no figures.
 */
export function holdingsOf(m: MutationBody, before: Pick<CaseRecord, 'villageCode' | 'acceptedOn'> | undefined): Holding[] {
  if (!changesStatistics(m)) return [];
  const out: Holding[] = [];
  const add = (villageCode: unknown, acceptedOn: unknown) => {
    if (isHolding(villageCode, acceptedOn)) out.push({ villageCode: villageCode as string, acceptedOn: acceptedOn as string });
  };
  if (m.name === 'case.create') {
    add(m.args.record.villageCode, m.args.record.acceptedOn);
    return out;
  }
  if (!before) return out;
  add(before.villageCode, before.acceptedOn);
  const nextVillage = m.name === 'case.patch' ? m.patch.villageCode?.next : m.name === 'conflict.resolve' && m.args.field === 'villageCode' ? m.args.value : undefined;
  const nextDate = m.name === 'case.patch' ? m.patch.acceptedOn?.next : m.name === 'conflict.resolve' && m.args.field === 'acceptedOn' ? m.args.value : undefined;
  if (nextVillage !== undefined || nextDate !== undefined) add(nextVillage ?? before.villageCode, nextDate ?? before.acceptedOn);
  return out;
}

/** The town and month of a holding, the keys signed months are looked up by. */
export const townMonthOf = (h: Holding): { town: string; month: string } => ({ town: h.villageCode.slice(0, 9), month: monthOf(h.acceptedOn) });

/** The first signed month the change would alter, from a list of signed months; undefined = go ahead. */
export function lockedBy(m: MutationBody, before: Pick<CaseRecord, 'villageCode' | 'acceptedOn'> | undefined, signed: readonly SignedMonth[]): SignedMonth | undefined {
  for (const h of holdingsOf(m, before)) {
    const { town, month } = townMonthOf(h);
    const hit = signed.find((s) => s.town === town && s.month === month);
    if (hit) return hit;
  }
  return undefined;
}
