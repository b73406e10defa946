// The server's side of the 移交 mutations (shared/mutations.ts ReferralMutation), inside the push's
// write transaction. Never trusting the phone:
// - 移交 (send): only by someone whose scope holds the case (403 for the whole push otherwise, as
//   for any case outside it), only to a committee the server knows and the network rule allows
//   (referral.ts mayReferTo), only for an open case with no referral already waiting.
// - 接收/退回: only by a member of the receiving committee, or staff of the town or county it sits
//   in (403 with the sentence that says who may). On 接收 the case moves to the receiving
//   committee: its committeeId and area change, and finalize.ts evicts it from the sender's phones
//   and re-tags its history for the receiver's — one case, one history.
// Two phones deciding one referral at once: the first to reach the server decides (the push
// order is the commit order); a second of the same kind is a no-op, one of the other kind is
// refused and kept in 待核对 with who decided first — both stay in mutation_log.
import { uuidv7 } from 'uuidv7';
import type { CaseRecord } from '../../shared/case.ts';
import type { CaseEvent, ReferralStep } from '../../shared/events.ts';
import type { Mutation, ReferralMutation } from '../../shared/mutations.ts';
import { isOpen } from '../../shared/lifecycle.ts';
import { addWorkingDays, DEFAULT_DUE_WORKING_DAYS, mayReferTo, REASON_MAX, type ReferralRecord, type ReferralSide } from '../../shared/referral.ts';
import { caseAreaOf } from '../../shared/committee-area.ts';
import { countyCodeOf, townCodeOf } from '../../shared/areas.ts';
import { localDate } from '../../shared/dates.ts';
import { t, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { assertCaseInScope, canSee, mediatorCommittees, type Principal } from '../auth/principal.ts';
import { ApiError } from '../http/errors.ts';
import type { Applied } from '../sync/apply.ts';
import type { Batch } from '../sync/batch.ts';
import { parseJson } from '../sync/records.ts';
import { referralChanges, referralRow } from './records.ts';

type M<N extends ReferralMutation['name']> = Extract<Mutation, { name: N }>;

const refuse = (code: MessageKey, params?: MessageParams): Applied => ({ status: 'rejected', code, ...(params ? { params } : {}) });

export async function applyReferralMutation(b: Batch, m: Mutation & ReferralMutation): Promise<Applied> {
  switch (m.name) {
    case 'referral.send':
      return send(b, m as M<'referral.send'>);
    case 'referral.accept':
    case 'referral.return':
      return decide(b, m as M<'referral.accept'> | M<'referral.return'>);
  }
}

async function committeeSide(b: Batch, id: string | null | undefined, areaCode?: string): Promise<ReferralSide | undefined> {
  const q = b.tx.selectFrom('committees').select(['id', 'name', 'location']).where('dissolved_on', 'is', null);
  const row = id ? await q.where('id', '=', id).executeTakeFirst() : areaCode ? await q.where('area_code', '=', areaCode).executeTakeFirst() : undefined;
  if (!row) return undefined;
  const area = caseAreaOf(row.location);
  return { committeeId: row.id, committeeName: row.name, areaCode: area, townCode: townCodeOf(area), countyCode: countyCodeOf(area) };
}

const reasonProblem = (reason: string): MessageKey | undefined =>
  reason.trim() === '' ? 'referral.reasonRequired' : reason.length > REASON_MAX ? 'referral.reasonTooLong' : undefined;

/** The county's working days to decide (referral_settings), else the default. */
export async function dueWorkingDays(b: Pick<Batch, 'tx'>, countyCode: string): Promise<number> {
  const row = await b.tx.selectFrom('referral_settings').select('due_working_days').where('county_code', '=', countyCode).executeTakeFirst();
  return row ? Number(row.due_working_days) : DEFAULT_DUE_WORKING_DAYS;
}

function noteOf(b: Batch, record: CaseRecord, m: Mutation, step: ReferralStep, text: string): CaseEvent {
  return {
    id: uuidv7(), caseId: record.id, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode,
    at: b.now, author: m.userId, kind: 'note', data: { text, topic: 'referral', referral: step },
  };
}

async function send(b: Batch, m: M<'referral.send'>): Promise<Applied> {
  const entry = b.caseEntry(m.caseId);
  if (!entry) return refuse('sync.caseMissing');
  assertCaseInScope(b.principal, entry.record);
  const sent = m.args.referral;
  const existing = await b.tx.selectFrom('referrals').select('case_id').where('id', '=', sent.id).executeTakeFirst();
  // Sent again under another mutationId (a restored outbox): nothing new.
  if (existing) return existing.case_id === m.caseId ? { status: 'applied' } : refuse('referral.notFound');
  const record = entry.record;
  if (record.voided) return refuse('case.voidedError');
  if (!isOpen(record.status)) return refuse('referral.caseClosed');
  const problem = reasonProblem(sent.reason);
  if (problem) return refuse(problem);
  const from = await committeeSide(b, record.committeeId, record.villageCode);
  if (!from) return refuse('push.committeeUnknown');
  const to = await committeeSide(b, sent.toCommitteeId);
  if (!to) return refuse('referral.targetUnknown');
  if (!mayReferTo({ committeeId: from.committeeId, townCode: record.townCode, countyCode: record.countyCode }, { id: to.committeeId, areaCode: to.areaCode })) return refuse('referral.targetNotAllowed');
  const waiting = await b.tx.selectFrom('referrals').select('id').where('case_id', '=', record.id).where('status', '=', 'sent').executeTakeFirst();
  if (waiting) return refuse('referral.alreadyPending');
  const sentOn = localDate(new Date(b.now));
  const referral: ReferralRecord = {
    id: sent.id, caseId: record.id, from, to, reason: sent.reason.trim(), status: 'sent', sentAt: b.now, sentBy: m.userId,
    sentByName: await b.displayName(m.userId), dueOn: addWorkingDays(sentOn, await dueWorkingDays(b, record.countyCode)),
    decidedAt: null, decidedBy: null, decidedByName: null, returnReason: null,
    summary: {
      caseNo: record.caseNo, provisionalNo: record.provisionalNo, categoryCode: record.categoryCode, acceptedOn: record.acceptedOn,
      parties: record.private.parties.map((p) => p.name), facts: record.private.facts,
    },
    outcome: null, version: 1,
  };
  const row = referralRow(referral);
  await b.tx.insertInto('referrals').values(row).execute();
  b.records.push(...referralChanges(referral, row.data));
  b.addEvent(noteOf(b, record, m, { referralId: referral.id, action: 'sent', from: from.committeeName, to: to.committeeName }, referral.reason));
  b.touched.add(record.id);
  return { status: 'applied' };
}

/** Members of the receiving committee; staff whose area holds it (its town's 司法所, the county's 司法局). */
export function mayDecide(principal: Principal, r: Pick<ReferralRecord, 'to'>): boolean {
  const committees = mediatorCommittees(principal);
  if (committees !== undefined) return committees.includes(r.to.committeeId);
  if (principal.role === 'mediator') return false;
  return canSee(principal, r.to.areaCode);
}

async function decide(b: Batch, m: M<'referral.accept'> | M<'referral.return'>): Promise<Applied> {
  const row = await b.tx.selectFrom('referrals').select(['data', 'version', 'case_id']).where('id', '=', m.args.referralId)
    .$if(b.lock, (q) => q.forUpdate()).executeTakeFirst();
  if (!row || row.case_id !== m.caseId) return refuse('referral.notFound');
  const before = parseJson<ReferralRecord>(row.data);
  if (!mayDecide(b.principal, before)) throw new ApiError(403, 'referral.forbidden');
  const action = m.name === 'referral.accept' ? 'accepted' : 'returned';
  if (before.status !== 'sent') {
    if (before.status === action) return { status: 'applied' };
    return refuse('referral.alreadyDecided', { name: before.decidedByName ?? '', action: t(`referral.status.${before.status}`) });
  }
  const reason = m.name === 'referral.return' ? m.args.reason.trim() : null;
  if (m.name === 'referral.return') {
    const problem = reasonProblem(m.args.reason);
    if (problem) return refuse(problem);
  }
  const entry = b.caseEntry(m.caseId);
  if (!entry) return refuse('sync.caseMissing');
  const referral: ReferralRecord = {
    ...before, status: action, decidedAt: b.now, decidedBy: m.userId, decidedByName: await b.displayName(m.userId),
    returnReason: reason, version: Number(row.version) + 1,
  };
  let record = entry.record;
  if (action === 'accepted') {
    // The case is now the receiver's: it sits where its committee does (committee-area.ts).
    const to = referral.to;
    record = {
      ...record, committeeId: to.committeeId, committeeName: to.committeeName, villageCode: to.areaCode, townCode: to.townCode,
      countyCode: to.countyCode, updatedAt: b.now, version: record.version + 1,
    };
    entry.record = record;
    entry.dirty = true;
    referral.outcome = outcomeOf(record);
  }
  const next = referralRow(referral);
  await b.tx.updateTable('referrals').set({ status: next.status, decided_at: next.decided_at, version: next.version, data: next.data }).where('id', '=', referral.id).execute();
  b.records.push(...referralChanges(referral, next.data));
  b.addEvent(noteOf(b, record, m, { referralId: referral.id, action, from: referral.from.committeeName, to: referral.to.committeeName }, reason ?? ''));
  b.touched.add(record.id);
  return { status: 'applied' };
}

/** The case's result as the sender may see it: status and outcome, no session notes. */
export function outcomeOf(record: CaseRecord): ReferralRecord['outcome'] {
  return {
    status: record.status, outcome: record.outcome, agreementOn: record.agreement?.effectiveOn ?? null,
    terminationReason: record.termination?.reason ?? null,
  };
}
