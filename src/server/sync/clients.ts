// Devices (clientIds). A clientId belongs to the first user that pushes or pulls with it; another
// user presenting it is refused, and a revoked one is told to wipe its local data.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError } from '../http/errors.ts';

export interface ClientState {
  lastSeq: number;
  revoked: boolean;
  /** The clock at its last pull from cursor 0 (pull.ts). */
  snapshotSeq: number;
}

export async function findClient(db: Kysely<DB>, clientId: string, principal: Principal, lock: boolean): Promise<ClientState | undefined> {
  const row = await db.selectFrom('sync_clients').select(['user_id', 'last_seq', 'revoked', 'snapshot_seq']).where('client_id', '=', clientId)
    .$if(lock, (q) => q.forUpdate()).executeTakeFirst();
  if (!row) return undefined;
  if (row.user_id !== principal.userId) throw new ApiError(403, 'device.foreign');
  return { lastSeq: Number(row.last_seq), revoked: row.revoked !== 0, snapshotSeq: Number(row.snapshot_seq) };
}

/** Finds or registers the device for this user (inside a write transaction). */
export async function ensureClient(
  tx: Kysely<DB>, clientId: string, principal: Principal, userAgent: string, now: string, lock: boolean,
): Promise<ClientState> {
  const found = await findClient(tx, clientId, principal, lock);
  if (found) return found;
  await tx.insertInto('sync_clients')
    .values({ client_id: clientId, user_id: principal.userId, last_seq: 0, revoked: 0, created_at: now, last_seen_at: now }).execute();
  await tx.insertInto('devices')
    .values({ client_id: clientId, user_id: principal.userId, user_agent: userAgent.slice(0, 300), registered_at: now, revoked_at: null, revoked_by: null })
    .execute();
  return { lastSeq: 0, revoked: false, snapshotSeq: 0 };
}
