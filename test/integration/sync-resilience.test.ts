// What goes wrong in the field, against a real server: answers lost after the server applied a
// push, a server that dies inside a push and is restarted, a phone offline for a month with
// 2,000 queued edits (sync.md §4 cases 6, 7 and 15).
import { describe, it, expect, afterAll } from 'vitest';
import { createCase, editCase, addNote } from '../../src/state/actions.ts';
import { startHarness, simDevice, login, VILLAGE_A, TOWN, type Harness } from '../support/sync-harness.ts';
import { deviceMeta } from '../../src/db/device.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { newCaseInput } from '../support/case-factory.ts';
import { PUSH_BATCH } from '../../src/shared/protocol.ts';

async function count(h: Harness, table: 'cases' | 'mutation_log'): Promise<number> {
  const row = await h.store.read.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

afterAll(closeTestStores);

for (const kind of storeKinds) {
  const label = storeLabel[kind];
  const url = () => testDatabaseUrl(kind);
  describe(`sync resilience on ${label}`, () => {
    it('a push whose answer is lost is sent again and applied exactly once', async () => {
      const h = await startHarness(await url());
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        const created = await createCase(phone, newCaseInput());
        await editCase(phone, created.id, (c) => ({ ...c, isDifficult: true }));
        phone.net.loseResponses = true;
        await expect(phone.sync()).rejects.toThrow();
        phone.net.loseResponses = false;
        expect(await count(h, 'mutation_log')).toBe(2); // the server did the work …
        expect(await phone.db.outbox.count()).toBe(2); // … but the phone never heard
        await phone.sync();
        expect(await count(h, 'mutation_log')).toBe(2);
        expect(await count(h, 'cases')).toBe(1);
        expect(await phone.db.outbox.count()).toBe(0);
        expect((await phone.db.cases.get(created.id))?.caseNo).toMatch(/^（2026）开鲁\S+调字第1号$/);
      } finally {
        await h.close();
      }
    });

    it('a lost phone that is revoked erases its case data at its next contact, even with edits still queued', async () => {
      const h = await startHarness(await url());
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        await createCase(phone, newCaseInput());
        await phone.sync();
        await createCase(phone, newCaseInput());
        const { clientId } = await deviceMeta(phone.db);
        const town = await login(h, 'zhen');
        const revoked = await h.fetch(`/api/devices/${clientId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${town}` } });
        expect(revoked.status).toBe(200);
        const result = await phone.sync();
        expect(result.wiped).toBe(true);
        expect(await phone.db.cases.count()).toBe(0);
        expect(await phone.db.outbox.count()).toBe(0);
        expect(await count(h, 'cases')).toBe(1); // what it had synced stays on the server
      } finally {
        await h.close();
      }
    });

    it('a server that dies inside a push loses nothing: the phone keeps its outbox and the restarted server converges', async () => {
      const h = await startHarness(await url());
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        const created = await createCase(phone, newCaseInput());
        await addNote(phone, created.id, '当事人电话已核实');
        h.hooks.beforeCommit = async () => {
          throw new Error('power cut before commit');
        };
        await expect(phone.sync()).rejects.toThrow();
        h.hooks.beforeCommit = undefined;
        await h.restart();
        expect(await count(h, 'mutation_log')).toBe(0);
        expect(await phone.db.outbox.count()).toBe(2);
        await phone.sync();
        const laptop = await simDevice(h, 'zhen', TOWN);
        await laptop.sync();
        expect((await laptop.db.cases.get(created.id))?.private.facts).toBe(created.private.facts);
        expect(await laptop.db.events.where('caseId').equals(created.id).count()).toBe(1);
        expect(await phone.db.outbox.count()).toBe(0);
      } finally {
        await h.close();
      }
    });
  });
}

describe('a month offline', () => {
  it('a pulled page the device fails to write stops the pull there: the pages before it stay, none after it is written, the next sync goes on', async () => {
    const h = await startHarness();
    try {
      // Three commits of 10 cases: with pages of 10, one page each (a page never ends inside a commit).
      const phone = await simDevice(h, 'a', VILLAGE_A);
      const commits: string[][] = [];
      for (let c = 0; c < 3; c++) {
        const ids: string[] = [];
        for (let i = 0; i < 10; i++) ids.push((await createCase(phone, newCaseInput())).id);
        await phone.sync();
        commits.push(ids);
      }
      const laptop = await simDevice(h, 'zhen', TOWN, { pullLimit: 10 });
      // The disk refuses the second page's cases, as a full disk would; the third page is then
      // already received and sealed (it is prepared while the one before is written) but must not be written.
      const cases = laptop.db.cases;
      const bulkPut = cases.bulkPut.bind(cases);
      let calls = 0;
      cases.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
        if (++calls === 2) return Promise.reject(new DOMException('disk full', 'QuotaExceededError'));
        return bulkPut(...args);
      }) as typeof bulkPut;
      await expect(laptop.sync()).rejects.toThrow('disk full');
      expect((await laptop.db.cases.toCollection().primaryKeys()).sort()).toEqual([...(commits[0] ?? [])].sort());
      const cursor = (await laptop.db.syncState.get(TOWN))?.cursor ?? 0;
      expect(cursor).toBeGreaterThan(0);

      cases.bulkPut = bulkPut;
      await laptop.sync();
      expect((await laptop.db.cases.toCollection().primaryKeys()).sort()).toEqual(commits.flat().sort());
      const clock = await h.store.read.selectFrom('sync_clock').select('seq').executeTakeFirstOrThrow();
      expect((await laptop.db.syncState.get(TOWN))?.cursor).toBe(Number(clock.seq));
    } finally {
      await h.close();
    }
  });

  it('2,000 queued edits go up in batches and come back in pages', async () => {
    const h = await startHarness();
    try {
      const phone = await simDevice(h, 'a', VILLAGE_A);
      phone.net.up = false;
      const ids: string[] = [];
      for (let day = 0; day < 30; day++) {
        phone.clock.now = new Date(Date.UTC(2026, 9, 1 + day, 8));
        for (let i = 0; i < 4; i++) ids.push((await createCase(phone, newCaseInput({ acceptedOn: phone.clock.now.toISOString().slice(0, 10) }))).id);
      }
      let n = await phone.db.outbox.count();
      for (let i = 0; n < 2_000; i++, n++) {
        const id = ids[i % ids.length] as string;
        if (i % 2) await addNote(phone, id, `第${i}次走访记录`);
        else await editCase(phone, id, (c) => ({ ...c, private: { ...c.private, place: `地点${i}` } }));
      }
      expect(await phone.db.outbox.count()).toBe(2_000);

      // Pages come back in the push answers (PushResponse.page) or from pulls.
      const requests = { push: 0, pages: 0 };
      const realFetch = h.fetch;
      h.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await realFetch(input, init);
        const body = (await response.clone().json()) as { page?: unknown; changes?: unknown[] };
        if (String(input).endsWith('/push')) requests.push++;
        if (body.page !== undefined || (body.changes?.length ?? 0) > 0) requests.pages++;
        return response;
      }) as typeof fetch;
      phone.net.up = true;
      await phone.sync();
      expect(await phone.db.outbox.count()).toBe(0);
      expect(requests.push).toBeGreaterThanOrEqual(Math.ceil(2_000 / PUSH_BATCH)); // batches of at most PUSH_BATCH
      expect(requests.pages).toBeGreaterThan(1); // pages, not one huge answer
      expect(await count(h, 'mutation_log')).toBe(2_000);
      const laptop = await simDevice(h, 'zhen', TOWN);
      await laptop.sync();
      expect(await laptop.db.cases.count()).toBe(120);
      expect(await laptop.db.events.count()).toBe(await phone.db.events.count());
    } finally {
      await h.close();
    }
  }, 180_000);
});
