// POST /api/sync/push (sync.md §2.2). Idempotent by (clientId, seq) and by mutationId; a gap stops
// the batch and names the seq to resend from; a mutation that cannot be applied is kept — in
// mutation_log and as a 'rejected' review item — and still advances last_seq so the device is
// never blocked. All of it happens in one write transaction with the client's last_seq.
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { uuidv7 } from 'uuidv7';
import type { Mutation } from '../../shared/mutations.ts';
import { SCHEMA_VERSION } from '../../shared/mutations.ts';
import { PROTOCOL_VERSION, type MutationResult, type PushResponse, type ReviewItem } from '../../shared/protocol.ts';
import { PushRequestWireSchema } from '../../shared/protocol-schema.ts';
import { isVillageCode } from '../../shared/areas.ts';
import { assertOwnDevice, type Principal } from '../auth/principal.ts';
import { rowInScope, whereInScope } from './scope-filter.ts';
import type { ChangeLogTable, DB } from '../store/schema.ts';
import type { Ctx, PushHooks } from '../deps.ts';
import { ApiError, badRequest, issueDetails } from '../http/errors.ts';
import { jsonOf } from '../http/body.ts';
import { noteDeviceReport } from './device-report.ts';
import { Batch } from './batch.ts';
import { ensureClient } from './clients.ts';
import { applyOne, rejectionMessage } from './apply.ts';
import { finalize, type Committed } from './finalize.ts';
import { pageJson } from './page-json.ts';
import { t } from '../../shared/i18n/index.ts';

/** Refuses an outdated app with 426 before looking at anything else it sent (it keeps its outbox). */
export function checkProtocol(body: unknown): void {
  const version = typeof body === 'object' && body !== null ? (body as { protocolVersion?: unknown }).protocolVersion : undefined;
  if (typeof version !== 'number') throw badRequest(['protocolVersion: missing']);
  if (version < PROTOCOL_VERSION) throw new ApiError(426, 'protocol.outdated');
  if (version > PROTOCOL_VERSION) throw new ApiError(400, 'protocol.tooNew');
}

export interface ParsedPush {
  clientId: string;
  /** The device's pull cursor, when it wants its own changes back as a page. */
  cursor: number | undefined;
  /** As applied: attributed to the signed-in user. */
  mutations: Mutation[];
  /** As sent, for mutation_log (the device's own userId claim included). */
  sent: Mutation[];
}

export function parsePush(body: unknown, principal: Principal): ParsedPush {
  checkProtocol(body);
  const result = v.safeParse(PushRequestWireSchema, body);
  if (!result.success) throw badRequest(issueDetails(result.issues));
  const { clientId, cursor } = result.output;
  // The wire schema fixes the shape; content is checked by the mutators. The output type is
  // looser than Mutation only where content rules (not shape) narrow it, e.g. a party's role.
  const sent = result.output.mutations as unknown as Mutation[];
  for (const [i, m] of sent.entries()) {
    if (m.clientId !== clientId) throw badRequest([`mutations.${i}.clientId: differs from the request`]);
    if (m.schemaVersion > SCHEMA_VERSION) throw new ApiError(400, 'protocol.tooNew');
    if (m.name === 'case.create' && m.args.record.id !== m.caseId) throw badRequest([`mutations.${i}.args.record.id: differs from caseId`]);
    if (m.name === 'screening.save' && m.args.record.id !== m.caseId) throw badRequest([`mutations.${i}.args.record.id: differs from caseId`]);
    if (m.name === 'alert.raise' && m.args.alert.id !== m.caseId) throw badRequest([`mutations.${i}.args.alert.id: differs from caseId`]);
    if (m.name === 'alert.ack' && m.args.alertId !== m.caseId) throw badRequest([`mutations.${i}.args.alertId: differs from caseId`]);
    if (m.name === 'event.append' && m.args.event.caseId !== m.caseId) throw badRequest([`mutations.${i}.args.event.caseId: differs from caseId`]);
  }
  // The device is bound to the signed-in user (clients.ts), and may have recorded these offline
  // under a local name before any login: the server, not the device, says who made them.
  const mutations = sent.map((m) => ({ ...m, userId: principal.userId }));
  return { clientId, cursor, mutations, sent };
}

/** The page of a push's own changes (see PushResponse.page), still as stored rows. */
interface OwnPage {
  rows: ChangeLogTable[];
  cursor: number;
  lastProcessedSeq: number;
}

/** A push as the SQLite writer's thread runs it whole (thread-ops.ts): the request as sent, and who sent it. */
export interface PushJob {
  text: string;
  principal: Principal;
  userAgent: string;
  /** The server's clock when the request came in (ISO). */
  now: string;
  /** A test holds this push open before COMMIT (deps.ts PushHooks): ask the main thread. */
  hook: boolean;
  /** An HTTP request: its device must be the session's (the demo seeds push for any device). */
  ownDevice: boolean;
}

/** A push's answer as JSON text, and what the main thread still does with it. */
export interface PushDone {
  json: string;
  clientId: string;
  cursor: number | undefined;
}

/** For the demo seeds and tests: the push as an object. */
export async function push(ctx: Ctx, principal: Principal, body: unknown, userAgent: string): Promise<PushResponse> {
  return JSON.parse((await pushJson(ctx, principal, JSON.stringify(body), userAgent, false)).json) as PushResponse;
}

/**
 * The HTTP answer of a push, from the request's text. On SQLite the whole push — parsing,
 * checks, the transaction, its answer — runs on the writer's thread as one message in and one
 * out (issue #13: ~15 statements a push, each a turn of the main event loop, were what 500
 * phones queued behind). On PostgreSQL it is a transaction of this thread, as before.
 */
export async function pushJson(ctx: Ctx, principal: Principal, text: string, userAgent: string, ownDevice = true): Promise<PushDone> {
  const { store } = ctx;
  let done: PushDone;
  if (store.writerOp) {
    const job: PushJob = { text, principal, userAgent, now: ctx.now().toISOString(), hook: ctx.hooks.beforeCommit !== undefined, ownDevice };
    done = await store.writerOp<PushDone>({ kind: 'push', job }, async (info) => ctx.hooks.beforeCommit?.(info));
  } else {
    const { parsed, body } = readPush(text, principal, ownDevice);
    const { response, page } = await store.write((tx) => pushWithin(tx, store.kind === 'postgres', parsed, principal, userAgent, ctx.now().toISOString(), ctx.hooks));
    done = { json: pushAnswer(response, page), clientId: parsed.clientId, cursor: parsed.cursor };
    noteDeviceReport(ctx, principal, body);
  }
  // The cursor the device has applied, for compaction (cursors.ts); noted once the push proved
  // the device is this user's.
  if (done.cursor !== undefined) ctx.cursors.note(done.clientId, done.cursor, ctx.now().toISOString());
  return done;
}

/** The request's text as a checked push: 400 (not JSON, bad shape), 403 (another device), 426 (old app) before any write. */
export function readPush(text: string, principal: Principal, ownDevice: boolean): { parsed: ParsedPush; body: unknown } {
  const body = jsonOf(text);
  if (ownDevice) assertOwnDevice(principal, body);
  return { parsed: parsePush(body, principal), body };
}

/** The PushResponse as JSON text, its page spliced in from the stored JSON. */
export function pushAnswer(response: PushResponse, page: OwnPage | undefined): string {
  const json = JSON.stringify(response);
  if (!page) return json;
  return `${json.slice(0, -1)},"page":${pageJson(page.rows, page.cursor, false, page.lastProcessedSeq)}}`;
}

/**
 * The push inside its write transaction `tx`: the batch applied, its logs and changes written
 * and the client's last_seq advanced, or nothing (sync.md §2.2). `lock`: PostgreSQL's row locks.
 */
export async function pushWithin(
  tx: Kysely<DB>, lock: boolean, parsed: ParsedPush, principal: Principal, userAgent: string, now: string, hooks: PushHooks,
): Promise<{ response: PushResponse; page?: OwnPage }> {
  const { clientId, cursor, mutations, sent } = parsed;
  const client = await ensureClient(tx, clientId, principal, userAgent, now, lock);
  if (client.revoked) throw new ApiError(403, 'device.revoked');
  const b = new Batch(tx, lock, principal, now);
  const fresh = mutations.filter((m) => m.seq > client.lastSeq);
  await b.prefetch(fresh);
  const stored = await storedResults(b, clientId, mutations.filter((m) => m.seq <= client.lastSeq).map((m) => m.seq));

  let last = client.lastSeq;
  let expectedSeq: number | undefined;
  const results: MutationResult[] = [];
  for (const [i, m] of mutations.entries()) {
    const head = { seq: m.seq, mutationId: m.mutationId };
    if (m.seq <= last) {
      const before = stored.get(m.seq) ?? fromBatch(b, m.seq);
      if (before.mutationId === undefined || before.mutationId === m.mutationId) {
        results.push({ ...head, status: 'duplicate', ...before.result });
        continue;
      }
      // The same seq carrying another mutation: this device's numbering went back (an old copy
      // of its database). Never acknowledge it as the earlier one: it is refused with its own
      // code and kept whole in 待核对, where it can be redone.
      const message = t('push.seqReused');
      const item = rejectedItem(b, m, 'push.seqReused', message);
      b.reviews.set(item.id, { item, isNew: true });
      results.push({ ...head, status: 'rejected', code: 'push.seqReused', message });
      continue;
    }
    if (m.seq > last + 1) {
      expectedSeq = last + 1;
      break;
    }
    last = m.seq;
    const log = { client_id: clientId, seq: m.seq, user_id: principal.userId, name: m.name, case_id: m.caseId, payload: JSON.stringify(sent[i]) };
    if (!b.claimMutationId(m.mutationId)) {
      // Seen under another (clientId, seq), e.g. an outbox restored onto a new install.
      b.logs.push({ ...log, mutation_id: null, result: 'duplicate', reason: null, message: null });
      results.push({ ...head, status: 'duplicate', original: 'duplicate' });
      continue;
    }
    const ids = b.processedIds(m.mutationId);
    const outcome = await applyOne(b, m);
    b.touched.add(m.caseId);
    if (outcome.status === 'applied') {
      b.logs.push({ ...log, ...ids, result: 'applied', reason: null, message: null });
      results.push({ ...head, status: 'applied' });
      continue;
    }
    const message = rejectionMessage(outcome);
    b.logs.push({ ...log, ...ids, result: 'rejected', reason: outcome.code, message });
    const item = rejectedItem(b, m, outcome.code, message);
    b.reviews.set(item.id, { item, isNew: true });
    results.push({ ...head, status: 'rejected', code: outcome.code, message });
  }
  const response: PushResponse = { lastProcessedSeq: last, results, ...(expectedSeq === undefined ? {} : { expectedSeq }) };
  if (last === client.lastSeq && b.reviews.size === 0) return { response };
  const committed = await finalize(b, clientId, last, hooks);
  const page = cursor === undefined ? undefined : await ownPage(tx, principal, cursor, committed, last);
  return { response, ...(page ? { page } : {}) };
}

/**
 * This commit's changes in the pusher's scope as the pull page after `cursor` — only when nothing
 * else in scope committed between the cursor and this commit, so the device skips nothing. We
 * hold the clock row (clock.ts): no later commit can slip in, and the page ends at the clock.
 */
async function ownPage(tx: Kysely<DB>, principal: Principal, cursor: number, committed: Committed, lastProcessedSeq: number): Promise<OwnPage | undefined> {
  const end = committed.serverSeq;
  // finalize takes at least one number even for a commit without changes.
  const first = end - Math.max(1, committed.changes.length) + 1;
  if (cursor >= first) return undefined;
  const between = await whereInScope(tx.selectFrom('change_log').select('server_seq'), principal)
    .where('server_seq', '>', cursor).where('server_seq', '<', first).limit(1).execute();
  if (between.length > 0) return undefined;
  const rows = committed.changes.filter((c) => rowInScope(principal, c));
  return { rows, cursor: end, lastProcessedSeq };
}

function rejectedItem(b: Batch, m: Mutation, code: string, message: string): ReviewItem {
  const known = b.caseEntry(m.caseId)?.record.villageCode;
  const proposed = m.name === 'case.create' && isVillageCode(m.args.record.villageCode) ? m.args.record.villageCode : undefined;
  const scope = b.principal.scope;
  const villageCode = known ?? proposed ?? (scope.length === 12 ? scope : '');
  return { id: uuidv7(), caseId: m.caseId, villageCode, kind: 'rejected', rejected: { mutation: m, code, message, byName: b.principal.displayName }, status: 'open', createdAt: b.now };
}

type StoredResult = Pick<Extract<MutationResult, { status: 'duplicate' }>, 'original' | 'code' | 'message'>;

/** What was processed under a (clientId, seq): its mutationId and result. */
interface Before {
  mutationId: string | undefined;
  result: StoredResult;
}

async function storedResults(b: Batch, clientId: string, seqs: number[]): Promise<Map<number, Before>> {
  const map = new Map<number, Before>();
  if (seqs.length === 0) return map;
  const rows = await b.tx.selectFrom('mutation_log').select(['seq', 'mutation_id', 'payload', 'result', 'reason', 'message'])
    .where('client_id', '=', clientId).where('seq', 'in', seqs).execute();
  for (const row of rows) map.set(Number(row.seq), { mutationId: sentMutationId(row.mutation_id, row.payload), result: storedResult(row.result, row.reason, row.message) });
  return map;
}

/** A row logged as a duplicate by mutationId has none of its own: the one sent is in its payload. */
function sentMutationId(mutationId: string | null | undefined, payload: string): string | undefined {
  if (mutationId) return mutationId;
  const sent = JSON.parse(payload) as { mutationId?: unknown };
  return typeof sent.mutationId === 'string' ? sent.mutationId : undefined;
}

function storedResult(result: 'applied' | 'rejected' | 'duplicate', reason: string | null, message: string | null): StoredResult {
  if (result !== 'rejected') return { original: result };
  return { original: 'rejected', code: reason ?? '', message: message ?? '' };
}

function fromBatch(b: Batch, seq: number): Before {
  const log = b.logs.find((l) => l.seq === seq);
  if (!log) return { mutationId: undefined, result: {} };
  return { mutationId: sentMutationId(log.mutation_id, log.payload), result: storedResult(log.result, log.reason ?? null, log.message ?? null) };
}
