// Stored totals beside the dimension cells (issue #13): one finished roll-up per area and period
// (town, county and province × month and year), so the dashboard's by-town, by-month and total
// read 13, 12 or 1 rows instead of the thousands of dimension rows under them (a county-year at
// 150,000 cases has ~6,500 town-year dimension rows).
//
// Only a town-month's totals are rolled up from groups — its own dimension cells, by the shared
// roll-up (stats.ts decides what counts, as everywhere). Every wider total is the sum of totals
// below it (mergeRollups: every figure of a roll-up is a sum): a county-month of its towns' months
// (or, for a county imported by federation, of its own dimension cells), a province-month of its
// counties', a year of its months. A refresh after one phone's push touches one town-month and the
// few totals above it. The rows are kept in the cells' write transaction (cells.ts).
import { sql, type Kysely } from 'kysely';
import { isMonthAligned, monthsOf } from '../../shared/stat-periods.ts';
import { mergeRollups, rollupGroups, type Period, type Rollup } from '../../shared/stats.ts';
import type { DB } from '../store/schema.ts';
import { statSums, sumNames } from '../../shared/fields/stat-sums.ts';
import { type GroupBy, type GroupRow, toKeyedGroup } from './sql.ts';

/** The dimensions of a cell (stat_cells), in the one order every cells query lists them. */
export const dimNames = ['category_code', 'source', 'status', 'outcome', 'agreement_form', 'performance', 'confirmation', 'satisfaction', 'committee_type'] as const;
/** n and every sum, by their stat_cells column. */
export const sumCells = ['n', ...sumNames.map((s) => statSums[s].cell)];
/** A cell row as a GroupRow (its sums under their own names). */
const cellColumns = sql.join([...dimNames, ...sumCells].map((c) => sql.ref(c)));

/** An area and a period (YYYY-MM or YYYY). */
export type AreaPeriod = readonly [area: string, period: string];

/** IN lists and multi-row statements stay well under both databases' parameter limits. */
const CHUNK = 200;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const keyOf = (area: string, period: string) => `${area}|${period}`;

/**
 * Writes the totals of the given areas and periods: upserted where there is a roll-up, deleted
 * where there is none. A few statements for all of them, not two each: every statement is a round
 * trip to the writer's thread, and a refresh after one phone's push writes ~30 totals (issue #13).
 */
async function putAll(tx: Kysely<DB>, pairs: readonly AreaPeriod[], rollups: ReadonlyMap<string, Rollup>): Promise<void> {
  const present = pairs.filter(([a, p]) => rollups.has(keyOf(a, p)));
  const absent = pairs.filter(([a, p]) => !rollups.has(keyOf(a, p)));
  for (const some of chunks(present)) {
    await tx.insertInto('stat_totals').values(some.map(([area, period]) => ({ area_code: area, period, rollup: JSON.stringify(rollups.get(keyOf(area, period))) })))
      .onConflict((oc) => oc.columns(['area_code', 'period']).doUpdateSet((eb) => ({ rollup: eb.ref('excluded.rollup') }))).execute();
  }
  for (const some of chunks(absent)) {
    await tx.deleteFrom('stat_totals').where((eb) => eb.or(some.map(([area, period]) => eb.and([eb('area_code', '=', area), eb('period', '=', period)])))).execute();
  }
}

/** The roll-ups of areas' own dimension cells for months, by area|month (none where no cells). */
async function ofCells(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<Map<string, Rollup>> {
  const groups = new Map<string, GroupRow[]>();
  for (const some of chunks(pairs)) {
    const where = sql.join(some.map(([area, month]) => sql`(area_code = ${area} and period = ${month})`), sql` or `);
    const rows = await sql<GroupRow & { cell_area: string; cell_period: string }>`
      select area_code as cell_area, period as cell_period, '' as key, ${cellColumns}, 0 as voided from stat_cells where ${where}`.execute(tx);
    for (const row of rows.rows) {
      const key = keyOf(row.cell_area, row.cell_period);
      const list = groups.get(key) ?? [];
      list.push(row);
      groups.set(key, list);
    }
  }
  return new Map([...groups].map(([key, rows]) => [key, rollupGroups(rows.map(toKeyedGroup))]));
}

/**
 * The sums of stored totals by area|period, over rows of `childLength` codes in the given
 * periods whose first `parentLength` digits are one of `parents` (the rows grouped under their parent).
 */
async function sumsOfTotals(tx: Kysely<DB>, childLength: number, parentLength: number, parents: readonly string[], periods: readonly string[], periodOf: (period: string) => string): Promise<Map<string, Rollup>> {
  const parts = new Map<string, Rollup[]>();
  for (const someParents of chunks(parents)) {
    for (const somePeriods of chunks(periods)) {
      const rows = await tx.selectFrom('stat_totals').select(['area_code', 'period', 'rollup'])
        .where(sql`length(area_code)`, '=', childLength).where(sql`substr(area_code, 1, ${parentLength})`, 'in', someParents)
        .where('period', 'in', somePeriods).execute();
      for (const row of rows) {
        const key = keyOf(row.area_code.slice(0, parentLength), periodOf(row.period));
        const list = parts.get(key) ?? [];
        list.push(JSON.parse(row.rollup) as Rollup);
        parts.set(key, list);
      }
    }
  }
  return new Map([...parts].map(([key, list]) => [key, mergeRollups(list)]));
}

const unique = (xs: Iterable<string>) => [...new Set(xs)];

export async function townMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  await putAll(tx, pairs, await ofCells(tx, pairs));
}

/** County-months: their own cells where they have them (imported by federation), else their towns'. */
export async function countyMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  if (pairs.length === 0) return;
  const own = await ofCells(tx, pairs);
  const towns = await sumsOfTotals(tx, 9, 6, unique(pairs.map(([c]) => c)), unique(pairs.map(([, m]) => m)), (m) => m);
  const rollups = new Map<string, Rollup>();
  for (const [county, month] of pairs) {
    const key = keyOf(county, month);
    const rollup = own.get(key) ?? towns.get(key);
    if (rollup) rollups.set(key, rollup);
  }
  await putAll(tx, pairs, rollups);
}

export async function provinceMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  if (pairs.length === 0) return;
  await putAll(tx, pairs, await sumsOfTotals(tx, 6, 2, unique(pairs.map(([p]) => p)), unique(pairs.map(([, m]) => m)), (m) => m));
}

/** Areas' year totals, from their month totals. */
export async function yearTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  // Grouped by the areas' code length: the month totals are read for areas of one length at a time.
  const byLength = new Map<number, AreaPeriod[]>();
  for (const pair of pairs) byLength.set(pair[0].length, [...(byLength.get(pair[0].length) ?? []), pair]);
  for (const [length, some] of byLength) {
    const years = unique(some.map(([, y]) => y));
    const months = years.flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));
    const sums = await sumsOfTotals(tx, length, length, unique(some.map(([a]) => a)), months, (m) => m.slice(0, 4));
    await putAll(tx, some, sums);
  }
}

/** Whole calendar years (the year totals answer them). */
const isYearAligned = (p: Period) => p.from.endsWith('-01-01') && p.to.endsWith('-01-01');

/**
 * Roll-ups by key ('' for by = 'none', the child's code, or the month) from the stored totals of
 * areas of `level` (cells.ts cellLevel) under `area`. The period must be whole months.
 */
export async function totalsByKey(db: Kysely<DB>, area: string, period: Period, by: GroupBy, level: number): Promise<Map<string, Rollup>> {
  if (!isMonthAligned(period)) throw new Error('totals answer whole months only');
  const byYear = by !== 'month' && isYearAligned(period);
  const periods = byYear
    ? Array.from({ length: Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) }, (_, i) => String(Number(period.from.slice(0, 4)) + i))
    : monthsOf(period);
  const rows = await db.selectFrom('stat_totals').select(['area_code', 'period', 'rollup'])
    .where(sql`length(area_code)`, '=', level).where('area_code', 'like', `${area}%`).where('period', 'in', periods).execute();
  const parts = new Map<string, Rollup[]>();
  for (const r of rows) {
    const key = by === 'month' ? r.period : by === 'child' ? r.area_code : '';
    const list = parts.get(key) ?? [];
    list.push(JSON.parse(r.rollup) as Rollup);
    parts.set(key, list);
  }
  return new Map([...parts].map(([key, list]) => [key, list.length === 1 ? (list[0] as Rollup) : mergeRollups(list)]));
}
