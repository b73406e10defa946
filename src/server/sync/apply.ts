// Applying one mutation on the server: scope (403 for the whole request), content rules
// (rejected → stored for review), then the shared mutator in 'server' mode, whose same-field
// conflicts keep the first value and become review items. Status changes only through the
// shared lifecycle, inside applyMutation.
import { uuidv7 } from 'uuidv7';
import type { CaseRecord, PatchableField } from '../../shared/case.ts';
import { patchableFields } from '../../shared/fields/case-fields.ts';
import { applyMutation, isRecordMutation, isReferralMutation, type Mutation } from '../../shared/mutations.ts';
import { applyRecordMutation } from '../screening/sync-apply.ts';
import { applyReferralMutation } from '../referrals/sync-apply.ts';
import { nextStatuses } from '../../shared/lifecycle.ts';
import { countyCodeOf, isVillageCode, townCodeOf } from '../../shared/areas.ts';
import { t, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import type { ReviewItem } from '../../shared/protocol.ts';
import { assertCaseInScope, assertInScope, mediatorCommittees, type Principal } from '../auth/principal.ts';
import { caseAreaOf, isAboveVillage } from '../../shared/committee-area.ts';
import { forbidden } from '../http/errors.ts';
import type { Batch, CaseEntry, CommitteeRow } from './batch.ts';
import { setAuthor, writtenBy } from './records.ts';
import { checkEvent, checkEventOnCase, checkField, checkNewCase, checkPatchOnCase, checkVoidReason, firstError } from './validate.ts';
import { lockRefusal } from '../stats/month-locks.ts';
import { dismissReview } from './review-dismiss.ts';

export type Applied = { status: 'applied' } | { status: 'rejected'; code: MessageKey; params?: MessageParams };

const applied: Applied = { status: 'applied' };
const reject = (code: MessageKey, params?: MessageParams): Applied => ({ status: 'rejected', code, ...(params ? { params } : {}) });

/** Targets a mutation would move a case to (a patch or a resolution of villageCode). */
function targetVillage(m: Mutation): unknown {
  if (m.name === 'case.patch') return m.patch.villageCode?.next;
  if (m.name === 'conflict.resolve' && m.args.field === 'villageCode') return m.args.value;
  return undefined;
}

export async function applyOne(b: Batch, m: Mutation): Promise<Applied> {
  if (m.name === 'case.create') return create(b, m);
  if (m.name === 'review.dismiss') return dismissReview(b, m);
  if (isRecordMutation(m)) return applyRecordMutation(b, m);
  // 移交 has its own scope rules: the receiving committee decides on a case it does not hold yet.
  if (isReferralMutation(m)) return applyReferralMutation(b, m);
  const entry = b.caseEntry(m.caseId);
  if (!entry) return reject('sync.caseMissing');
  assertCaseInScope(b.principal, entry.record);
  const target = targetVillage(m);
  if (typeof target === 'string' && isVillageCode(target)) assertInScope(b.principal, target);
  if (target !== undefined && !b.isKnownVillage(target)) return reject(checkField('villageCode', target) ?? 'push.villageUnknown');
  // A case held above the village sits where its committee does: it moves only by 移交.
  if (target !== undefined && isAboveVillage(entry.record.villageCode)) return reject('push.committeeArea');
  const locked = await lockRefusal(b.tx, m, entry.record);
  if (locked) return reject(locked.code, locked.params);

  switch (m.name) {
    case 'case.patch':
      for (const field of patchableFields) {
        const change = m.patch[field];
        const problem = change ? checkField(field, change.next) : undefined;
        if (problem) return reject(problem);
      }
      {
        const problem = checkPatchOnCase(entry.record, m.patch);
        if (problem) return reject(problem);
      }
      break;
    case 'case.transition':
      if (b.eventCase(m.args.eventId) !== undefined) return reject('push.eventExists');
      break;
    case 'case.void': {
      const problem = checkVoidReason(m.args.reason);
      if (problem) return reject(problem);
      break;
    }
    case 'event.append': {
      const { event } = m.args;
      if (b.eventCase(event.id) !== undefined) return reject('push.eventExists');
      if (event.supersedes !== undefined && b.eventCase(event.supersedes) !== m.caseId) return reject('push.supersedesUnknown');
      const problem = checkEvent(event) ?? checkEventOnCase(entry.record, event);
      if (problem) return reject(problem);
      break;
    }
    case 'conflict.resolve': {
      const review = await b.review(m.args.conflictId);
      if (!review || review.item.kind !== 'conflict' || review.item.caseId !== m.caseId) return reject('review.notFound');
      if (review.item.status !== 'open') return reject('review.resolved');
      if (review.item.conflict?.field !== m.args.field) return reject('review.fieldMismatch');
      const problem = checkField(m.args.field, m.args.value);
      if (problem) return reject(problem);
      break;
    }
  }
  return run(b, entry, m);
}

async function create(b: Batch, m: Extract<Mutation, { name: 'case.create' }>): Promise<Applied> {
  const existing = b.caseEntry(m.caseId);
  if (existing) {
    // The same case created again under another mutationId (e.g. a restored outbox): no-op.
    assertCaseInScope(b.principal, existing.record);
    return applied;
  }
  const input = m.args.record;
  // The committee that accepts the case: the one the phone named (a mediator of several chose),
  // else the village's own. The server checks the account may act for it, and the case's area is
  // the committee's whatever the phone sent.
  const named = typeof input.committeeId === 'string' ? b.committee(input.committeeId) : undefined;
  if (typeof input.committeeId === 'string' && !named) return reject('push.committeeUnknown');
  const committee = named ?? b.ownCommittee(input.villageCode);
  if (committee) assertMayActFor(b.principal, committee);
  else if (isVillageCode(input.villageCode)) assertInScope(b.principal, input.villageCode);
  const problem = checkNewCase(input);
  if (problem) return reject(problem);
  if (committee && input.villageCode !== caseAreaOf(committee.location)) return reject('push.committeeArea');
  if (!committee && !b.isKnownVillage(input.villageCode)) return reject('push.villageUnknown');
  const locked = await lockRefusal(b.tx, m, undefined);
  if (locked) return reject(locked.code, locked.params);
  const outcome = applyMutation(undefined, m, 'server', b.now);
  if (!outcome.ok || !outcome.record) return reject(outcome.ok ? 'sync.caseMissing' : outcome.code);
  const villageCode = input.villageCode;
  const townCode = townCodeOf(villageCode);
  // Server-owned fields are set here whatever the device sent. The case number is given when the
  // batch is written (finalize.ts), by the village and year it was accepted under here.
  const record: CaseRecord = {
    ...outcome.record, version: 1, townCode, countyCode: countyCodeOf(villageCode), needsReview: false, voided: null, updatedAt: b.now, caseNo: null,
    committeeId: committee?.id ?? null, committeeName: committee?.name ?? outcome.record.committeeName,
  };
  b.numbering.push({ caseId: record.id, villageCode, townCode, acceptedOn: input.acceptedOn, committee: committee ?? null });
  const authors = {};
  for (const f of patchableFields) setAuthor(authors, f, m);
  b.cases.set(record.id, { record, authors, startCodes: null, dirty: true });
  return applied;
}

/** A mediator acts for their own committees; staff for any committee sitting in their area. */
function assertMayActFor(principal: Principal, committee: CommitteeRow): void {
  const committees = mediatorCommittees(principal);
  if (committees !== undefined) {
    if (!committees.includes(committee.id)) throw forbidden();
    return;
  }
  assertInScope(principal, caseAreaOf(committee.location));
}

async function run(b: Batch, entry: CaseEntry, m: Exclude<Mutation, { name: 'case.create' }>): Promise<Applied> {
  const before = entry.record;
  const outcome = applyMutation(before, m, 'server', b.now);
  if (!outcome.ok) {
    // An invalid step says which rule it broke, as the form would have (e.g. 协议生效日期早于受理日期).
    const field = outcome.code === 'transition.invalid' && outcome.fields ? firstError(outcome.fields) : undefined;
    if (field && !field.includes(' ')) return reject(field);
    return reject(outcome.code, outcome.code === 'transition.illegal' ? illegalParams(before) : undefined);
  }
  let record = outcome.record ?? before;

  for (const event of outcome.events) {
    // The case decides where its children belong and who wrote them, not the device.
    b.addEvent({ ...event, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode, author: m.userId });
  }
  const conflicted = new Set(outcome.conflicts.map((c) => c.field));
  for (const conflict of outcome.conflicts) {
    const kept = writtenBy(entry.authors, conflict.field);
    const keptBy = kept.userId;
    const item: ReviewItem = {
      id: uuidv7(), caseId: record.id, villageCode: record.villageCode, kind: 'conflict', status: 'open', createdAt: b.now,
      conflict: {
        ...conflict, keptBy, otherBy: m.userId, otherDeviceTime: m.deviceTime, otherClientId: m.clientId,
        ...(kept.clientId ? { keptClientId: kept.clientId } : {}), ...(kept.deviceTime ? { keptDeviceTime: kept.deviceTime } : {}),
        keptByName: await b.displayName(keptBy), otherByName: await b.displayName(m.userId),
      },
    };
    b.reviews.set(item.id, { item, isNew: true });
  }
  for (const field of writtenFields(m)) if (!conflicted.has(field)) setAuthor(entry.authors, field, m);

  if (m.name === 'conflict.resolve') {
    const review = await b.review(m.args.conflictId);
    if (review) {
      review.item = { ...review.item, status: 'resolved' };
      review.resolvedBy = m.userId;
    }
    const stillOpen = await b.openConflicts(record.id);
    record = { ...record, needsReview: stillOpen.length > 0 };
  }
  if (record.villageCode !== before.villageCode) {
    // Moved to another village (a correction, a 区划变更): its own committee holds it there.
    const own = b.ownCommittee(record.villageCode);
    record = { ...record, committeeId: own?.id ?? null, committeeName: own?.name ?? record.committeeName };
  }
  if (record !== before) {
    entry.record = { ...record, version: before.version + 1 };
    entry.dirty = true;
  }
  return applied;
}

function writtenFields(m: Mutation): PatchableField[] {
  switch (m.name) {
    case 'case.patch':
      return patchableFields.filter((f) => m.patch[f] !== undefined);
    case 'conflict.resolve':
      return [m.args.field];
    case 'case.transition':
      return m.args.to === 'agreed' ? ['agreement'] : [];
    default:
      return [];
  }
}

function illegalParams(record: CaseRecord): MessageParams {
  const next = nextStatuses(record.status).map((s) => t(`case.status.${s}`)).join('、');
  return { from: t(`case.status.${record.status}`), next: next === '' ? '保持不变' : next };
}

/** The Chinese sentence stored with a rejection and sent back in the push result. */
export const rejectionMessage = (a: Extract<Applied, { status: 'rejected' }>): string => t(a.code, a.params);
