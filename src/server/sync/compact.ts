// Compaction of change_log (issue #13). change_log keeps a full copy of a record for every commit
// that touched it, so without this a phone's first pull replays history: 2,000 cases edited five
// times are 12,000 changes. A row is *superseded* when the same record (entity, id) has a newer
// row in the same village: every device that can see the old row sees the newer one too, and
// applies it later. Superseded rows are deleted once every device still in use has pulled past
// them — behind the oldest pull_cursor of the unrevoked devices seen in the last RETENTION_DAYS —
// so a device in use always receives every change it has not pulled. A device silent for longer
// still converges: the log keeps the newest row of every record (and every evict that is not
// superseded), which is all a pull needs to end in the current state.
//
// The work is done in slices of the sequence, one short write transaction each, yielding to the
// event loop between them: pushes queue behind one slice at most, never behind the whole job.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import type { CursorBook } from './cursors.ts';
import { newerRowExists } from './latest.ts';

export const RETENTION_DAYS = 30;
const SLICE = 5000;

export interface Compaction {
  /** Rows at or below this seq were compacted. */
  floor: number;
  deleted: number;
}

export async function compactChangeLog(store: Store, book: CursorBook, now: () => Date, retentionDays = RETENTION_DAYS): Promise<Compaction> {
  await book.flush(store);
  const since = new Date(now().getTime() - retentionDays * 86_400_000).toISOString();
  const clock = await store.read.selectFrom('sync_clock').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  const oldest = await store.read.selectFrom('sync_clients').select((eb) => eb.fn.min('pull_cursor').as('cursor'))
    .where('revoked', '=', 0).where('last_seen_at', '>=', since).executeTakeFirst();
  const inUse = oldest?.cursor;
  const floor = inUse === null || inUse === undefined ? Number(clock.seq) : Math.min(Number(clock.seq), Number(inUse));
  let deleted = 0;
  for (let from = 0; from < floor; from += SLICE) {
    const to = Math.min(floor, from + SLICE);
    deleted += await store.write((tx) => deleteSuperseded(tx, from, to));
    await yieldToLoop();
  }
  return { floor, deleted };
}

async function deleteSuperseded(tx: Kysely<DB>, from: number, to: number): Promise<number> {
  const result = await tx.deleteFrom('change_log').where('server_seq', '>', from).where('server_seq', '<=', to)
    .where((eb) => newerRowExists(eb)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
