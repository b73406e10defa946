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
import { parseWith } from '../http/body.ts';
import { checkProtocol } from './push.ts';
import { ensureClient, findClient } from './clients.ts';
import { pageJson } from './page-json.ts';
import { newerRowExists } from './latest.ts';

export interface PullResult {
  /** The PullResponse, already serialised: change data is stored as JSON and spliced in as is. */
  json: string;
  changes: number;
}

export async function pull(ctx: Ctx, principal: Principal, body: unknown, userAgent: string): Promise<PullResult> {
  checkProtocol(body);
  const request = parseWith(PullRequestSchema, body);
  const { store } = ctx;
  const now = ctx.now().toISOString();
  // Registering a new device and starting a first pull are the only writes a pull makes; skip
  // the write lock otherwise.
  if (request.cursor === 0) await store.write((tx) => startSnapshot(tx, request.clientId, principal, userAgent, now, store.kind === 'postgres'));
  else if (!(await findClient(store.read, request.clientId, principal, false))) {
    await store.write((tx) => ensureClient(tx, request.clientId, principal, userAgent, now, store.kind === 'postgres'));
  }
  const limit = request.limit ?? PULL_PAGE;
  // The clock only grows: a cursor beyond it now was never handed out by this database (it was
  // restored from a backup). Answering from there would send nothing, ever: start again from 0.
  const clock = await store.read.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  if (request.cursor > Number(clock.seq)) {
    const client = await findClient(store.read, request.clientId, principal, false);
    const json = JSON.stringify({ changes: [], cursor: 0, hasMore: true, lastProcessedSeq: client?.lastSeq ?? 0, resync: true });
    return { json, changes: 0 };
  }
  const result = await store.snapshot((tx) => readPage(tx, principal, request.clientId, request.cursor, limit));
  // Noted once the device proved it is this user's: a cursor can only hold back its own history.
  ctx.cursors.note(request.clientId, request.cursor, now);
  return result;
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

async function readPage(tx: Kysely<DB>, principal: Principal, clientId: string, cursor: number, limit: number): Promise<PullResult> {
  const clock = await tx.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  const client = await findClient(tx, clientId, principal, false);
  const lastSeq = client?.lastSeq ?? 0;
  const snapshotSeq = client?.snapshotSeq ?? 0;
  if (client?.revoked) {
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
    next = Math.max(cursor, Number(clock.seq));
  }
  return { json: pageJson(page, next, hasMore, processed), changes: page.length };
}
