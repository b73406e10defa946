// The mutations a device records and the server applies: defined once, run on both sides
// (the Replicache "mutators in shared" pattern). The device applies them optimistically to its
// local copy; the server applies them authoritatively, detecting same-field conflicts against each
// patch's base value. Replaying a device's outbox on an empty copy rebuilds its records.

import type { CaseRecord, PatchableField } from './case.ts';
import { readField, writeField } from './case.ts';
import { patchableFields } from './fields/case-fields.ts';
import type { CaseEvent } from './events.ts';
import type { TransitionArgs } from './lifecycle.ts';
import { applyTransition } from './transition.ts';
import type { MessageKey } from './i18n/index.ts';
import type { FieldErrors } from './validation.ts';
import { sameValue } from './equal.ts';
import type { ScreeningRecord } from './screening.ts';
import type { AlertRecord } from './alerts.ts';

export const SCHEMA_VERSION = 1;

export type FieldPatch = Partial<Record<PatchableField, { base: unknown; next: unknown }>>;

interface MutationHeader {
  mutationId: string;
  clientId: string;
  seq: number;
  schemaVersion: number;
  /** The case this mutation belongs to (for events, their parent case). */
  caseId: string;
  /** The server version the device had when it made the change (0 = never synced). */
  baseVersion: number;
  /** Device clock: display and audit only, never used for ordering. */
  deviceTime: string;
  userId: string;
}

export type MutationBody =
  | { name: 'case.create'; args: { record: CaseRecord } }
  | { name: 'case.patch'; patch: FieldPatch }
  | { name: 'case.transition'; args: TransitionArgs & { eventId: string; at: string } }
  | { name: 'case.void'; args: { reason: string; at: string } }
  | { name: 'event.append'; args: { event: CaseEvent } }
  | { name: 'conflict.resolve'; args: { conflictId: string; field: PatchableField; value: unknown } }
  /** 知道了 on a refused change (a 'rejected' review item): hides it everywhere, changes no case. */
  | { name: 'review.dismiss'; args: { reviewId: string } }
  /**
   * 排查 and 上报 are records of their own, not cases (screening.ts, alerts.ts): `caseId` in the
   * header carries the record's id. A 排查 is saved whole (the last save wins); an alert is raised
   * once and acknowledged once.
   */
  | { name: 'screening.save'; args: { record: ScreeningRecord } }
  | { name: 'alert.raise'; args: { alert: AlertRecord } }
  | { name: 'alert.ack'; args: { alertId: string } }
  /**
   * 移交 (referral.ts): `caseId` in the header is the case's. Sent by its holder; 接收 or 退回 by
   * the receiving committee, whose phones do not hold the case yet — so none of the three changes
   * the device's copy of a case: the referral record is written by its own path, and the server
   * moves the case on 接收.
   */
  | { name: 'referral.send'; args: { referral: { id: string; toCommitteeId: string; reason: string; at: string } } }
  | { name: 'referral.accept'; args: { referralId: string; at: string } }
  | { name: 'referral.return'; args: { referralId: string; reason: string; at: string } };

/** The mutations that touch a 排查 or 上报 record rather than a case. */
export const recordMutationNames = ['screening.save', 'alert.raise', 'alert.ack'] as const;
export type RecordMutation = Extract<MutationBody, { name: (typeof recordMutationNames)[number] }>;
export const isRecordMutation = (m: { name: string }): m is RecordMutation => (recordMutationNames as readonly string[]).includes(m.name);

export const referralMutationNames = ['referral.send', 'referral.accept', 'referral.return'] as const;
export type ReferralMutation = Extract<MutationBody, { name: (typeof referralMutationNames)[number] }>;
export const isReferralMutation = (m: { name: string }): m is ReferralMutation => (referralMutationNames as readonly string[]).includes(m.name);

export type Mutation = MutationHeader & MutationBody;
export type MutationName = Mutation['name'];

export interface FieldConflict {
  field: PatchableField;
  /** The value applied first (kept on the record). */
  kept: unknown;
  /** The value that arrived second (stored for a person to review). */
  other: unknown;
}

export type ApplyOutcome =
  | { ok: true; record: CaseRecord | undefined; events: CaseEvent[]; conflicts: FieldConflict[] }
  | { ok: false; code: MessageKey; fields?: FieldErrors };

/**
 * Applies one mutation to the current copy of its case. `mode` decides same-field conflicts:
 * the server keeps the value applied first and reports the other; the device shows its own
 * edit optimistically (the server's answer replaces it at the next pull). `at` stamps updatedAt.
 */
export function applyMutation(current: CaseRecord | undefined, m: Mutation, mode: 'server' | 'device', at: string): ApplyOutcome {
  if (m.name === 'case.create') {
    if (current) return { ok: true, record: current, events: [], conflicts: [] };
    return { ok: true, record: { ...m.args.record, version: 0 }, events: [], conflicts: [] };
  }
  // A refused 受理登记 has no case anywhere, and its refusal must still be dismissable.
  if (m.name === 'review.dismiss') return { ok: true, record: current, events: [], conflicts: [] };
  // Not a case's mutation: its record is written by its own path (db/write-records.ts, server sync/records-apply.ts).
  if (isRecordMutation(m)) return { ok: true, record: current, events: [], conflicts: [] };
  if (isReferralMutation(m)) return { ok: true, record: current, events: [], conflicts: [] };
  if (!current) return { ok: false, code: 'sync.caseMissing' };
  if (m.name === 'event.append') {
    // A 回访 checks how an agreement is performed: there must be one (人民调解法 Art 31).
    if (m.args.event.kind === 'visit' && current.outcome !== 'success') return { ok: false, code: 'visit.beforeAgreement' };
    return { ok: true, record: current, events: [m.args.event], conflicts: [] };
  }
  if (current.voided) return { ok: false, code: 'case.voidedError' };
  switch (m.name) {
    case 'case.patch':
      return applyPatch(current, m.patch, mode, at);
    case 'case.transition': {
      const result = applyTransition(current, m.args, at);
      if (!result.ok) {
        // A device replaying its outbox over a newer server state just leaves the status alone;
        // the server will refuse the same command and keep it for review.
        if (mode === 'device' && result.code === 'transition.stale') return { ok: true, record: current, events: [], conflicts: [] };
        return { ok: false, code: result.code === 'case.voided' ? 'case.voidedError' : result.code, ...(result.fields ? { fields: result.fields } : {}) };
      }
      const event: CaseEvent = {
        id: m.args.eventId, caseId: current.id, villageCode: current.villageCode, townCode: current.townCode,
        countyCode: current.countyCode, at: m.args.at, author: m.userId, kind: 'transition',
        data: { from: m.args.from, to: m.args.to },
      };
      return { ok: true, record: result.record, events: [event], conflicts: [] };
    }
    case 'case.void':
      return { ok: true, record: { ...current, voided: { reason: m.args.reason, at: m.args.at }, updatedAt: at }, events: [], conflicts: [] };
    case 'conflict.resolve': {
      // The person's choice is the new value whatever the record holds now; it clears 待核对
      // only on the server, which knows whether other conflicts of the case are still open.
      const record = writeField(current, m.args.field, m.args.value);
      // The decision is part of 办理经过: a note named by the conflict's id, so the device's
      // optimistic copy and the server's are one event.
      const decision = sameValue(readField(current, m.args.field), m.args.value) ? 'kept' : 'changed';
      const note: CaseEvent = {
        id: m.args.conflictId, caseId: current.id, villageCode: current.villageCode, townCode: current.townCode, countyCode: current.countyCode,
        at, author: m.userId, kind: 'note', data: { text: m.args.field, topic: 'resolution', decision },
      };
      return { ok: true, record: { ...record, updatedAt: at }, events: [note], conflicts: [] };
    }
  }
}

function applyPatch(current: CaseRecord, patch: FieldPatch, mode: 'server' | 'device', at: string): ApplyOutcome {
  // 司法确认 is of a written agreement only (人民调解法 Art 33; an oral one leaves nothing to confirm).
  const confirmation = patch.judicialConfirmation?.next;
  const agreement = patch.agreement ? (patch.agreement.next as CaseRecord['agreement']) : current.agreement;
  if (confirmation != null && agreement?.form !== '书面') return { ok: false, code: 'confirmation.noWrittenAgreement' };
  let record = current;
  const conflicts: FieldConflict[] = [];
  for (const field of patchableFields) {
    const change = patch[field];
    if (!change) continue;
    const now = readField(record, field);
    if (mode === 'device' || sameValue(now, change.base)) {
      record = writeField(record, field, change.next);
    } else if (!sameValue(now, change.next)) {
      conflicts.push({ field, kept: now, other: change.next });
    }
  }
  if (conflicts.length > 0) record = { ...record, needsReview: true };
  if (record !== current) record = { ...record, updatedAt: at };
  return { ok: true, record, events: [], conflicts };
}

/** Builds the field patch between two versions of a record, each field with its base value. */
export function diffCase(before: CaseRecord, after: CaseRecord): FieldPatch {
  const patch: FieldPatch = {};
  for (const field of patchableFields) {
    const base = readField(before, field);
    const next = readField(after, field);
    if (!sameValue(base, next)) patch[field] = { base: base ?? null, next: next ?? null };
  }
  return patch;
}
