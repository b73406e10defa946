// Statistics roll-up timings (numbers, not assertions; DESIGN.md budgets):
//   • a county-year on SQLite as the county grows (1,500 / 15,000 / 150,000 cases, COUNTY_SIZES to
//     change), each case with a realistic record in `data` (~1.7 KB, as the phones send), read
//     from the stored totals (a town by village from its villages') — budget ≤ 50 ms — the
//     refresh after one phone's push and after 1,000 changed cases,
//     and the longest event-loop stall meanwhile;
//   • a synthetic province-year of 1,000,000 cases (内蒙古, real 统计用区划代码 from
//     fixtures/divisions) read from the pre-aggregated cells (stats/cells.ts) — budget ≤ 500 ms on
//     PostgreSQL; measured on SQLite too, and on PostgreSQL where one can be had
//     (PG_TEST_URL or local initdb/pg_ctl, as the tests use).
// Run: node --import tsx test/bench/stats.bench.ts [cases]   (default 1,000,000)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import { parseCsv } from '../../src/shared/csv.ts';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import { rollupByKey, rollupGroups } from '../../src/shared/stats.ts';
import { yearPeriod } from '../../src/shared/stat-periods.ts';
import { openStore, type Store } from '../../src/server/store/open.ts';
import type { CasesTable, EventsTable } from '../../src/server/store/schema.ts';
import { liveGroups, rollupByKeyInSlices } from '../../src/server/stats/sql.ts';
import { cellGroups, rebuildCells, refreshCells } from '../../src/server/stats/cells.ts';
import { cellsOnce, statRollups, summary } from '../../src/server/stats/summary.ts';
import { takeSeq } from '../../src/server/sync/clock.ts';
import { makeCtx } from '../../src/server/deps.ts';
import { seedAreas } from '../../src/server/seed/areas.ts';
import { categoryWeights } from '../../src/server/seed/stories.ts';
import { mulberry32, weighted, type Rand } from '../../src/server/seed/random.ts';
import { startPg } from '../support/pg.ts';
import { caseRecord } from '../support/server-device.ts';
import { stallLine, watchStalls } from './stall.ts';

const PROVINCE_CASES = Number(process.argv[2] ?? 1_000_000);
const YEAR = 2023;
const divisions = '/work/shared/fixtures/divisions';

const fates: readonly (readonly [{ status: string; outcome: string | null }, number])[] = [
  [{ status: 'archived', outcome: 'success' }, 60], [{ status: 'visited', outcome: 'success' }, 25], [{ status: 'agreed', outcome: 'success' }, 6],
  [{ status: 'terminated', outcome: 'failure' }, 3], [{ status: 'archived', outcome: 'failure' }, 2], [{ status: 'mediating', outcome: null }, 2],
  [{ status: 'accepted', outcome: null }, 1], [{ status: 'rejected', outcome: 'rejected' }, 1],
];
const sources = [['申请', 58], ['主动调解', 32], ['公安移送', 4], ['法院移送', 3], ['信访移送', 2], ['其他移送', 1]] as const;

/** A record as a phone sends it (~1.7 KB of JSON): the live roll-up reads rows of this size. */
function realisticData(village: string): string {
  const record = caseRecord(village);
  return JSON.stringify({ ...record, private: { ...record.private, facts: '因宅基地界址发生争执，双方多次协商未果。'.repeat(12) } });
}

let serial = 0;
function caseRows(rand: Rand, villages: readonly string[], n: number, realistic: boolean): { cases: Insertable<CasesTable>[]; events: Insertable<EventsTable>[] } {
  const cases: Insertable<CasesTable>[] = [];
  const events: Insertable<EventsTable>[] = [];
  for (let i = 0; i < n; i++) {
    const village = villages[Math.floor(rand() * villages.length)] as string;
    const fate = weighted(rand, fates);
    const id = `bench-${(serial++).toString(36).padStart(8, '0')}`;
    const acceptedOn = new Date(Date.UTC(YEAR, 0, 1) + Math.floor(rand() * 365) * 86_400_000).toISOString().slice(0, 10);
    const success = fate.outcome === 'success';
    cases.push({
      id, version: 1, village_code: village, town_code: village.slice(0, 9), county_code: village.slice(0, 6), status: fate.status, outcome: fate.outcome,
      category_code: weighted(rand, categoryWeights), source: weighted(rand, sources), accepted_on: acceptedOn, case_no: null, voided: rand() < 0.005 ? 1 : 0,
      needs_review: 0, is_difficult: rand() < 0.05 ? 1 : 0, parties_involved: 2 + Math.floor(rand() * 3), agreement_form: success ? (rand() < 0.65 ? '书面' : '口头') : null,
      amount_yuan: success && rand() < 0.4 ? Math.floor(rand() * 500) * 100 : 0, prev_suicide: rand() < 0.01 ? 1 : 0, prev_criminal: rand() < 0.03 ? 3 : 0,
      prev_group_petition: rand() < 0.01 ? 12 : 0, prev_group_fight: rand() < 0.02 ? 5 : 0, data: realistic ? realisticData(village) : '{}', field_authors: '{}',
      created_at: `${acceptedOn}T01:00:00.000Z`, updated_at: `${acceptedOn}T01:00:00.000Z`,
    });
    if (fate.status === 'visited' || (success && rand() < 0.3)) {
      const performance = rand() < 0.9 ? '已履行' : '部分履行';
      events.push({
        id: `${id}-v`, case_id: id, village_code: village, town_code: village.slice(0, 9), county_code: village.slice(0, 6), kind: 'visit',
        at: `${acceptedOn}T05:00:00.000Z`, data: JSON.stringify({ kind: 'visit', data: { performance } }), created_at: `${acceptedOn}T05:00:00.000Z`,
      });
    }
  }
  return { cases, events };
}

/** `realistic`: each case carries a phone-sized record (the province load keeps '{}': 1.7 GB else). */
async function load(store: Store, villages: readonly string[], n: number, seed: number, realistic = false): Promise<number> {
  const rand = mulberry32(seed);
  const started = performance.now();
  const batch = store.kind === 'sqlite' ? 500 : 1000;
  for (let done = 0; done < n; done += 20_000) {
    const { cases, events } = caseRows(rand, villages, Math.min(20_000, n - done), realistic);
    await store.write(async (tx) => {
      for (let i = 0; i < cases.length; i += batch) await tx.insertInto('cases').values(cases.slice(i, i + batch)).execute();
      for (let i = 0; i < events.length; i += batch) await tx.insertInto('events').values(events.slice(i, i + batch)).execute();
    });
  }
  return performance.now() - started;
}

/** The longest event-loop stall of the step being timed (each line names its own: which request stalls). */
let stepStall = 0;

/** Median of `runs` timings of `fn` (after one warm-up); the step's longest stall in stepStall. */
async function time(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const stalls = watchStalls();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  stepStall = stalls.stop();
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
/** The longest stall of the lines that are requests (not the "for comparison" ones). */
let requestStall = 0;
const line = (label: string, value: number, budget?: number, request = budget !== undefined) => {
  if (request) requestStall = Math.max(requestStall, stepStall);
  console.log(`  ${label.padEnd(52)} ${ms(value).padStart(11)}${budget === undefined ? '' : `   (budget ${budget} ms: ${value <= budget ? 'ok' : 'OVER'})`}   stall ${stepStall.toFixed(0)} ms`);
  stepStall = 0;
};

const COUNTY_SIZES = (process.env.COUNTY_SIZES ?? '1500,15000,150000').split(',').map(Number);

async function countyYear(cases: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shuohe-bench-stats-'));
  const store = await openStore({ dataDir: dir });
  try {
    await seedAreas(store.db, kailuAreas);
    const villages = kailuAreas.filter((a) => a.level === 'village').map((a) => a.code);
    await load(store, villages, cases, 150523, true);
    const period = yearPeriod(YEAR);
    const ctx = makeCtx({ store, now: () => new Date('2024-03-01T00:00:00Z') });
    console.log(`— county-year: 开鲁县, ${cases.toLocaleString('en')} cases with realistic records, SQLite (town cells, refreshed incrementally) —`);
    const counting = watchStalls();
    const t0 = performance.now();
    await rebuildCells(store, ctx.now);
    line('count every case into the cells (once, at first start)', performance.now() - t0);
    console.log(`  (during that count, not a request: ${stallLine(counting.stop())})`);
    // From here on the requests: roll-ups, dashboard answers and the refreshes pushes cause.
    const stalls = watchStalls();
    // Each as one request: the cells brought up to date (nothing changed: a read of the clock), then the totals.
    const cells = (area: string, by: 'none' | 'child' | 'month') => statRollups(ctx, area, period, by, cellsOnce(ctx)).then((r) => (r.source === 'cells' ? r.byKey : Promise.reject(new Error('not from cells'))));
    line('total roll-up (stored totals)', await time(() => cells('150523', 'none')), 50);
    line('by town (13 children)', await time(() => cells('150523', 'child')), 50);
    line('by month (trend)', await time(() => cells('150523', 'month')), 50);
    line('total roll-up summed from the dimension cells (for comparison)', await time(async () => rollupGroups(await cellGroups(store.read, { area: '150523', period, by: 'none' }))));
    line('town by village (开鲁镇, 63 children; stored village totals)', await time(() => cells('150523100', 'child')), 50);
    line('town by village live from the cases (for comparison)', await time(async () => rollupByKeyInSlices(await liveGroups(store.read, store.kind, { area: '150523100', period, by: 'child' }))));
    line('whole dashboard answer (summary(): 5 roll-ups, one refresh, + registry)', await time(() => summary(ctx, '150523', period)), undefined, true);
    // Changes as a push leaves them (row + change_log), then the next read pays the refresh: one
    // phone's push (20 cases of one village) and the worst case (1,000 cases all over the county).
    const touch = async (ids: string[]) => {
      const stalls = watchStalls();
      await store.write(async (tx) => {
        await tx.updateTable('cases').set({ category_code: '03' }).where('id', 'in', ids).execute();
        const end = await takeSeq(tx, ids.length);
        for (let i = 0; i < ids.length; i += 200) {
          await tx.insertInto('change_log').values(ids.slice(i, i + 200).map((id, j) => ({
            server_seq: end - ids.length + 1 + i + j, commit_seq: end, entity: 'case' as const, entity_id: id, op: 'upsert' as const, data: null,
            village_code: '', town_code: '', county_code: '150523',
          }))).execute();
        }
      });
      const t = performance.now();
      await refreshCells(store, ctx.now);
      const took = performance.now() - t;
      stepStall = stalls.stop();
      return took;
    };
    const village = villages[0] ?? '';
    const one = (await store.read.selectFrom('cases').select('id').where('village_code', '=', village).where('accepted_on', '>=', `${YEAR}-06-01`).limit(20).execute()).map((r) => r.id);
    line(`refresh after one phone's push (${one.length} cases of one village)`, await touch(one), 50);
    const spread = (await store.read.selectFrom('cases').select('id').limit(1000).execute()).map((r) => r.id);
    line('refresh after 1,000 cases changed all over the county', await touch(spread), undefined, true);
    line('total roll-up live from the cases (for comparison)', await time(async () => rollupGroups(await liveGroups(store.read, store.kind, { area: '150523', period, by: 'none' }))));
    const overall = stalls.stop();
    console.log(`  during the requests above (the lines with a budget, the dashboard and the refreshes): ${stallLine(requestStall)}`);
    console.log(`  (with the "for comparison" lines, which no request runs: ${overall.toFixed(0)} ms; reads run on worker threads)`);
    requestStall = 0;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function provinceVillages(province: string): string[] {
  const rows = parseCsv(gunzipSync(readFileSync(`${divisions}/villages.csv.gz`)).toString('utf8'));
  return rows.slice(1).filter((r) => r[3] === province).map((r) => r[0] as string);
}

async function provinceYear(store: Store, villages: readonly string[]): Promise<void> {
  console.log(`— province-year: 内蒙古 (15), ${PROVINCE_CASES.toLocaleString('en')} cases over ${villages.length.toLocaleString('en')} villages, ${store.kind} —`);
  line('bulk load (not a budget)', await load(store, villages, PROVINCE_CASES, 15));
  const now = () => new Date('2024-03-01T00:00:00Z');
  const t0 = performance.now();
  await rebuildCells(store, now);
  line('pre-aggregation: rebuild all cells (once)', performance.now() - t0);
  const cells = await store.read.selectFrom('stat_cells').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  console.log(`  (${Number(cells.n).toLocaleString('en')} cells for ${PROVINCE_CASES.toLocaleString('en')} cases)`);
  const period = yearPeriod(YEAR);
  const budget = store.kind === 'postgres' ? 500 : undefined;
  const ctx = makeCtx({ store, now });
  const totals = (by: 'none' | 'child' | 'month') => statRollups(ctx, '15', period, by, cellsOnce(ctx));
  line('province total from stored totals', await time(() => totals('none')), budget);
  line('province by county from stored totals', await time(() => totals('child')), budget);
  line('province by month from stored totals', await time(() => totals('month')), budget);
  line('province by county summed from the dimension cells', await time(async () => rollupByKey(await cellGroups(store.read, { area: '15', period, by: 'child' })), 1));
  const top = await store.read.selectFrom('cases').select(['county_code', (eb) => eb.fn.countAll().as('n')]).groupBy('county_code').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
  line(`one county of it by town, live (${top.county_code}, ${Number(top.n).toLocaleString('en')} cases)`, await time(async () =>
    rollupByKey(await liveGroups(store.read, store.kind, { area: top.county_code, period, by: 'child' })), 3));
  line('province total live, without cells (for comparison)', await time(async () => rollupGroups(await liveGroups(store.read, store.kind, { area: '15', period, by: 'none' })), 1));
}

for (const cases of COUNTY_SIZES) await countyYear(cases);
const villages = provinceVillages('15');
if (PROVINCE_CASES > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'shuohe-bench-province-'));
  const store = await openStore({ dataDir: dir });
  try {
    await provinceYear(store, villages);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
let pg: Awaited<ReturnType<typeof startPg>> | undefined;
try {
  if (PROVINCE_CASES > 0) pg = await startPg();
} catch (error) {
  console.log(`— province-year on PostgreSQL: not measured (${(error as Error).message}) —`);
}
if (pg) {
  const store = await openStore({ databaseUrl: await pg.createDatabase() });
  try {
    await provinceYear(store, villages);
  } finally {
    await store.close();
    await pg.stop();
  }
}
