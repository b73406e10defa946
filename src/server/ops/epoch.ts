// The server's epoch (migration 0040): sent with every push and pull answer. It changes only when
// a backup is restored, which is how a phone learns the server forgot what it acknowledged since
// that backup (src/sync/restore.ts re-sends it).
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../store/schema.ts';

export async function readEpoch(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('server_epoch').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.epoch;
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
