// After the server was restored from a backup, it has forgotten everything it acknowledged since
// that backup — but the phones that synced meanwhile have not. Every push and pull answer names
// the server's epoch (a new one per restore); when it differs from the one this device synced
// under, the device puts back into its outbox the acknowledged mutations the server now lacks
// (the `sent` journal above the server's last seq for this device: same seq, same mutationId, so
// the server applies each exactly once), forgets its cursor, and the pass starts over: push,
// then a pull from 0. Retention of the journal (apply-pull.ts) bounds how old a backup can be.
import type { ShuoheDb, OutboxEntry } from '../db/schema.ts';

export class ServerRestored extends Error {
  constructor(readonly epoch: string, readonly serverLastSeq: number) {
    super('server restored from a backup');
  }
}

/** Throws ServerRestored when `answer` comes from another timeline than the device's. */
export function checkEpoch(known: string | undefined, answer: { epoch?: string | undefined; lastProcessedSeq: number }): void {
  if (known !== undefined && answer.epoch !== undefined && answer.epoch !== known) throw new ServerRestored(answer.epoch, answer.lastProcessedSeq);
}

export async function requeueAfterRestore(db: ShuoheDb, scope: string, restored: ServerRestored): Promise<number> {
  return db.transaction('rw', [db.outbox, db.sent, db.syncState], async () => {
    const lost = db.sent.where('seq').above(restored.serverLastSeq);
    // Plain copies (the spread opens the sealed fields), sealed again for the outbox.
    const entries = (await lost.toArray()).map(({ ackedAt: _ackedAt, ...m }): OutboxEntry => ({ ...m }) as OutboxEntry);
    await db.outbox.bulkPut(entries);
    await lost.delete();
    const state = await db.syncState.get(scope);
    await db.syncState.put({ scope, cursor: 0, lastSyncedAt: state?.lastSyncedAt ?? null, lastError: null, epoch: restored.epoch });
    return entries.length;
  });
}
