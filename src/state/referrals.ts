// 移交 for the screens: the committees this phone may refer to (kept on the phone so the form works
// offline), live reads of the referrals the pull brought (sent by this phone's committees, or to
// them), and the actions that save through db/write-referrals.ts. Whether a referral is "to us"
// follows the account: a mediator's committees, or staff whose area holds the receiving committee.
import { effect, signal } from '@preact/signals';
import { uuidv7 } from 'uuidv7';
import type { CaseRecord } from '../shared/case.ts';
import type { CommitteeRef } from '../shared/committee-area.ts';
import { countyCodeOf, townCodeOf } from '../shared/areas.ts';
import { localDate } from '../shared/dates.ts';
import { isReferralMutation } from '../shared/mutations.ts';
import { addWorkingDays, compareInbox, DEFAULT_DUE_WORKING_DAYS, mayReferTo, REASON_MAX, type ReferralRecord } from '../shared/referral.ts';
import { DomainError } from '../db/errors.ts';
import { writeReferral, writeReferralDecision } from '../db/write-referrals.ts';
import { createApiClient } from '../sync/http.ts';
import { db, isOnline, profile, writeContext } from './app-state.ts';
import { useLive, type Live } from './live.ts';
import { session } from './session.ts';

const KEY = 'shuohe.referralTargets';

/** The county's committees above the village, as the server last listed them. */
export const referralTargets = signal<CommitteeRef[]>(readKept());

function readKept(): CommitteeRef[] {
  if (typeof localStorage === 'undefined') return [];
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(kept) ? (kept as CommitteeRef[]) : [];
  } catch {
    return [];
  }
}

/** Fetches the list (public registry data: names and areas, nothing personal) and keeps it. */
export async function refreshReferralTargets(): Promise<void> {
  const api = createApiClient(fetch.bind(globalThis), '', () => session.value?.token);
  const { committees } = await api.get<{ committees: CommitteeRef[] }>('/api/referrals/targets');
  referralTargets.value = committees;
  localStorage.setItem(KEY, JSON.stringify(committees));
}

let started = false;
/** Refreshes the list whenever a signed-in account is seen online (quietly when it cannot). */
export function startReferralTargets(): void {
  if (started) return;
  started = true;
  let last = '';
  effect(() => {
    const s = session.value;
    const key = s ? `${s.me.user.id}|${s.me.scope}` : '';
    if (!s || !isOnline.value || key === last) return;
    last = key;
    refreshReferralTargets().catch(() => {
      last = '';
    });
  });
}

/** The committees the case may go to (referral.ts mayReferTo over the kept list). */
export function targetsFor(record: Pick<CaseRecord, 'committeeId' | 'townCode' | 'countyCode'>): CommitteeRef[] {
  return referralTargets.value.filter((c) => mayReferTo({ committeeId: record.committeeId ?? null, townCode: record.townCode, countyCode: record.countyCode }, { id: c.id, areaCode: c.areaCode }));
}

/** True when the referral is addressed to this account (its committee, or staff above it). */
export function isForMe(r: Pick<ReferralRecord, 'to'>): boolean {
  const me = session.value?.me;
  if (!me) return false;
  if (me.role === 'mediator') return (me.committees ?? []).some((c) => c.id === r.to.committeeId);
  return me.scope === '' || r.to.areaCode.startsWith(me.scope);
}

export interface ReferralRow {
  referral: ReferralRecord;
  /** A step of this phone still waits in the outbox. */
  pending: boolean;
}

async function withPending(rows: ReferralRecord[]): Promise<ReferralRow[]> {
  const pending = new Set<string>();
  const outbox = await db.outbox.where('caseId').anyOf(rows.map((r) => r.caseId)).toArray();
  for (const m of outbox) if (isReferralMutation(m)) pending.add(m.caseId);
  return rows.map((referral) => ({ referral, pending: pending.has(referral.caseId) }));
}

/** 待接收 addressed to this account, due first; and what its committees sent, newest first. */
export function useReferrals(): Live<{ inbox: ReferralRow[]; sent: ReferralRow[] }> {
  return useLive(async () => {
    const all = await db.referrals.toArray();
    const inbox = all.filter((r) => r.status === 'sent' && isForMe(r)).sort(compareInbox);
    const sent = all.filter((r) => !isForMe(r)).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    return { inbox: await withPending(inbox), sent: await withPending(sent) };
  }, [session.value?.me.user.id]);
}

/** The referrals of one case, newest first. */
export function useCaseReferrals(caseId: string): Live<ReferralRecord[]> {
  return useLive(async () => (await db.referrals.where('caseId').equals(caseId).toArray()).sort((a, b) => b.sentAt.localeCompare(a.sentAt)), [caseId]);
}

/** How many wait for this account, and how many of them are overdue (待办, desk). */
export function useInboxCount(today: string): Live<{ waiting: number; overdue: number }> {
  return useLive(async () => {
    const waiting = (await db.referrals.where('status').equals('sent').toArray()).filter(isForMe);
    return { waiting: waiting.length, overdue: waiting.filter((r) => today > r.dueOn).length };
  }, [today, session.value?.me.user.id]);
}

function checkReason(reason: string): void {
  if (reason.trim() === '') throw new DomainError('referral.reasonRequired', { reason: 'referral.reasonRequired' });
  if (reason.length > REASON_MAX) throw new DomainError('referral.reasonTooLong', { reason: 'referral.reasonTooLong' });
}

/** Refers a case on the phone (offline): shown at once, sent with the next sync. */
export async function referCase(record: CaseRecord, to: CommitteeRef, reason: string): Promise<ReferralRecord> {
  checkReason(reason);
  const ctx = writeContext();
  const at = ctx.now().toISOString();
  const me = session.value?.me;
  const side = (id: string, name: string, areaCode: string) => ({ committeeId: id, committeeName: name, areaCode, townCode: townCodeOf(areaCode), countyCode: countyCodeOf(areaCode) });
  return writeReferral(ctx, {
    id: uuidv7(), caseId: record.id, from: side(record.committeeId ?? '', record.committeeName, record.villageCode), to: side(to.id, to.name, to.areaCode),
    reason: reason.trim(), status: 'sent', sentAt: at, sentBy: ctx.userId, sentByName: me?.user.displayName ?? profile.value?.name ?? '',
    // The server sets the due day by the county's setting; until then the default shows.
    dueOn: addWorkingDays(localDate(new Date(at)), DEFAULT_DUE_WORKING_DAYS),
    decidedAt: null, decidedBy: null, decidedByName: null, returnReason: null,
    summary: {
      caseNo: record.caseNo, provisionalNo: record.provisionalNo, categoryCode: record.categoryCode, acceptedOn: record.acceptedOn,
      parties: record.private.parties.map((p) => p.name), facts: record.private.facts,
    },
    outcome: null, version: 0,
  });
}

export async function acceptReferral(id: string): Promise<void> {
  const referral = await db.referrals.get(id);
  if (!referral || referral.status !== 'sent') return;
  await writeReferralDecision(writeContext(), referral, { accept: true }, session.value?.me.user.displayName ?? '');
}

export async function returnReferral(id: string, reason: string): Promise<void> {
  checkReason(reason);
  const referral = await db.referrals.get(id);
  if (!referral || referral.status !== 'sent') return;
  await writeReferralDecision(writeContext(), referral, { accept: false, reason: reason.trim() }, session.value?.me.user.displayName ?? '');
}
