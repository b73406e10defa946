// POST /api/sync/pull (sync.md §2.3). Changes after the cursor within the user's area, in
// server_seq order, read in one snapshot together with this client's last processed seq.
// Because server_seq is commit-ordered (clock.ts), a snapshot that sees the clock at S holds
// every change ≤ S and none above, so a cursor never steps over a change committed later.
import type { Kysely } from 'kysely';
import { PULL_PAGE } from '../../shared/protocol.ts';
import { PullRequestSchema } from '../../shared/protocol-schema.ts';
import type { DB } from '../store/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { whereInScope } from './scope-filter.ts';
import type { Ctx } from '../deps.ts';
import type { Store } from '../store/open.ts';
import { parseWith } from '../http/body.ts';
import { checkProtocol } from './push.ts';
import { ensureClient, findClient, type ClientState } from './clients.ts';
import { pageJson } from './page-json.ts';
import { newerRowExists } from './latest.ts';

export interface PullResult {
  /** The PullResponse, already serialised: change data is stored as JSON and spliced in as is. */
  json: string;
  changes: number;
}

/** What a pull reads, as the SQLite readers' threads run it (thread-ops.ts). */
export interface PullJob {
  principal: Principal;
  clientId: string;
  cursor: number;
  limit: number;
}

/** A page, or: this device is not registered yet (a write, done on the main thread, then asked again). */
export type PullOutcome = PullResult | { unknownClient: true };

export async function pull(ctx: Ctx, principal: Principal, body: unknown, userAgent: string): Promise<PullResult> {
  checkProtocol(body);
  const request = parseWith(PullRequestSchema, body);
  const { store } = ctx;
  const now = ctx.now().toISOString();
  const job: PullJob = { principal, clientId: request.clientId, cursor: request.cursor, limit: request.limit ?? PULL_PAGE };
  const lock = store.kind === 'postgres';
  // Registering a new device and starting a first pull are the only writes a pull makes; skip
  // the write lock otherwise.
  if (request.cursor === 0) await store.write((tx) => startSnapshot(tx, request.clientId, principal, userAgent, now, lock));
  let result = await readPull(store, job);
  if ('unknownClient' in result) {
    await store.write((tx) => ensureClient(tx, request.clientId, principal, userAgent, now, lock));
    result = await readPull(store, job);
    if ('unknownClient' in result) throw new Error('sync client missing right after it was registered');
  }
  // Noted once the device proved it is this user's: a cursor can only hold back its own history.
  ctx.cursors.note(request.clientId, request.cursor, now);
  return result;
}

/**
 * The read part of a pull in one snapshot. On SQLite it runs whole on a reader's thread (one
 * message there and back instead of ~8 statements, each a turn of the main event loop, issue
 * #13); on PostgreSQL it is a REPEATABLE READ transaction of this thread.
 */
function readPull(store: Store, job: PullJob): Promise<PullOutcome> {
  if (store.readerOp) return store.readerOp<PullOutcome>({ kind: 'pull', job });
  return store.snapshot((tx) => pullWithin(tx, job));
}

/** Inside one read transaction: the device, the clock, the page after the cursor. */
export async function pullWithin(tx: Kysely<DB>, job: PullJob): Promise<PullOutcome> {
  const { principal, clientId, cursor, limit } = job;
  const client = await findClient(tx, clientId, principal, false);
  if (!client) return { unknownClient: true };
  // The clock only grows: a cursor beyond it now was never handed out by this database (it was
  // restored from a backup). Answering from there would send nothing, ever: start again from 0.
  const clock = Number((await tx.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);
  if (cursor > clock) {
    const json = JSON.stringify({ changes: [], cursor: 0, hasMore: true, lastProcessedSeq: client.lastSeq, resync: true });
    return { json, changes: 0 };
  }
  return readPage(tx, principal, clientId, cursor, limit, clock, client);
}

/**
 * A pull from cursor 0 (a new phone, or one told to start over) is served from the current state
 * at this clock value: up to it only the newest row of each record is sent (latest.ts), so its
 * size depends on the cases, not on their history; after it, the log as usual. Every row up to
 * it that the device skips is superseded by a row it will receive, so compaction may drop them:
 * the device's compaction cursor starts here (compact.ts).
 */
async function startSnapshot(tx: Kysely<DB>, clientId: string, principal: Principal, userAgent: string, now: string, lock: boolean): Promise<void> {
  await ensureClient(tx, clientId, principal, userAgent, now, lock);
  const clock = await tx.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  await tx.updateTable('sync_clients').set({ snapshot_seq: clock.seq, pull_cursor: clock.seq }).where('client_id', '=', clientId).execute();
}

async function readPage(
  tx: Kysely<DB>, principal: Principal, clientId: string, cursor: number, limit: number, clock: number, client: ClientState,
): Promise<PullResult> {
  const lastSeq = client.lastSeq;
  const snapshotSeq = client.snapshotSeq;
  if (client.revoked) {
    // A lost or stolen phone: send nothing more and tell it to erase its case data.
    return { json: JSON.stringify({ changes: [], cursor, hasMore: false, lastProcessedSeq: lastSeq, wipe: true }), changes: 0 };
  }
  const inScope = () => whereInScope(tx.selectFrom('change_log').select(['server_seq', 'commit_seq', 'entity', 'entity_id', 'op', 'data']), principal)
    .$if(cursor < snapshotSeq, (q) => q.where((eb) => eb.or([eb('server_seq', '>', snapshotSeq), eb.not(newerRowExists(eb))])));
  const rows = await inScope().where('server_seq', '>', cursor).orderBy('server_seq').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const lastRow = page[page.length - 1];
  let hasMore = rows.length > limit;
  let next = cursor;
  let processed = lastSeq;
  if (hasMore && lastRow) {
    // Never end a page inside a commit: a device must get a case and the acknowledgement of the
    // mutation that produced it in the same page, or it would rebase its own edit over the
    // server's copy and then drop the edit with nothing left to correct it.
    next = Number(lastRow.commit_seq);
    if (next > Number(lastRow.server_seq)) {
      page.push(...(await inScope().where('server_seq', '>', Number(lastRow.server_seq)).where('server_seq', '<=', next).orderBy('server_seq').execute()));
    }
    hasMore = (await inScope().where('server_seq', '>', next).limit(1).execute()).length > 0;
  }
  if (hasMore) {
    // Report as processed only mutations whose commits this page has delivered completely.
    const row = await tx.selectFrom('mutation_log').select((eb) => eb.fn.max('seq').as('seq'))
      .where('client_id', '=', clientId).where('server_seq', '<=', next).executeTakeFirst();
    processed = Number(row?.seq ?? 0);
  } else {
    // Everything in scope up to the clock is in this snapshot: the next pull starts after it.
    next = Math.max(cursor, clock);
  }
  return { json: pageJson(page, next, hasMore, processed), changes: page.length };
}
