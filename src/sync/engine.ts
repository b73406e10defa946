// One sync pass: push the outbox in ascending seq (applying the pages the push answers carry),
// then pull pages until the server has no more, then upload queued photo bytes (blobs.ts) —
// after the push, so their metadata is there first.
// Built only from injected dependencies (db, api, clock) so tests drive it deterministically
// against a real server. Outbox entries are removed only when a pull page reports them
// processed — pulled, or carried by a push answer.

import { openRowsNow } from '../db/crypto-middleware.ts';
import { PROTOCOL_VERSION, PUSH_BATCH, PUSH_BYTES, PULL_PAGE, type DeviceReport, type PushResponse, type PullResponse } from '../shared/protocol.ts';
import type { OutboxEntry, ShuoheDb } from '../db/schema.ts';
import { deviceMeta } from '../db/device.ts';
import type { ApiClient } from './http.ts';
import { ApiError } from './http.ts';
import { commitPullPage, preparePullPage } from './apply-pull.ts';
import { uploadBlobs, type BlobApi } from './blobs.ts';
import { checkEpoch, requeueAfterRestore, ServerRestored } from './restore.ts';

export interface SyncDeps {
  db: ShuoheDb;
  api: ApiClient;
  /** The area prefix this device syncs (from the signed-in account). */
  scope: string;
  now: () => Date;
  pullLimit?: number;
  /** Photo uploads; without it a pass syncs case data only. */
  blobs?: BlobApi;
  /** What the phone says about itself (app version, pending, storage, clock) with the pass's first request. */
  report?: () => Promise<DeviceReport>;
}

export interface SyncResult {
  pushed: number;
  /** Changes received, in push answers' pages and in pulls. */
  pulled: number;
  wiped: boolean;
}

export async function syncOnce(deps: SyncDeps): Promise<SyncResult> {
  try {
    return await syncPass(deps);
  } catch (error) {
    if (!(error instanceof ServerRestored)) throw error;
    // The server was restored from a backup: give back what it lost, then sync from scratch.
    await requeueAfterRestore(deps.db, deps.scope, error);
    return syncPass(deps);
  }
}

async function syncPass(deps: SyncDeps): Promise<SyncResult> {
  const { clientId } = await deviceMeta(deps.db);
  // A report that cannot be made (no storage estimate…) never stops the sync.
  const device = deps.report ? await deps.report().catch(() => undefined) : undefined;
  const epoch = (await deps.db.syncState.get(deps.scope))?.epoch;
  const pushed = await pushOutbox(deps, clientId, epoch, device).catch((error: unknown): Pushed => {
    // A revoked (lost) phone is refused its push; the pull that follows tells it to erase itself.
    if (error instanceof ApiError && error.code === 'device.revoked') return { pushed: 0, received: 0, upToDate: false };
    throw error;
  });
  // The last push answer's page already brought everything up to its commit: a pull now would
  // find what committed since, which is what the next pass is for.
  const { pulled, wiped } = pushed.upToDate ? { pulled: 0, wiped: false } : await pullAll(deps, clientId, epoch, pushed.pushed === 0 ? device : undefined);
  // A revoked device erases its photos too (IDs, signatures): they are personal data.
  if (wiped) await deps.db.blobs.clear();
  else if (deps.blobs) await uploadBlobs(deps.db, deps.blobs);
  return { pushed: pushed.pushed, pulled: pushed.received + pulled, wiped };
}

interface Pushed {
  /** Mutations the server processed in this pass (not counting repeats). */
  pushed: number;
  /** Changes received in the answers' pages. */
  received: number;
  /** The last answer's page was applied: the device has everything up to that commit. */
  upToDate: boolean;
}

/** A run of outbox entries serialised for one push: at most PUSH_BATCH of them and PUSH_BYTES. */
interface Batch {
  first: number;
  last: number;
  entries: OutboxEntry[];
  json: string[];
}

async function readBatch(db: ShuoheDb, after: number): Promise<Batch | undefined> {
  const entries = await db.outbox.where('seq').above(after).limit(PUSH_BATCH).toArray();
  // Sealed payloads opened in one WebCrypto batch, not one by one as JSON.stringify touches them.
  await openRowsNow(db.vault, entries);
  const json: string[] = [];
  let bytes = 200; // the envelope around the mutations
  for (const entry of entries) {
    const text = JSON.stringify(entry);
    bytes += utf8Length(text) + 1;
    // Long texts or many photos' metadata: stop before the server's body limit (one always goes).
    if (json.length > 0 && bytes > PUSH_BYTES) break;
    json.push(text);
  }
  const first = entries[0]?.seq;
  const last = entries[json.length - 1]?.seq;
  return first === undefined || last === undefined ? undefined : { first, last, entries: entries.slice(0, json.length), json };
}

/** Bytes of `text` in UTF-8, counted without encoding it. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 2 units, 4 bytes
      i++;
    } else if (code >= 0x800) bytes += 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}

/**
 * Pushes the outbox in seq order, one request at a time (the server must see batch N before
 * N+1). Each request names the pull cursor the device will have once the pages received so far
 * are applied; while nothing else committed in between, the answer carries this push's changes
 * as the next pull page, and the device applies it while the next batch is on its way — in
 * order, one Dexie transaction each, a page never applied unless the one before it was.
 */
async function pushOutbox(deps: SyncDeps, clientId: string, epoch: string | undefined, device: DeviceReport | undefined): Promise<Pushed> {
  const { db } = deps;
  let cursor: number | undefined = (await db.syncState.get(deps.scope))?.cursor ?? 0;
  let applied: Promise<void> = Promise.resolve();
  let applyFailed = false;
  let pushed = 0;
  let received = 0;
  let upToDate = false;
  try {
    let after = 0;
    let batch: Batch | undefined = await readBatch(db, after);
    while (batch && !applyFailed) {
      const report = device && after === 0 ? `"device":${JSON.stringify(device)},` : '';
      const body: string = `{"protocolVersion":${PROTOCOL_VERSION},"clientId":${JSON.stringify(clientId)},${report}${cursor === undefined ? '' : `"cursor":${cursor},`}"mutations":[${batch.json.join(',')}]}`;
      const request = deps.api.post<PushResponse>('/api/sync/push', body);
      // Read the next batch while the server works, as if this one goes through whole.
      const ahead = readBatch(db, batch.last);
      ahead.catch(() => undefined);
      const response: PushResponse = await request;
      checkEpoch(epoch, response);
      if (response.expectedSeq !== undefined && response.expectedSeq < batch.first) {
        // The server misses mutations this device no longer holds (a restored server backup):
        // stop rather than loop; the entries stay in the outbox and the user is told.
        throw new ApiError(409, 'sync.gap', '服务器缺少本机较早的记录，请联系司法所处理');
      }
      pushed += response.results.filter((r) => r.status !== 'duplicate').length;
      // The page inherits the answer's epoch, so a device that only ever syncs by pushing records it too.
      const page = response.page && response.epoch !== undefined ? { ...response.page, epoch: response.epoch } : response.page;
      upToDate = page !== undefined && cursor !== undefined;
      if (page && cursor !== undefined) {
        // Sealed as soon as it arrives, written once the page before it is in.
        const syncedAt = deps.now().toISOString();
        const prepared = preparePullPage(db, page, syncedAt, batch.entries);
        prepared.catch(() => undefined);
        applied = applied.then(() => prepared).then((ready) => commitPullPage(db, deps.scope, ready, syncedAt));
        applied.catch(() => (applyFailed = true));
        cursor = page.cursor;
        received += page.changes.length;
      } else {
        // Other changes came in between: the pull after the push fetches them, and this push's too.
        cursor = undefined;
      }
      const next = Math.max(response.lastProcessedSeq, response.expectedSeq !== undefined ? response.expectedSeq - 1 : 0);
      if (next <= after) break;
      batch = next === batch.last ? await ahead : await readBatch(db, next);
      after = next;
    }
  } catch (error) {
    // Let a page being written finish before the pass reports its failure.
    await applied.catch(() => undefined);
    throw error;
  }
  await applied;
  return { pushed, received, upToDate };
}

async function pullAll(deps: SyncDeps, clientId: string, epoch: string | undefined, device: DeviceReport | undefined): Promise<{ pulled: number; wiped: boolean }> {
  let cursor = (await deps.db.syncState.get(deps.scope))?.cursor ?? 0;
  let pulled = 0;
  let first = true;
  const fetchPage = (from: number) => {
    // The report rides on the first page only (when no push carried it).
    const report = first && device ? { device } : {};
    first = false;
    return deps.api.post<PullResponse>('/api/sync/pull', { protocolVersion: PROTOCOL_VERSION, clientId, ...report, cursor: from, limit: deps.pullLimit ?? PULL_PAGE });
  };
  let next: Promise<PullResponse> | undefined = fetchPage(cursor);
  // The page being written. Pages are written one after another, in order, each in its own
  // transaction; the next one is received and sealed (preparePullPage) meanwhile.
  let writing: Promise<void> = Promise.resolve();
  try {
    while (next) {
      const page: PullResponse = await next;
      checkEpoch(epoch, page);
      // A restored server answers a cursor it never issued with `resync` and cursor 0: pull it all again.
      const more = !page.wipe && (page.resync === true || (page.hasMore && page.cursor !== cursor));
      // Fetch the next page while this one is written: a pull is a read, so a page fetched and then
      // not applied (the write failed) costs nothing; the cursor only moves with applied pages.
      next = more ? fetchPage(page.cursor) : undefined;
      next?.catch(() => undefined);
      const syncedAt = deps.now().toISOString();
      const prepared = preparePullPage(deps.db, page, syncedAt);
      prepared.catch(() => undefined);
      // The page before must be in before this one is written (a failure stops the pull there).
      await writing;
      writing = prepared.then((ready) => commitPullPage(deps.db, deps.scope, ready, syncedAt));
      writing.catch(() => undefined);
      pulled += page.changes.length;
      if (page.wipe) {
        await writing;
        return { pulled, wiped: true };
      }
      cursor = page.cursor;
    }
  } catch (error) {
    // Let a page being written finish before the pass reports its failure (or starts over).
    await writing.catch(() => undefined);
    throw error;
  }
  await writing;
  return { pulled, wiped: false };
}
