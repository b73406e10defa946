// A phone applies the pages its push answers carry (PushResponse.page) instead of pulling its own
// changes back — and falls back to pulling whenever that could skip something: another device's
// change in between, or a page it failed to write. SQLite and PostgreSQL, real sync engine.
import { describe, it, expect, afterAll } from 'vitest';
import { createCase } from '../../src/state/actions.ts';
import { PUSH_BATCH, PUSH_BYTES } from '../../src/shared/protocol.ts';
import { startHarness, simDevice, VILLAGE_A, type Harness } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { newCaseInput } from '../support/case-factory.ts';

afterAll(closeTestStores);

/** Counts what the phone's requests brought back: pages inside push answers, and pulled changes. */
function watch(h: Harness) {
  const seen = { pushes: 0, pushPages: 0, pulls: 0, pulledChanges: 0 };
  const pushBytes: number[] = [];
  const realFetch = h.fetch;
  h.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).endsWith('/push')) pushBytes.push(new TextEncoder().encode(String(init?.body)).length);
    const response = await realFetch(input, init);
    const body = (await response.clone().json()) as { page?: unknown; changes?: unknown[] };
    if (String(input).endsWith('/push')) {
      seen.pushes++;
      if (body.page !== undefined) seen.pushPages++;
    } else if (String(input).endsWith('/pull')) {
      seen.pulls++;
      seen.pulledChanges += body.changes?.length ?? 0;
    }
    return response;
  }) as typeof fetch;
  return { seen, pushBytes };
}

async function clock(h: Harness): Promise<number> {
  return Number((await h.store.read.selectFrom('sync_clock').select('seq').executeTakeFirstOrThrow()).seq);
}

for (const kind of storeKinds) {
  describe(`push answers carry pages on ${storeLabel[kind]}`, () => {
    it('a phone gets its cases back numbered in the push answers, with no pull after them', async () => {
      const h = await startHarness(await testDatabaseUrl(kind));
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        await phone.sync();
        const n = PUSH_BATCH + 7;
        for (let i = 0; i < n; i++) await createCase(phone, newCaseInput());
        const { seen } = watch(h);
        expect(await phone.sync()).toEqual({ pushed: n, pulled: n, wiped: false });
        expect(seen).toEqual({ pushes: 2, pushPages: 2, pulls: 0, pulledChanges: 0 });
        expect(await phone.db.outbox.count()).toBe(0);
        const numbers = (await phone.db.cases.toArray()).map((c) => c.caseNo);
        expect(new Set(numbers).size).toBe(n);
        expect(numbers.every((no) => typeof no === 'string' && /^（2026）开鲁\S+调字第\d+号$/.test(no))).toBe(true);
        expect((await phone.db.syncState.get(VILLAGE_A))?.cursor).toBe(await clock(h));
      } finally {
        await h.close();
      }
    });

    it('another device\'s change in between: no page, and the pull brings both', async () => {
      const h = await startHarness(await testDatabaseUrl(kind));
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        const laptop = await simDevice(h, 'zhen', VILLAGE_A.slice(0, 9));
        await phone.sync();
        const theirs = await createCase(laptop, newCaseInput());
        await laptop.sync();
        const mine = await createCase(phone, newCaseInput());
        const { seen } = watch(h);
        await phone.sync();
        expect(seen).toEqual({ pushes: 1, pushPages: 0, pulls: 1, pulledChanges: 2 });
        expect((await phone.db.cases.toArray()).map((c) => c.id).sort()).toEqual([theirs.id, mine.id].sort());
        expect(await phone.db.outbox.count()).toBe(0);
      } finally {
        await h.close();
      }
    });

    it('a batch larger than the server takes in one request goes up in pieces', async () => {
      const h = await startHarness(await testDatabaseUrl(kind));
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        await phone.sync();
        // ~15 KB of facts each (5,000 characters, 3 bytes apiece): one batch's worth is over PUSH_BYTES.
        const n = PUSH_BATCH;
        for (let i = 0; i < n; i++) await createCase(phone, newCaseInput({ facts: `${i}号：${'院墙滴水引发争执。'.repeat(555)}` }));
        const { pushBytes } = watch(h);
        expect((await phone.sync()).pushed).toBe(n);
        expect(pushBytes.reduce((a, b) => a + b, 0)).toBeGreaterThan(PUSH_BYTES);
        expect(pushBytes.length).toBeGreaterThan(1);
        expect(Math.max(...pushBytes)).toBeLessThanOrEqual(PUSH_BYTES);
        expect(await phone.db.outbox.count()).toBe(0);
      } finally {
        await h.close();
      }
    });

    it('a page the phone fails to write is not applied, nor any after it; the next sync pulls it all', async () => {
      const h = await startHarness(await testDatabaseUrl(kind));
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        await phone.sync();
        const before = (await phone.db.syncState.get(VILLAGE_A))?.cursor;
        const n = 2 * PUSH_BATCH + 3;
        for (let i = 0; i < n; i++) await createCase(phone, newCaseInput());
        // The disk refuses the first page's case rows, as a full disk would.
        const cases = phone.db.cases;
        const bulkPut = cases.bulkPut.bind(cases);
        let failures = 0;
        cases.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
          if (failures++ === 0) return Promise.reject(new DOMException('disk full', 'QuotaExceededError'));
          return bulkPut(...args);
        }) as typeof bulkPut;
        await expect(phone.sync()).rejects.toThrow('disk full');
        expect((await phone.db.syncState.get(VILLAGE_A))?.cursor).toBe(before);
        expect(await phone.db.outbox.count()).toBe(n);
        expect((await phone.db.cases.toArray()).every((c) => c.caseNo === null)).toBe(true);

        const { seen } = watch(h);
        await phone.sync();
        expect(seen.pushPages).toBe(0); // its batches were already processed: nothing new committed
        expect(await phone.db.outbox.count()).toBe(0);
        expect((await phone.db.cases.toArray()).every((c) => c.caseNo !== null)).toBe(true);
        expect((await phone.db.syncState.get(VILLAGE_A))?.cursor).toBe(await clock(h));
      } finally {
        await h.close();
      }
    });
  });
}
