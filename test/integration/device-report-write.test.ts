// The device report a phone sends with its sync (the 设备 list's line) is written through the
// group commit and the sync's answer does not wait for it (issue #13): with the writer busy — a
// long write holding it, as 500 phones' pushes do — a pull still answers, and the report is kept
// once the writer is free.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { caseRecord } from '../support/server-device.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('a device report on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('a pull answers while the writer is held, and its report is recorded after', async () => {
    const { med } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    // Something to pull, so the phone's cursor is past 0 (a pull from 0 starts a snapshot: a write).
    expect((await h.push(med, med.device.request([med.device.create(caseRecord('150523100200'))]))).status).toBe(200);
    const { cursor } = (await h.pullAll(med, 0)).last;
    expect(cursor).toBeGreaterThan(0);
    const token = await h.tokenFor(med, med.device.clientId);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = h.store.write(async (tx) => {
      // A write that keeps the writer (on PostgreSQL: the devices row's lock) until released.
      await tx.updateTable('devices').set({ user_agent: 'held' }).where('client_id', '=', med.device.clientId).execute();
      await held;
    });
    try {
      const reply = await h.call('POST', '/api/sync/pull', {
        token,
        body: { ...med.device.pullRequest(cursor), device: { appVersion: 'v-held', pending: 3, deviceTime: new Date().toISOString() } },
      });
      expect(reply.status).toBe(200);
      const before = await h.store.read.selectFrom('devices').select('app_version').where('client_id', '=', med.device.clientId).executeTakeFirstOrThrow();
      expect(before.app_version).not.toBe('v-held');
    } finally {
      release();
      await holding;
    }
    await expect.poll(async () => (await h.store.read.selectFrom('devices').select(['app_version', 'pending_changes'])
      .where('client_id', '=', med.device.clientId).executeTakeFirstOrThrow()), { timeout: 20_000 }).toEqual({ app_version: 'v-held', pending_changes: 3 });
  });
});
