// Seals what an older version of the app stored in clear, once the first PIN exists. An app-level
// step after unlock, not a Dexie upgrade: sealing needs the key and WebCrypto, and neither fits in
// an upgrade transaction. Idempotent and resumable: each batch reads rows in primary-key order,
// seals only those still in clear (before the transaction) and writes them back; a run cut short
// simply finds fewer rows in clear next time. Done once `migrated` is set on the keyring row.

import type { Table } from 'dexie';
import type { ShuoheDb } from './schema.ts';
import { cameSealed, needsSealing, sealRows } from './crypto-middleware.ts';
import { SEAL_VERSION } from './crypto-keyring.ts';

const BATCH = 500;

async function sealTable(db: ShuoheDb, table: Table, name: string, keyPath: string): Promise<void> {
  let after: unknown;
  for (;;) {
    const batch: object[] = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(BATCH).toArray();
    const last = batch[batch.length - 1] as Record<string, unknown> | undefined;
    if (!last) return;
    const clear = batch.filter((row) => needsSealing(name, row));
    if (clear.length > 0) await table.bulkPut(await sealRows(db.vault, name, keyPath, clear));
    after = last[keyPath];
  }
}

export async function sealExistingRecords(db: ShuoheDb): Promise<void> {
  const row = await db.keyring.get('pin');
  if (!row || (row.migrated && (row.sealVersion ?? 1) >= SEAL_VERSION)) return;
  await sealTable(db, db.cases, 'cases', 'id');
  await sealTable(db, db.events, 'events', 'id');
  await sealTable(db, db.outbox, 'outbox', 'seq');
  await sealTable(db, db.review, 'review', 'id');
  // Photos one at a time (up to 5 MB each); the middleware seals each as it is written back.
  for (const sha256 of await db.blobs.toCollection().primaryKeys()) {
    await db.transaction('rw', db.blobs, async () => {
      const blob = await db.blobs.get(sha256);
      if (blob && !cameSealed(blob)) await db.blobs.put({ ...blob });
    });
  }
  await db.keyring.update('pin', { migrated: true, sealVersion: SEAL_VERSION });
}
