// Validation of the sync wire format (server side; the device builds these shapes itself and
// must not carry valibot's schemas in its first-paint bundle). Types live in protocol.ts.

import * as v from 'valibot';
import { patchableFields } from './fields/case-fields.ts';
import { CaseRecordWireSchema } from './fields/case-schemas.ts';
import { json, jsonObject, short, text, uuid } from './fields/wire.ts';
import { caseStatuses } from './lifecycle.ts';
import { PUSH_BATCH } from './protocol.ts';
import { AlertRecordWireSchema, ScreeningRecordWireSchema } from './screening-schema.ts';

/** A server_seq: a whole number the databases store exactly (1e308 passed `integer` and broke PostgreSQL's bigint). */
const syncCursor = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

/** Envelope checks; each mutation's content is validated by the server's mutators. */
const headerEntries = {
  mutationId: uuid,
  clientId: uuid,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  caseId: uuid,
  baseVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  deviceTime: v.pipe(v.string(), v.maxLength(40)),
  userId: v.pipe(v.string(), v.maxLength(64)),
};
export const MutationEnvelopeSchema = v.looseObject({
  ...headerEntries,
  name: v.picklist(['case.create', 'case.patch', 'case.transition', 'case.void', 'event.append', 'conflict.resolve', 'review.dismiss', 'screening.save', 'alert.raise', 'alert.ack', 'referral.send', 'referral.accept', 'referral.return']),
});

export const DeviceReportSchema = v.strictObject({
  appVersion: v.pipe(v.string(), v.maxLength(40)),
  pending: v.pipe(v.number(), v.integer(), v.minValue(0)),
  storageBytes: v.optional(v.pipe(v.number(), v.minValue(0))),
  deviceTime: v.pipe(v.string(), v.isoTimestamp()),
});

export const PushRequestSchema = v.strictObject({
  protocolVersion: v.number(),
  clientId: uuid,
  device: v.optional(DeviceReportSchema),
  mutations: v.pipe(v.array(MutationEnvelopeSchema), v.maxLength(PUSH_BATCH)),
  cursor: v.optional(syncCursor),
});

export const PullRequestSchema = v.strictObject({
  protocolVersion: v.number(),
  clientId: uuid,
  device: v.optional(DeviceReportSchema),
  cursor: syncCursor,
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000))),
});

// ---- The full shape of a mutation on the wire ----
// Structure and size only: types, enums that no person types in, string and array bounds, no
// unknown keys. Whether the content is acceptable (a name filled in, a valid ID number, a legal
// transition) is a domain question answered by validation.ts and lifecycle.ts; a mutation that
// fails those is stored for review, while one that fails this shape is refused outright.

export const CaseEventWireSchema = v.strictObject({
  id: uuid, caseId: uuid, villageCode: short, townCode: short, countyCode: short, at: short, supersedes: v.optional(uuid), author: short,
  kind: v.picklist(['session', 'investigation', 'visit', 'note', 'transition', 'attachment']), data: jsonObject,
});

const change = v.strictObject({ base: json, next: json });

export const MutationWireSchema = v.variant('name', [
  v.strictObject({ ...headerEntries, name: v.literal('case.create'), args: v.strictObject({ record: CaseRecordWireSchema }) }),
  v.strictObject({
    ...headerEntries, name: v.literal('case.patch'),
    patch: v.pipe(v.record(v.picklist(patchableFields), change), v.check((p) => Object.keys(p).length > 0)),
  }),
  v.strictObject({
    ...headerEntries, name: v.literal('case.transition'),
    args: v.strictObject({
      from: v.picklist(caseStatuses), to: v.picklist(caseStatuses), agreement: v.optional(jsonObject), termination: v.optional(jsonObject),
      rejection: v.optional(jsonObject), eventId: uuid, at: short,
    }),
  }),
  v.strictObject({ ...headerEntries, name: v.literal('case.void'), args: v.strictObject({ reason: text, at: short }) }),
  v.strictObject({ ...headerEntries, name: v.literal('event.append'), args: v.strictObject({ event: CaseEventWireSchema }) }),
  v.strictObject({
    ...headerEntries, name: v.literal('conflict.resolve'),
    args: v.strictObject({ conflictId: uuid, field: v.picklist(patchableFields), value: json }),
  }),
  v.strictObject({ ...headerEntries, name: v.literal('review.dismiss'), args: v.strictObject({ reviewId: uuid }) }),
  v.strictObject({ ...headerEntries, name: v.literal('screening.save'), args: v.strictObject({ record: ScreeningRecordWireSchema }) }),
  v.strictObject({ ...headerEntries, name: v.literal('alert.raise'), args: v.strictObject({ alert: AlertRecordWireSchema }) }),
  v.strictObject({ ...headerEntries, name: v.literal('alert.ack'), args: v.strictObject({ alertId: uuid }) }),
  v.strictObject({
    ...headerEntries, name: v.literal('referral.send'),
    args: v.strictObject({ referral: v.strictObject({ id: uuid, toCommitteeId: short, reason: text, at: short }) }),
  }),
  v.strictObject({ ...headerEntries, name: v.literal('referral.accept'), args: v.strictObject({ referralId: uuid, at: short }) }),
  v.strictObject({ ...headerEntries, name: v.literal('referral.return'), args: v.strictObject({ referralId: uuid, reason: text, at: short }) }),
]);

/** The whole push body, every mutation in full (PushRequestSchema checks only envelopes). */
export const PushRequestWireSchema = v.strictObject({
  protocolVersion: v.number(),
  clientId: uuid,
  device: v.optional(DeviceReportSchema),
  mutations: v.pipe(v.array(MutationWireSchema), v.maxLength(PUSH_BATCH)),
  cursor: v.optional(syncCursor),
});
