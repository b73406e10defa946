// One sync pass: push the outbox in ascending seq, then pull pages until the server has no more,
// then upload queued photo bytes (blobs.ts) — after the push, so their metadata is there first.
// Built only from injected dependencies (db, api, clock) so tests drive it deterministically
// against a real server. Outbox entries are removed only when a pull reports them processed.

import { PROTOCOL_VERSION, PUSH_BATCH, PULL_PAGE, type PushResponse, type PullResponse } from '../shared/protocol.ts';
import type { ShuoheDb } from '../db/schema.ts';
import { deviceMeta } from '../db/device.ts';
import type { ApiClient } from './http.ts';
import { ApiError } from './http.ts';
import { applyPullPage } from './apply-pull.ts';
import { uploadBlobs, type BlobApi } from './blobs.ts';

export interface SyncDeps {
  db: ShuoheDb;
  api: ApiClient;
  /** The area prefix this device syncs (from the signed-in account). */
  scope: string;
  now: () => Date;
  pullLimit?: number;
  /** Photo uploads; without it a pass syncs case data only. */
  blobs?: BlobApi;
}

export interface SyncResult {
  pushed: number;
  pulled: number;
  wiped: boolean;
}

export async function syncOnce(deps: SyncDeps): Promise<SyncResult> {
  const { clientId } = await deviceMeta(deps.db);
  const pushed = await pushOutbox(deps, clientId).catch((error: unknown) => {
    // A revoked (lost) phone is refused its push; the pull that follows tells it to erase itself.
    if (error instanceof ApiError && error.code === 'device.revoked') return 0;
    throw error;
  });
  const { pulled, wiped } = await pullAll(deps, clientId);
  // A revoked device erases its photos too (IDs, signatures): they are personal data.
  if (wiped) await deps.db.blobs.clear();
  else if (deps.blobs) await uploadBlobs(deps.db, deps.blobs);
  return { pushed, pulled, wiped };
}

async function pushOutbox(deps: SyncDeps, clientId: string): Promise<number> {
  let after = 0;
  let pushed = 0;
  for (;;) {
    const batch = await deps.db.outbox.where('seq').above(after).limit(PUSH_BATCH).toArray();
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (!first || !last) return pushed;
    const response = await deps.api.post<PushResponse>('/api/sync/push', { protocolVersion: PROTOCOL_VERSION, clientId, mutations: batch });
    if (response.expectedSeq !== undefined && response.expectedSeq < first.seq) {
      // The server misses mutations this device no longer holds (a restored server backup):
      // stop rather than loop; the entries stay in the outbox and the user is told.
      throw new ApiError(409, 'sync.gap', '服务器缺少本机较早的记录，请联系司法所处理');
    }
    pushed += response.results.filter((r) => r.status !== 'duplicate').length;
    const next = Math.max(response.lastProcessedSeq, response.expectedSeq !== undefined ? response.expectedSeq - 1 : 0);
    if (next <= after) return pushed;
    after = next;
  }
}

async function pullAll(deps: SyncDeps, clientId: string): Promise<{ pulled: number; wiped: boolean }> {
  let cursor = (await deps.db.syncState.get(deps.scope))?.cursor ?? 0;
  let pulled = 0;
  const fetchPage = (from: number) =>
    deps.api.post<PullResponse>('/api/sync/pull', { protocolVersion: PROTOCOL_VERSION, clientId, cursor: from, limit: deps.pullLimit ?? PULL_PAGE });
  let next: Promise<PullResponse> | undefined = fetchPage(cursor);
  while (next) {
    const page: PullResponse = await next;
    const more = !page.wipe && page.hasMore && page.cursor !== cursor;
    // Fetch the next page while this one is written: a pull is a read, so a page fetched and then
    // not applied (the write failed) costs nothing; the cursor only moves with applied pages.
    next = more ? fetchPage(page.cursor) : undefined;
    next?.catch(() => undefined);
    await applyPullPage(deps.db, deps.scope, page, deps.now().toISOString());
    pulled += page.changes.length;
    if (page.wipe) return { pulled, wiped: true };
    cursor = page.cursor;
  }
  return { pulled, wiped: false };
}
