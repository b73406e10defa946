// The server's epoch (migration 0040): sent with every push and pull answer. It changes only when
// a backup is restored, which is how a phone learns the server forgot what it acknowledged since
// that backup (src/sync/restore.ts re-sends it).
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../store/schema.ts';
import { writeGeneration } from '../store/write-watch.ts';

export async function readEpoch(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('server_epoch').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.epoch;
}

/** How long another process's restore may go unseen (a restore here is seen at once: write-watch.ts). */
const EPOCH_TTL_MS = 2000;
const known = new WeakMap<Kysely<DB>, { epoch: string; generation: number; at: number }>();

/**
 * The epoch as every sync answer names it, read once and kept while nothing is written here that
 * could change it (a round trip to a SQLite worker on every push and pull, issue #13).
 */
export async function currentEpoch(db: Kysely<DB>): Promise<string> {
  const hit = known.get(db);
  if (hit && hit.generation === writeGeneration() && performance.now() - hit.at < EPOCH_TTL_MS) return hit.epoch;
  const generation = writeGeneration();
  const at = performance.now();
  const epoch = await readEpoch(db);
  known.set(db, { epoch, generation, at });
  return epoch;
}

/** A restored database is a new timeline: phones must not trust their cursors or acknowledgements. */
export async function renewEpoch(db: Kysely<DB>): Promise<string> {
  const epoch = uuidv7();
  await sql`update server_epoch set epoch = ${epoch} where id = 1`.execute(db);
  return epoch;
}

/** `{…}` → `{…,"epoch":"…"}`, for the answers sent as prepared JSON text. */
export function withEpoch(json: string, epoch: string): string {
  return `${json.slice(0, -1)},"epoch":${JSON.stringify(epoch)}}`;
}
