// Stored totals beside the dimension cells (issue #13): one finished roll-up per area and period
// (town, county and province × month and year), so the dashboard's by-town, by-month and total
// read 13, 12 or 1 rows instead of the thousands of dimension rows under them (a county-year at
// 150,000 cases has ~6,500 town-year dimension rows).
//
// Only a town-month's totals are rolled up from groups — its own dimension cells, by the shared
// roll-up (stats.ts decides what counts, as everywhere). Every wider total is the sum of totals
// below it (mergeRollups: every figure of a roll-up is a sum): a county-month of its towns' months
// (or, for a county imported by federation, of the cells its file brought), a province-month of its
// counties', a year of its months. A refresh after one phone's push touches one town-month and the
// few totals above it. The rows are kept in the cells' write transaction (cells.ts).
//
// Adding up, parsing and serialising roll-ups is JavaScript on the main thread: a refresh after
// changes all over a county of 150,000 cases rolls up ~34,000 cells and merges hundreds of totals
// (a 100+ ms stall in one go). Every loop below gives the event loop a turn every few ms (pace.ts).
import { pairKey, pushInto } from '../../shared/group.ts';
import { sql, type Kysely } from 'kysely';
import { isMonthAligned, monthsOf } from '../../shared/stat-periods.ts';
import { mergeRollups, type Period, type Rollup } from '../../shared/stats.ts';
import type { DB } from '../store/schema.ts';
import { statSums, sumNames } from '../../shared/fields/stat-sums.ts';
import { rollupByKeyInSlices, toKeyedGroups, type GroupBy, type GroupRow } from './sql.ts';
import { pacer } from './pace.ts';
import { importedCells, rollupOfCells } from '../federation/cells.ts';
import { chunked } from '../store/chunked.ts';

/** The dimensions of a cell (stat_cells), in the one order every cells query lists them. */
export const dimNames = ['category_code', 'source', 'status', 'outcome', 'agreement_form', 'performance', 'confirmation', 'satisfaction', 'committee_type'] as const;
/** n and every sum, by their stat_cells column. */
export const sumCells = ['n', ...sumNames.map((s) => statSums[s].cell)];
/** A cell row as a GroupRow (its sums under their own names). */
const cellColumns = sql.join([...dimNames, ...sumCells].map((c) => sql.ref(c)));

/** An area and a period (YYYY-MM or YYYY). */
export type AreaPeriod = readonly [area: string, period: string];

// Every step below works on many areas at once — one read for a chunk of areas, one multi-row
// upsert for their totals — not a query per area: a province importing a year of 100 counties,
// or a first count of 2,850 counties' months, touches tens of thousands of totals (issue #15 bench).
const uniq = (items: readonly string[]) => [...new Set(items)];

/**
 * The pairs in chunks of one period each, so a read of "these areas in this period" fetches only
 * what was asked (a chunk mixing areas and periods would read every area in every period).
 */
function byPeriodChunks(pairs: readonly AreaPeriod[]): { period: string; areas: string[] }[] {
  const areasOf = new Map<string, string[]>();
  for (const [area, period] of pairs) pushInto(areasOf, period, area);
  return [...areasOf].flatMap(([period, areas]) => chunked(uniq(areas)).map((some) => ({ period, areas: some })));
}

/** Stores the totals: the defined ones upserted, the pairs without one (nothing under them) removed. */
export async function putMany(tx: Kysely<DB>, entries: readonly (readonly [area: string, period: string, rollup: Rollup | undefined])[]): Promise<void> {
  const gone = entries.filter((e) => e[2] === undefined);
  const byPeriod = new Map<string, string[]>();
  for (const [area, period] of gone) pushInto(byPeriod, period, area);
  for (const [period, areas] of byPeriod) {
    for (const some of chunked(areas)) await tx.deleteFrom('stat_totals').where('period', '=', period).where('area_code', 'in', some).execute();
  }
  const pace = pacer();
  const kept: { area_code: string; period: string; rollup: string }[] = [];
  for (const [area_code, period, rollup] of entries) {
    if (rollup === undefined) continue;
    kept.push({ area_code, period, rollup: JSON.stringify(rollup) });
    await pace();
  }
  for (const some of chunked(kept, 500)) {
    await tx.insertInto('stat_totals').values(some)
      .onConflict((oc) => oc.columns(['area_code', 'period']).doUpdateSet((eb) => ({ rollup: eb.ref('excluded.rollup') }))).execute();
  }
}

/** The roll-up of each area-month's own dimension cells (absent when it has none). */
async function ofCellsMany(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<Map<string, Rollup>> {
  const out = new Map<string, Rollup>();
  // A chunk is one period: its rows keyed by area, rolled up a slice at a time with turns of the
  // event loop between (sql.ts), and let go before the next chunk is read — a refresh of a whole
  // county never holds all its cells at once (a smaller heap, shorter garbage collections).
  for (const { period, areas } of byPeriodChunks(pairs)) {
    const rows = await sql<GroupRow>`select area_code as key, ${cellColumns}, 0 as voided from stat_cells
      where period = ${period} and area_code in (${sql.join(areas)})`.execute(tx);
    for (const [area, rollup] of await rollupByKeyInSlices(await toKeyedGroups(rows.rows))) out.set(pairKey(area, period), rollup);
  }
  return out;
}

/** Stored totals parsed, with a turn of the event loop when a turn has run long. */
async function parsed(rows: readonly { rollup: string }[], pace: () => Promise<void>): Promise<Rollup[]> {
  const out: Rollup[] = [];
  for (const r of rows) {
    out.push(JSON.parse(r.rollup) as Rollup);
    await pace();
  }
  return out;
}

/** The sum of stored totals (undefined when there are none). */
async function ofTotals(rows: readonly { rollup: string }[], pace: () => Promise<void>): Promise<Rollup | undefined> {
  if (rows.length === 0) return undefined;
  const sum = mergeRollups(await parsed(rows, pace));
  await pace();
  return sum;
}

/** Each pair's sum of its rows' totals. */
async function sumsOf(pairs: readonly AreaPeriod[], rowsOf: ReadonlyMap<string, readonly { rollup: string }[]>): Promise<Map<string, Rollup | undefined>> {
  const pace = pacer();
  const out = new Map<string, Rollup | undefined>();
  for (const [area, period] of pairs) {
    const key = pairKey(area, period);
    out.set(key, await ofTotals(rowsOf.get(key) ?? [], pace));
  }
  return out;
}

/** Each parent-month's sum of its children's month totals (children: areas of `childLength` under it). */
async function belowMany(tx: Kysely<DB>, pairs: readonly AreaPeriod[], childLength: number): Promise<Map<string, Rollup | undefined>> {
  const rowsOf = new Map<string, { rollup: string }[]>();
  for (const { period, areas: parents } of byPeriodChunks(pairs)) {
    const parentLength = parents[0]?.length ?? 0;
    const rows = await tx.selectFrom('stat_totals').select(['area_code', 'period', 'rollup'])
      .where('period', '=', period).where(sql`length(area_code)`, '=', childLength).where(sql`substr(area_code, 1, ${parentLength})`, 'in', parents).execute();
    for (const r of rows) {
      pushInto(rowsOf, pairKey(r.area_code.slice(0, parentLength), r.period), r);
    }
  }
  return sumsOf(pairs, rowsOf);
}

export async function townMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  const own = await ofCellsMany(tx, pairs);
  await putMany(tx, pairs.map(([town, month]) => [town, month, own.get(pairKey(town, month))]));
}

/** A county-month: its own cells where it has them (imported by federation: federation/cells.ts), else its towns'. */
export async function countyMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  const own = new Map<string, Rollup>();
  const pace = pacer();
  for (const [key, cells] of await importedCells(tx, pairs)) {
    const rollup = rollupOfCells(cells);
    if (rollup) own.set(key, rollup);
    await pace();
  }
  const rest = pairs.filter(([c, m]) => !own.has(pairKey(c, m)));
  const towns = rest.length === 0 ? new Map<string, Rollup | undefined>() : await belowMany(tx, rest, 9);
  await putMany(tx, pairs.map(([county, month]) => [county, month, own.get(pairKey(county, month)) ?? towns.get(pairKey(county, month))]));
}

export async function provinceMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  const sums = await belowMany(tx, pairs, 6);
  await putMany(tx, pairs.map(([province, month]) => [province, month, sums.get(pairKey(province, month))]));
}

/** Areas' year totals, from their month totals. */
export async function yearTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  const rowsOf = new Map<string, { rollup: string }[]>();
  for (const some of chunked(pairs)) {
    const areas = uniq(some.map(([a]) => a));
    const years = uniq(some.map(([, y]) => y));
    const rows = await tx.selectFrom('stat_totals').select(['area_code', 'period', 'rollup'])
      .where('area_code', 'in', areas).where(sql`length(period)`, '=', 7).where(sql`substr(period, 1, 4)`, 'in', years).execute();
    for (const r of rows) {
      pushInto(rowsOf, pairKey(r.area_code, r.period.slice(0, 4)), r);
    }
  }
  const sums = await sumsOf(pairs, rowsOf);
  await putMany(tx, pairs.map(([area, year]) => [area, year, sums.get(pairKey(area, year))]));
}

/** Whole calendar years (the year totals answer them). */
const isYearAligned = (p: Period) => p.from.endsWith('-01-01') && p.to.endsWith('-01-01');

/** The years (YYYY) of a period of whole calendar years; none for any other period. */
export function wholeYears(period: Period): string[] {
  if (!isYearAligned(period)) return [];
  return Array.from({ length: Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) }, (_, i) => String(Number(period.from.slice(0, 4)) + i));
}

/**
 * Roll-ups by key ('' for by = 'none', the child's code, or the month) from the stored totals of
 * areas of `level` (cells.ts cellLevel) under `area`. The period must be whole months.
 */
export async function totalsByKey(db: Kysely<DB>, area: string, period: Period, by: GroupBy, level: number): Promise<Map<string, Rollup>> {
  if (!isMonthAligned(period)) throw new Error('totals answer whole months only');
  const byYear = by !== 'month' && isYearAligned(period);
  const periods = byYear ? wholeYears(period) : monthsOf(period);
  // A year marked stale (an imported month changed under it: federation/totals.ts) is the sum of
  // its month totals, read instead of its row in the same statement — one snapshot, so an import
  // or a refresh committing meanwhile never leaves a year counted twice or not at all. The months
  // are reached from the few marks by key, not by scanning every month under the area.
  const under = sql`length(t.area_code) = ${level} and t.area_code like ${`${area}%`}`;
  const rows = byYear
    ? (await sql<{ area_code: string; period: string; rollup: string }>`with s as (select area_code, period from stat_totals_stale t where ${under} and t.period in (${sql.join(periods)}))
        select t.area_code, t.period, t.rollup from stat_totals t
          where ${under} and t.period in (${sql.join(periods)}) and not exists (select 1 from s where s.area_code = t.area_code and s.period = t.period)
        union all
        select t.area_code, t.period, t.rollup from s join stat_totals t on t.area_code = s.area_code
          and t.period in (${sql.join(monthsOf(period))}) and substr(t.period, 1, 4) = s.period`.execute(db)).rows
    : await db.selectFrom('stat_totals').select(['area_code', 'period', 'rollup'])
      .where(sql`length(area_code)`, '=', level).where('area_code', 'like', `${area}%`).where('period', 'in', periods).execute();
  // A province by county over a year parses and merges ~1,200 month totals: in turns (pace.ts).
  const pace = pacer();
  const parts = new Map<string, Rollup[]>();
  for (const r of rows) {
    pushInto(parts, by === 'month' ? r.period : by === 'child' ? r.area_code : '', JSON.parse(r.rollup) as Rollup);
    await pace();
  }
  const out = new Map<string, Rollup>();
  for (const [key, list] of parts) {
    out.set(key, list.length === 1 ? (list[0] as Rollup) : mergeRollups(list));
    await pace();
  }
  return out;
}
