// The one roll-up, two paths: for random case sets the server's SQL aggregates (live, and the
// pre-aggregated monthly cells) fed to the shared roll-up give exactly what the device's roll-up
// gives over the same cases — on SQLite and on PostgreSQL, for any area, period and split.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { caseSources, confirmationResults, type CaseRecord, type ConfirmationResult, type PerformanceStatus } from '../../src/shared/case.ts';
import { categories } from '../../src/shared/categories.ts';
import type { CaseOutcome, CaseStatus } from '../../src/shared/lifecycle.ts';
import { mergeRollups, rollup, rollupByKey, rollupGroups, satisfactionLevels, toStatCase, type Period, type Rollup, type Satisfaction, type StatCase } from '../../src/shared/stats.ts';
import { yearPeriod } from '../../src/shared/stat-periods.ts';
import { caseRow, eventRow } from '../../src/server/sync/records.ts';
import { liveGroups, childColumn, type GroupBy } from '../../src/server/stats/sql.ts';
import { cellGroups, cellLevel, rebuildCells, refreshCells, totalsLevel } from '../../src/server/stats/cells.ts';
import { takeSeq } from '../../src/server/sync/clock.ts';
import { totalsByKey } from '../../src/server/stats/totals.ts';
import type { Store } from '../../src/server/store/open.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';

afterAll(closeTestStores);

const villages = ['150523100200', '150523100201', '150523100001', '150523101200', '150523402500', '150502001001'];
const states: [CaseStatus, CaseOutcome][] = [
  ['accepted', null], ['mediating', null], ['agreed', 'success'], ['visited', 'success'], ['archived', 'success'],
  ['terminated', 'failure'], ['archived', 'failure'], ['rejected', 'rejected'], ['archived', 'rejected'],
  // Not produced by the lifecycle, but a roll-up must still agree on whatever a database holds.
  ['archived', null],
];
const categoryCodes = [...categories.map((c) => c.code), '99'];

interface Generated {
  record: CaseRecord;
  visits: { performance: PerformanceStatus; satisfaction: Satisfaction }[];
}

const day = fc.integer({ min: 0, max: 480 }).map((n) => new Date(Date.UTC(2022, 10, 1) + n * 86_400_000).toISOString().slice(0, 10));
const caseArb: fc.Arbitrary<Generated> = fc.record({
  village: fc.constantFrom(...villages),
  acceptedOn: day,
  state: fc.constantFrom(...states),
  category: fc.constantFrom(...categoryCodes),
  source: fc.constantFrom(...caseSources),
  voided: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  form: fc.constantFrom('书面' as const, '口头' as const),
  fen: fc.integer({ min: 0, max: 5_000_000 }),
  difficult: fc.boolean(),
  partiesInvolved: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  prevention: fc.tuple(...Array.from({ length: 4 }, () => fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 30 })))),
  visits: fc.array(fc.record({
    performance: fc.constantFrom<PerformanceStatus>('已履行', '部分履行', '未履行'),
    satisfaction: fc.constantFrom<Satisfaction>(...satisfactionLevels),
  }), { maxLength: 2 }),
  // Any result on any case: the roll-up, not the generator, decides which ones count.
  confirmation: fc.option(fc.constantFrom<ConfirmationResult>(...confirmationResults), { nil: null }),
}).map((g) => {
  const success = g.state[1] === 'success';
  const record: CaseRecord = {
    id: uuidv7(), version: 1, villageCode: g.village, townCode: g.village.slice(0, 9), countyCode: g.village.slice(0, 6), committeeName: '测试调委会',
    caseNo: null, provisionalNo: '临', status: g.state[0], outcome: g.state[1], categoryCode: g.category, source: g.source, acceptedOn: g.acceptedOn,
    mediators: ['测试'], isDifficult: g.difficult, ...(g.partiesInvolved === undefined ? {} : { partiesInvolved: g.partiesInvolved }),
    prevention: { suicide: g.prevention[0] ?? 0, criminal: g.prevention[1] ?? 0, groupPetition: g.prevention[2] ?? 0, groupFight: g.prevention[3] ?? 0 },
    agreement: success ? { form: g.form, terms: ['x'], performanceMethod: 'x', performanceDeadline: g.acceptedOn, amountYuan: g.fen / 100, effectiveOn: g.acceptedOn } : null,
    judicialConfirmation: g.confirmation === null ? null : { appliedOn: g.acceptedOn, court: '开鲁县人民法院', result: g.confirmation, decidedOn: g.confirmation === '审查中' ? null : g.acceptedOn },
    termination: null, rejection: null, private: { parties: [], facts: 'x', claims: [], place: 'x' }, needsReview: false,
    voided: g.voided ? { reason: '重复', at: '2023-01-01T00:00:00Z' } : null, createdAt: '2023-01-01T00:00:00Z', updatedAt: '2023-01-01T00:00:00Z',
  };
  return { record, visits: g.visits };
});

const monthStart = fc.integer({ min: 0, max: 15 }).map((m) => new Date(Date.UTC(2022, 10 + m, 1)).toISOString().slice(0, 10));
const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.tuple(monthStart, fc.integer({ min: 1, max: 12 })).map(([from, months]) => {
    const d = new Date(`${from}T00:00:00Z`);
    return { from, to: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)).toISOString().slice(0, 10) };
  }),
  fc.tuple(day, day).filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? { from: a, to: b } : { from: b, to: a })),
);

/** Whole months (what the cells answer), and the areas and splits they answer. */
const monthsArb = fc.oneof(periodArb.filter((p) => p.from.endsWith('-01') && p.to.endsWith('-01')), fc.constantFrom(yearPeriod(2023), { from: '2023-01-01', to: '2025-01-01' }));
const cellQueryArb = fc.tuple(fc.constantFrom('', '15', '1505', '150523', '150502', '150523100', '150523402'), fc.constantFrom<GroupBy>('none', 'child', 'month'))
  .filter(([area, by]) => cellLevel(area, by) !== undefined);

async function load(store: Store, cases: Generated[]): Promise<void> {
  await store.db.deleteFrom('cases').execute();
  await store.db.deleteFrom('events').execute();
  await store.db.deleteFrom('change_log').execute();
  for (const { record, visits } of cases) {
    await store.db.insertInto('cases').values(caseRow(record, {})).execute();
    // Later visits are written later: the latest one is what 履行 and 满意度 read.
    for (const [i, { performance, satisfaction }] of visits.entries()) {
      const event = {
        kind: 'visit' as const, data: { on: record.acceptedOn, visitedPerson: '甲', performance, satisfaction, notes: '' },
        id: uuidv7(), caseId: record.id, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode, at: '2023-01-01T00:00:00Z', author: 'u',
      };
      await store.db.insertInto('events').values(eventRow(event, `2024-01-0${i + 1}T00:00:00.000Z`)).execute();
    }
  }
}

/** What the device computes: its own cases, with 履行 and 满意度 from the latest visit. */
function deviceCases(cases: Generated[], area: string): (StatCase & { village: string; town: string; county: string })[] {
  return cases.filter((c) => c.record.villageCode.startsWith(area)).map(({ record, visits }) => ({
    ...toStatCase(record), performance: record.outcome === 'success' ? (visits[visits.length - 1]?.performance ?? null) : null,
    satisfaction: visits[visits.length - 1]?.satisfaction ?? null,
    village: record.villageCode, town: record.townCode, county: record.countyCode,
  }));
}

function deviceKey(c: ReturnType<typeof deviceCases>[number], area: string, by: GroupBy): string {
  if (by === 'month') return c.acceptedOn.slice(0, 7);
  if (by === 'none') return '';
  // The nation splits into provinces (its children in the area tree), not counties.
  if (area === '') return c.county.slice(0, 2);
  const column = childColumn(area);
  return column === 'town_code' ? c.town : column === 'village_code' ? c.village : c.county;
}

function devicePartition(cases: ReturnType<typeof deviceCases>, area: string, period: Period, by: GroupBy) {
  const keys = new Set(cases.filter((c) => c.acceptedOn >= period.from && c.acceptedOn < period.to).map((c) => deviceKey(c, area, by)));
  return new Map([...keys].map((key) => [key, rollup(cases.filter((c) => deviceKey(c, area, by) === key), period)]));
}

const counted = (m: Map<string, Rollup>) => new Map([...m].filter(([, r]) => r.accepted > 0));

/** The stored totals (village/town/county/province × month/year) of a query give the device's numbers too. */
async function expectTotals(store: Store, area: string, period: Period, by: GroupBy, device: ReturnType<typeof deviceCases>): Promise<void> {
  const level = totalsLevel(area, by);
  if (level === undefined) throw new Error('not a cells query');
  const totals = await totalsByKey(store.read, area, period, by, level);
  expect(mergeRollups(totals.values())).toEqual(rollup(device, period));
  // A stored total is kept only where some case counts (the cells' rows are only such cases).
  expect(totals).toEqual(counted(devicePartition(device, area, period, by)));
}

describe.each(storeKinds)('statistics: SQL aggregates = shared roll-up on %s', (kind) => {
  let store: Store;
  let made: Promise<Store> | undefined;
  beforeEach(async () => {
    store = await (made ??= openTestStore(kind));
  });

  test('live SQL groups, for any area, period and split, add up to the device roll-up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { maxLength: 40 }), periodArb, fc.constantFrom('', '15', '150523', '150523100', '150523100200'), fc.constantFrom<GroupBy>('none', 'child', 'month'),
        async (cases, period, area, by) => {
          await load(store, cases);
          const groups = await liveGroups(store.read, store.kind, { area, period, by });
          const device = deviceCases(cases, area);
          expect(rollupGroups(groups)).toEqual(rollup(device, period));
          expect(rollupByKey(groups)).toEqual(devicePartition(device, area, period, by));
        }),
      { numRuns: kind === 'sqlite' ? 60 : 30 },
    );
  });

  test('the pre-aggregated cells and the stored totals (town/county/province × month/year) give the same numbers as the cases', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { maxLength: 40 }), monthsArb, cellQueryArb,
        async (cases, period, [area, by]) => {
          await load(store, cases);
          await rebuildCells(store, () => new Date('2024-02-01T00:00:00Z'));
          const groups = await cellGroups(store.read, { area, period, by });
          const device = deviceCases(cases, area);
          expect(rollupGroups(groups)).toEqual(rollup(device, period));
          // Cells leave out what counts nowhere (不予受理, 作废), so an area or month holding only
          // such cases has no row there instead of a row of zeros.
          expect(counted(rollupByKey(groups))).toEqual(counted(devicePartition(device, area, period, by)));
          await expectTotals(store, area, period, by, device);
          // A town split by village reads its villages' stored totals, each village's equal to its cases.
          for (const town of ['150523100', '150523402']) await expectTotals(store, town, period, 'child', deviceCases(cases, town));
        }),
      { numRuns: kind === 'sqlite' ? 40 : 20 },
    );
  });

  test('cells and totals refreshed after random changes (moved, re-dated, re-classified, voided, a new 回访) equal the cases', async () => {
    const changeArb = fc.record({
      village: fc.option(fc.constantFrom(...villages), { nil: undefined }),
      acceptedOn: fc.option(day, { nil: undefined }),
      state: fc.option(fc.constantFrom(...states), { nil: undefined }),
      category: fc.option(fc.constantFrom(...categoryCodes), { nil: undefined }),
      voided: fc.option(fc.boolean(), { nil: undefined }),
      visit: fc.option(fc.constantFrom<PerformanceStatus>('已履行', '部分履行', '未履行'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), changeArb), { maxLength: 12 }), monthsArb, cellQueryArb,
        async (generated, changes, period, [area, by]) => {
          // fast-check hands the same objects to every shrinking step: change copies only.
          const cases = structuredClone(generated);
          await load(store, cases);
          await rebuildCells(store, () => new Date('2024-02-01T00:00:00Z'));
          // Each change as the push path leaves it: the case row (or a new event) and a change_log line.
          for (const [pick, ch] of changes) {
            const g = cases[pick % cases.length];
            if (!g) continue;
            const village = ch.village ?? g.record.villageCode;
            const state = ch.state ?? [g.record.status, g.record.outcome];
            const success = state[1] === 'success';
            g.record = {
              ...g.record, villageCode: village, townCode: village.slice(0, 9), countyCode: village.slice(0, 6),
              acceptedOn: ch.acceptedOn ?? g.record.acceptedOn, status: state[0], outcome: state[1], categoryCode: ch.category ?? g.record.categoryCode,
              agreement: success ? (g.record.agreement ?? { form: '书面', terms: ['x'], performanceMethod: 'x', performanceDeadline: g.record.acceptedOn, amountYuan: 12.5, effectiveOn: g.record.acceptedOn }) : null,
              voided: ch.voided === undefined ? g.record.voided : ch.voided ? { reason: '重复', at: '2023-05-02T00:00:00Z' } : null,
            };
            await store.write(async (tx) => {
              await tx.deleteFrom('cases').where('id', '=', g.record.id).execute();
              await tx.insertInto('cases').values(caseRow(g.record, {})).execute();
              await tx.updateTable('events').set({ village_code: g.record.villageCode, town_code: g.record.townCode, county_code: g.record.countyCode }).where('case_id', '=', g.record.id).execute();
              // A 回访 alone (the case row unchanged) is logged as the event only, and must still move 履行.
              const onlyVisit = ch.visit !== undefined && [ch.village, ch.acceptedOn, ch.state, ch.category, ch.voided].every((v) => v === undefined);
              const logged: { entity: 'case' | 'event'; id: string }[] = onlyVisit ? [] : [{ entity: 'case', id: g.record.id }];
              if (ch.visit) {
                g.visits = [...g.visits, { performance: ch.visit, satisfaction: '满意' }];
                const event = {
                  kind: 'visit' as const, data: { on: g.record.acceptedOn, visitedPerson: '甲', performance: ch.visit, satisfaction: '满意' as const, notes: '' },
                  id: uuidv7(), caseId: g.record.id, villageCode: g.record.villageCode, townCode: g.record.townCode, countyCode: g.record.countyCode, at: '2023-01-01T00:00:00Z', author: 'u',
                };
                await tx.insertInto('events').values(eventRow(event, `2025-01-${String(g.visits.length).padStart(2, '0')}T00:00:00.000Z`)).execute();
                logged.push({ entity: 'event', id: event.id });
              }
              const end = await takeSeq(tx, logged.length);
              for (const [i, l] of logged.entries()) {
                await tx.insertInto('change_log').values({
                  server_seq: end - logged.length + 1 + i, commit_seq: end, entity: l.entity, entity_id: l.id, op: 'upsert', data: null,
                  village_code: g.record.villageCode, town_code: g.record.townCode, county_code: g.record.countyCode,
                }).execute();
              }
            });
          }
          await refreshCells(store, () => new Date('2024-02-02T00:00:00Z'));
          const groups = await cellGroups(store.read, { area, period, by });
          const device = deviceCases(cases, area);
          expect(rollupGroups(groups)).toEqual(rollup(device, period));
          expect(counted(rollupByKey(groups))).toEqual(counted(devicePartition(device, area, period, by)));
          await expectTotals(store, area, period, by, device);
          // A town split by village reads its villages' stored totals, each village's equal to its cases.
          for (const town of ['150523100', '150523402']) await expectTotals(store, town, period, 'child', deviceCases(cases, town));
        }),
      { numRuns: kind === 'sqlite' ? 40 : 20 },
    );
  });

  test('a wrong classification in SQL would be caught: 不予受理 and 作废 never count', async () => {
    const [a, b] = fc.sample(caseArb, { numRuns: 2, seed: 7 });
    if (!a || !b) throw new Error('sample');
    a.record = { ...a.record, status: 'rejected', outcome: 'rejected', voided: null, acceptedOn: '2023-05-01' };
    b.record = { ...b.record, voided: { reason: '重复', at: '2023-05-02T00:00:00Z' }, acceptedOn: '2023-05-02' };
    await load(store, [a, b]);
    const groups = await liveGroups(store.read, store.kind, { area: '', period: { from: '2023-01-01', to: '2024-01-01' }, by: 'none' });
    expect(groups.reduce((n, g) => n + g.n, 0)).toBe(2);
    expect(rollupGroups(groups).accepted).toBe(0);
    const raw = await sql<{ n: number }>`select count(*) as n from cases`.execute(store.db);
    expect(Number(raw.rows[0]?.n)).toBe(2);
  });
});
