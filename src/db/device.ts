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
