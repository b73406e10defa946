// The commit-ordered sequence (sync.md §2.3). Taking it locks the single clock row until COMMIT,
// so no other writer can take a later number and commit first: server_seq order is commit order,
// and a pull cursor can never step over a change that commits later. Take it as late as possible
// in the transaction, after the domain writes, to keep the serialized part short.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

/** Reserves `count` consecutive numbers; returns the last one. */
export async function takeSeq(tx: Kysely<DB>, count: number): Promise<number> {
  const row = await sql<{ seq: number }>`update sync_clock set seq = seq + ${count} where id = 1 returning seq`.execute(tx);
  const seq = row.rows[0]?.seq;
  if (seq === undefined) throw new Error('sync_clock row missing');
  return Number(seq);
}
