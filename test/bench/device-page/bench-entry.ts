// Runs inside Chromium on the app's origin, so it uses the same IndexedDB database ("shuohe")
// the app opens: seeds N cases, then times saves and list queries through the real code paths.
import { uuidv7 } from 'uuidv7';
import { ShuoheDb, toStored, type StoredCase } from '../../../src/db/schema.ts';
import { createCase } from '../../../src/state/actions.ts';
import { listCases, searchCases } from '../../../src/db/queries.ts';
import { createPin, unlockWithPin } from '../../../src/db/crypto-pin.ts';
import { saveProfile } from '../../../src/db/settings.ts';
import type { CaseRecord } from '../../../src/shared/case.ts';
import { noPrevention } from '../../../src/shared/case.ts';
import { categoriesForDate } from '../../../src/shared/categories.ts';
import { syncOnce } from '../../../src/sync/engine.ts';
import { deviceMeta } from '../../../src/db/device.ts';
import { createApiClient } from '../../../src/sync/http.ts';

/** Signs in for the device whose database is `on` (a session works for that device only, issue #12). */
async function login(username: string, on: ShuoheDb = db): Promise<string> {
  const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'shuohe-2023', clientId: (await deviceMeta(on)).clientId }) });
  return ((await res.json()) as { token: string }).token;
}

const db = new ShuoheDb();
const ctx = { db, userId: 'bench', now: () => new Date() };
const village = '150523100200';
const cats = categoriesForDate('2026-01-01');

function input(i: number) {
  return {
    categoryCode: cats[i % cats.length]?.code ?? '02', source: '申请' as const, acceptedOn: '2026-06-01', villageCode: village,
    committeeName: '测试村人民调解委员会', mediators: ['王建国'],
    parties: [
      { id: uuidv7(), role: '申请人' as const, name: `张${i}`, phone: '13800000000', address: '开鲁镇测试村三组' },
      { id: uuidv7(), role: '被申请人' as const, name: `李${i}`, phone: '13900000000', address: '开鲁镇测试村四组' },
    ],
    facts: '两家因院墙滴水和通行发生争执，多次协商未果，申请村调委会调解。'.repeat(8), claims: ['对方改造排水', '赔偿损失'], place: '村委会调解室',
  };
}

function record(i: number): CaseRecord {
  const p = input(i);
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const statuses = ['accepted', 'mediating', 'agreed', 'visited', 'terminated', 'archived'] as const;
  return {
    id: uuidv7(), version: 1, villageCode: village, townCode: village.slice(0, 9), countyCode: village.slice(0, 6), committeeName: p.committeeName,
    caseNo: `（2026）开鲁调字第${i + 1}号`, provisionalNo: `临BENC-${i}`, status: statuses[i % statuses.length] ?? 'accepted', outcome: null,
    categoryCode: p.categoryCode, source: '申请', acceptedOn: '2026-06-01', mediators: p.mediators, isDifficult: false, prevention: noPrevention(),
    agreement: null, termination: null, rejection: null, private: { parties: p.parties, facts: p.facts, claims: p.claims, place: p.place },
    needsReview: false, voided: null, createdAt: at, updatedAt: at,
  };
}

/**
 * fetch, timing each request from sent to its whole answer read ("in flight": the server's work
 * and the transfer; requests may overlap the device's own work).
 */
function timedFetch(): { fetch: typeof fetch; ms(): number } {
  let network = 0;
  const timed = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const s0 = performance.now();
    const res = await fetch(input, init);
    // Bytes, not text: decoding to a string and encoding it again for the copy cost the
    // measured pull ~0.2 s (a profile) that the app, reading the answer once, never pays.
    const body = await res.arrayBuffer();
    network += performance.now() - s0;
    return new Response(body, { status: res.status, headers: res.headers });
  }) as typeof fetch;
  return { fetch: timed, ms: () => network };
}

// Every database here has a PIN, as on a real device: records are sealed (db/crypto-middleware.ts).
export const PIN = '480215';

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

Object.assign(window, {
  bench: {
    async seed(n: number) {
      await saveProfile({ name: '王建国', committeeName: '测试村人民调解委员会', villageCode: village });
      await createPin(db, PIN);
      for (let i = 0; i < n; i += 1000) {
        await db.cases.bulkPut(Array.from({ length: Math.min(1000, n - i) }, (_, j) => toStored(record(i + j))));
      }
      return db.cases.count();
    },
    async saves(n: number) {
      const times: number[] = [];
      console.profile('saves');
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await createCase(ctx, input(i));
        times.push(performance.now() - t0);
      }
      console.profileEnd('saves');
      return { p95: p95(times), count: await db.cases.count() };
    },
    /**
     * n cases made on this device, then one sync: push in batches, apply the acknowledgements.
     * `caughtUp`: the phone has synced its village before going offline (the budget's case);
     * otherwise it is a new install whose first sync also pulls every case of the village.
     */
    async pushCases(n: number, caughtUp: boolean) {
      const phone = new ShuoheDb(`bench-push-${Date.now()}`);
      const token = await login('tiaojie', phone);
      const phoneCtx = { db: phone, userId: 'bench', now: () => new Date() };
      await createPin(phone, PIN);
      const timed = timedFetch();
      const sync = () => syncOnce({ db: phone, api: createApiClient(timed.fetch, '', () => token), scope: village, now: () => new Date() });
      if (caughtUp) await sync();
      for (let i = 0; i < n; i++) await createCase(phoneCtx, input(i));
      // Profiled (test/bench/profile.ts) when the bench runs with PROFILE_DIR; a no-op otherwise.
      console.profile(caughtUp ? 'push' : 'push-fresh');
      const before = timed.ms();
      const t0 = performance.now();
      const result = await sync();
      const ms = performance.now() - t0;
      const network = timed.ms() - before;
      console.profileEnd(caughtUp ? 'push' : 'push-fresh');
      return { ms, network, pushed: result.pushed, pulled: result.pulled, left: await phone.outbox.count() };
    },
    /**
     * The floor under a first pull: n rows of a sealed case's shape and size (a random payload in
     * place of the sealed fields) written into an empty database in pages of 1,000, one
     * transaction each — what IndexedDB and Dexie cost with no network, no parsing and no crypto.
     */
    async writeFloor(n: number) {
      const target = new ShuoheDb(`bench-floor-${Date.now()}`);
      const rows = Array.from({ length: n }, (_, i) => {
        const { private: secret, agreement, termination, rejection, voided, mediators, ...clear } = toStored(record(i));
        const size = new TextEncoder().encode(JSON.stringify({ private: secret, agreement, termination, rejection, voided, mediators })).length + 28;
        return { ...clear, $sealed: crypto.getRandomValues(new Uint8Array(size)), $fields: ['private', 'agreement', 'termination', 'rejection', 'voided', 'mediators'] } as unknown as StoredCase;
      });
      const t0 = performance.now();
      for (let i = 0; i < n; i += 1000) await target.transaction('rw', target.cases, () => target.cases.bulkPut(rows.slice(i, i + 1000)));
      const ms = performance.now() - t0;
      await target.delete();
      return { ms };
    },
    /** A town laptop's first pull of everything in its town into an empty database. */
    async firstPull(profile = 'pull') {
      const laptop = new ShuoheDb(`bench-pull-${Date.now()}`);
      const token = await login('zhen', laptop);
      await createPin(laptop, PIN);
      const timed = timedFetch();
      console.profile(profile);
      const t0 = performance.now();
      const result = await syncOnce({ db: laptop, api: createApiClient(timed.fetch, '', () => token), scope: village.slice(0, 9), now: () => new Date() });
      const ms = performance.now() - t0;
      console.profileEnd(profile);
      return { ms, network: timed.ms(), pulled: result.pulled, cases: await laptop.cases.count() };
    },
    /** Unlock (PBKDF2), then a name search: the first builds the in-memory index over every case. */
    async unlockAndSearch() {
      db.vault.lock();
      const t0 = performance.now();
      await unlockWithPin(db, PIN);
      const t1 = performance.now();
      const first = await searchCases(db, '张9999');
      const t2 = performance.now();
      await searchCases(db, '李42');
      const t3 = performance.now();
      // Read here, on the page that holds the name index (a reload would drop it).
      const heapBytes = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
      // As the app unlocks (state/lock.ts warmNameIndex): the index built in idle time right after
      // unlock, then the mediator's first search.
      db.vault.lock();
      await unlockWithPin(db, PIN);
      await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 }));
      const w0 = performance.now();
      await db.names.warm(db.cases, db.vault);
      const w1 = performance.now();
      console.profile('search-after-idle');
      const afterWarm = await searchCases(db, '张9999');
      const w2 = performance.now();
      console.profileEnd('search-after-idle');
      return {
        unlockMs: t1 - t0, firstSearchMs: t2 - t1, warmSearchMs: t3 - t2, hits: first.length, heapBytes,
        idleBuildMs: w1 - w0, firstSearchAfterIdleMs: w2 - w1, hitsAfterIdle: afterWarm.length,
      };
    },
    async listPages(n: number) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await listCases(db, { tab: i % 2 ? 'open' : 'all', offset: 0 });
        times.push(performance.now() - t0);
      }
      return { p95: p95(times) };
    },
    /**
     * A category filter's first page under 全部 (db/queries.ts: three [tab+categoryCode+updatedAt]
     * ranges merged): a seeded category, and one no case has. A version that walked
     * [tab+updatedAt] for a category read every row of a tab for the latter (1.2 s).
     */
    async listCategory(n: number) {
      const common: number[] = [];
      const none: number[] = [];
      for (let i = 0; i < n; i++) {
        let t0 = performance.now();
        await listCases(db, { tab: 'all', categoryCode: cats[i % cats.length]?.code ?? '02', offset: 0 });
        common.push(performance.now() - t0);
        t0 = performance.now();
        await listCases(db, { tab: 'all', categoryCode: 'none', offset: 0 });
        none.push(performance.now() - t0);
      }
      return { p95: p95(common), worstP95: p95(none) };
    },
  },
});
document.title = 'ready';
