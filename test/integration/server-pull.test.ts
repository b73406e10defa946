// Pull (sync.md §2.3): paging with hasMore, scope filtering, lastProcessedSeq from the same
// snapshot, and test 12 of §4 — a transaction that takes its sequence number and commits late
// must still reach a client whose pull ran in between.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { Change } from '../../src/shared/protocol.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';

afterAll(closeTestStores);

const ids = (changes: Change[], entity: Change['entity']) => changes.filter((c) => c.entity === entity).map((c) => c.id);

describe.each(storeKinds)('pull on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('pages with hasMore until done, never ending inside a commit; acks arrive with their effects', async () => {
    const { medB } = h.users;
    const dev = new Device(medB.id);
    const records = Array.from({ length: 25 }, () => caseRecord(medB.scope));
    // Five pushes of five cases with a session each: every commit writes ten changes.
    for (let i = 0; i < 5; i++) {
      const mutations = records.slice(i * 5, i * 5 + 5).flatMap((r) => [dev.create(r), dev.event(r, session())]);
      expect((await h.push(medB, dev.request(mutations))).body.lastProcessedSeq).toBe((i + 1) * 10);
    }
    const pages = [];
    let cursor = 0;
    for (;;) {
      const reply = await h.pull(medB, cursor, { device: dev, limit: 12 });
      expect(reply.status).toBe(200);
      pages.push(reply.body);
      expect(reply.body.cursor).toBeGreaterThan(cursor);
      cursor = reply.body.cursor;
      if (!reply.body.hasMore) break;
    }
    // 12 would cut the second commit: each page runs on to the end of the commit it reached.
    expect(pages.map((p) => [p.changes.length, p.hasMore, p.lastProcessedSeq])).toEqual([[20, true, 20], [20, true, 40], [10, false, 50]]);
    const changes = pages.flatMap((p) => p.changes);
    expect(new Set(ids(changes, 'case'))).toEqual(new Set(records.map((r) => r.id)));
    expect(ids(changes, 'event')).toHaveLength(25);
    const seqs = changes.map((c) => c.serverSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const empty = await h.pull(medB, cursor, { device: dev });
    expect(empty.body).toMatchObject({ changes: [], hasMore: false, cursor, lastProcessedSeq: 50 });

    // One commit larger than the page limit still arrives whole.
    const big = Array.from({ length: 8 }, () => caseRecord(medB.scope));
    await h.push(medB, dev.request(big.map((r) => dev.create(r))));
    const whole = await h.pull(medB, cursor, { device: dev, limit: 3 });
    expect(whole.body).toMatchObject({ hasMore: false, lastProcessedSeq: 58 });
    expect(whole.body.changes).toHaveLength(8);
  });

  test('a mutation that changed nothing on the server still re-sends the case to replace optimistic copies', async () => {
    const { med, town } = h.users;
    const record = caseRecord(med.scope);
    await h.push(med, med.device.request([med.device.create(record)]));
    const laptop = new Device(town.id);
    await h.push(town, laptop.request([laptop.transition(record.id, { from: 'accepted', to: 'mediating' })]));
    const cursor = (await h.pullAll(med)).last.cursor;
    // The phone moved the case on itself, offline; the server refuses (stale) and keeps the case as is.
    const stale = med.device.transition(record.id, { from: 'accepted', to: 'rejected', rejection: { reason: '其他', note: '' } });
    expect((await h.push(med, med.device.request([stale]))).body.results[0]).toMatchObject({ status: 'rejected' });
    const { changes } = await h.pullAll(med, cursor);
    const resent = changes.find((c) => c.entity === 'case' && c.id === record.id);
    expect(resent?.op === 'upsert' && resent.data).toMatchObject({ status: 'mediating', version: 2 });
  });

  test('each user pulls only their own area', async () => {
    const { med, med2, medB, town, townB, county, countyX, admin } = h.users;
    const a = caseRecord(med.scope);
    const b = caseRecord(med2.scope);
    await h.push(med, med.device.request([med.device.create(a)]));
    await h.push(med2, med2.device.request([med2.device.create(b)]));
    const seen = async (user: typeof med) => new Set(ids((await h.pullAll(user)).changes, 'case'));
    expect(await seen(med)).toContain(a.id);
    expect(await seen(med)).not.toContain(b.id);
    expect(await seen(med2)).not.toContain(a.id);
    for (const user of [town, county, admin]) {
      const got = await seen(user);
      expect(got.has(a.id) && got.has(b.id)).toBe(true);
    }
    for (const user of [medB, townB, countyX]) {
      const got = await seen(user);
      expect(got.has(a.id) || got.has(b.id)).toBe(false);
    }
  });

  test('a change that took its sequence before a later commit is still delivered (test 12)', async () => {
    const { med, med2, town } = h.users;
    const slow = new Device(med.id);
    const fast = new Device(med2.id);
    const townPhone = new Device(town.id);
    const before = (await h.pullAll(town, 0, { device: townPhone })).last.cursor;

    let reached!: () => void;
    let release!: () => void;
    const atCommit = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.hooks.beforeCommit = async ({ clientId }) => {
      if (clientId !== slow.clientId) return;
      reached();
      await gate;
    };
    try {
      const a = caseRecord(med.scope);
      const b = caseRecord(med2.scope);
      const pushA = h.push(med, slow.request([slow.create(a)]));
      await atCommit; // A holds its server_seq, uncommitted
      const pushB = h.push(med2, fast.request([fast.create(b)]));
      if (kind === 'postgres') await waitForLockWait(h);

      const during = await h.pull(town, before, { device: townPhone });
      expect(during.status).toBe(200);
      expect(ids(during.body.changes, 'case')).toEqual([]);
      expect(during.body.cursor).toBe(before);

      release();
      expect((await pushA).body.results[0]?.status).toBe('applied');
      expect((await pushB).body.results[0]?.status).toBe('applied');
      const after = await h.pullAll(town, during.body.cursor, { device: townPhone });
      const order = ids(after.changes, 'case');
      expect(order).toEqual([a.id, b.id]);
    } finally {
      release();
      delete h.hooks.beforeCommit;
    }
  });
});

/** PostgreSQL: wait until the second push is really blocked on the clock row lock. */
async function waitForLockWait(h: Harness): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const rows = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(h.store.db);
    if ((rows.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the second push never waited for the clock row');
}
