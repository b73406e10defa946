// This install's identity: a random clientId per database and the outbox sequence (sync.md §2.2).

import type { ShuoheDb, DeviceMeta } from './schema.ts';

export async function deviceMeta(db: ShuoheDb): Promise<DeviceMeta> {
  const existing = await db.meta.get('device');
  if (existing) return existing;
  return db.transaction('rw', db.meta, async () => {
    const again = await db.meta.get('device');
    if (again) return again;
    const meta: DeviceMeta = { key: 'device', clientId: crypto.randomUUID(), nextSeq: 1, nextProvisional: 1 };
    await db.meta.add(meta);
    return meta;
  });
}

/**
 * Forgets everything on this device: cases, events, review items, cursors and its clientId. Used
 * when another account signs in on a phone whose outbox is empty (so nothing can be lost), and
 * when the server says this device was revoked.
 */
export async function resetDevice(db: ShuoheDb): Promise<void> {
  await db.transaction('rw', [db.cases, db.events, db.outbox, db.sent, db.review, db.syncState, db.meta, db.screenings, db.alerts, db.referrals], async () => {
    await Promise.all([db.cases.clear(), db.events.clear(), db.outbox.clear(), db.sent.clear(), db.review.clear(), db.syncState.clear(), db.meta.clear(), db.screenings.clear(), db.alerts.clear(), db.referrals.clear()]);
  });
}

/**
 * Forgets the case data but keeps this install's clientId and numbering: another account signed
 * in and the server registered this clientId to it at login (a clientId the previous account had
 * synced with is refused there as device.foreign, and the phone starts afresh instead).
 */
export async function clearCaseData(db: ShuoheDb): Promise<void> {
  await db.transaction('rw', [db.cases, db.events, db.outbox, db.sent, db.review, db.syncState, db.screenings, db.alerts, db.referrals], async () => {
    await Promise.all([db.cases.clear(), db.events.clear(), db.outbox.clear(), db.sent.clear(), db.review.clear(), db.syncState.clear(), db.screenings.clear(), db.alerts.clear(), db.referrals.clear()]);
  });
}

/**
 * Erases everything this device holds of cases, photos and the PIN: after ten wrong PINs, or when
 * the mediator forgot the PIN (state/lock.ts). The data key goes with it, so nothing left behind
 * anywhere (a backup of the database, a half-finished write) can be opened again.
 */
export async function wipeDevice(db: ShuoheDb): Promise<void> {
  await resetDevice(db);
  await db.transaction('rw', [db.blobs, db.keyring], async () => {
    await Promise.all([db.blobs.clear(), db.keyring.clear()]);
  });
  db.vault.forget();
}
