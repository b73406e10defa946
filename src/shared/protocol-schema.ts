// Validation of the sync wire format (server side; the device builds these shapes itself and
// must not carry valibot's schemas in its first-paint bundle). Types live in protocol.ts.

import * as v from 'valibot';
import { patchableFields } from './case.ts';
import { caseStatuses } from './lifecycle.ts';
import { PUSH_BATCH } from './protocol.ts';

/** Envelope checks; each mutation's content is validated by the server's mutators. */
const uuid = v.pipe(v.string(), v.uuid());
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
  name: v.picklist(['case.create', 'case.patch', 'case.transition', 'case.void', 'event.append', 'conflict.resolve', 'review.dismiss']),
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
  cursor: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const PullRequestSchema = v.strictObject({
  protocolVersion: v.number(),
  clientId: uuid,
  device: v.optional(DeviceReportSchema),
  cursor: v.pipe(v.number(), v.integer(), v.minValue(0)),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000))),
});

// ---- The full shape of a mutation on the wire ----
// Structure and size only: types, enums that no person types in, string and array bounds, no
// unknown keys. Whether the content is acceptable (a name filled in, a valid ID number, a legal
// transition) is a domain question answered by validation.ts and lifecycle.ts; a mutation that
// fails those is stored for review, while one that fails this shape is refused outright.

/** Longest string anywhere in a mutation; content rules are stricter (facts ≤ 5000). */
export const MAX_WIRE_TEXT = 20_000;

/** JSON limited in depth, breadth, string length and node count; walked without recursion. */
export function isBoundedJson(value: unknown, maxDepth = 8): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (++nodes > 20_000 || depth > maxDepth) return false;
    if (item === null || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
      continue;
    }
    if (typeof item === 'string') {
      if (item.length > MAX_WIRE_TEXT) return false;
      continue;
    }
    if (Array.isArray(item)) {
      if (item.length > 1000) return false;
      for (const x of item) stack.push([x, depth + 1]);
      continue;
    }
    if (typeof item !== 'object' || Object.getPrototypeOf(item) !== Object.prototype) return false;
    const entries = Object.entries(item as Record<string, unknown>);
    if (entries.length > 200) return false;
    for (const [key, x] of entries) {
      if (key.length > 100) return false;
      stack.push([x, depth + 1]);
    }
  }
  return true;
}

const text = v.pipe(v.string(), v.maxLength(MAX_WIRE_TEXT));
const short = v.pipe(v.string(), v.maxLength(200));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const json = v.custom<unknown>((x) => isBoundedJson(x));
const jsonObject = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x) && isBoundedJson(x));
const list = <S extends v.GenericSchema>(item: S, max: number) => v.pipe(v.array(item), v.maxLength(max));

const PartyWire = v.strictObject({
  id: short, role: short, name: text, gender: v.optional(short), ethnicity: v.optional(short), age: v.optional(v.number()),
  birthDate: v.optional(short), occupation: v.optional(text), phone: v.optional(short), address: v.optional(text), idNumber: v.optional(short),
});

export const CaseRecordWireSchema = v.strictObject({
  id: uuid, version: count, villageCode: short, townCode: short, countyCode: short, committeeName: text,
  caseNo: v.nullable(short), provisionalNo: short, status: v.picklist(caseStatuses),
  outcome: v.nullable(v.picklist(['success', 'failure', 'rejected'])), categoryCode: short, source: short, acceptedOn: short,
  mediators: list(text, 50), isDifficult: v.boolean(),
  prevention: v.strictObject({ suicide: count, criminal: count, groupPetition: count, groupFight: count }),
  agreement: v.nullable(jsonObject), judicialConfirmation: v.optional(v.nullable(jsonObject)),
  termination: v.nullable(jsonObject), rejection: v.nullable(jsonObject),
  private: v.strictObject({ parties: list(PartyWire, 100), facts: text, claims: list(text, 100), place: text }),
  needsReview: v.boolean(), voided: v.nullable(v.strictObject({ reason: text, at: short })), createdAt: short, updatedAt: short,
});

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
]);

/** The whole push body, every mutation in full (PushRequestSchema checks only envelopes). */
export const PushRequestWireSchema = v.strictObject({
  protocolVersion: v.number(),
  clientId: uuid,
  device: v.optional(DeviceReportSchema),
  mutations: v.pipe(v.array(MutationWireSchema), v.maxLength(PUSH_BATCH)),
  cursor: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
