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

async function put(tx: Kysely<DB>, area: string, period: string, rollup: Rollup | undefined): Promise<void> {
  if (!rollup) {
    await tx.deleteFrom('stat_totals').where('area_code', '=', area).where('period', '=', period).execute();
    return;
  }
  // One statement, not a delete and an insert: each is a round trip to the writer's thread.
  await tx.insertInto('stat_totals').values({ area_code: area, period, rollup: JSON.stringify(rollup) })
    .onConflict((oc) => oc.columns(['area_code', 'period']).doUpdateSet((eb) => ({ rollup: eb.ref('excluded.rollup') }))).execute();
}

/** The roll-up of one area's own dimension cells for one month (undefined when it has none). */
async function ofCells(tx: Kysely<DB>, area: string, month: string): Promise<Rollup | undefined> {
  const rows = await sql<GroupRow>`select '' as key, ${cellColumns}, 0 as voided from stat_cells where area_code = ${area} and period = ${month}`.execute(tx);
  return rows.rows.length === 0 ? undefined : rollupGroups(rows.rows.map(toKeyedGroup));
}

/** The sum of stored totals (undefined when there are none). */
function ofTotals(rows: readonly { rollup: string }[]): Rollup | undefined {
  return rows.length === 0 ? undefined : mergeRollups(rows.map((r) => JSON.parse(r.rollup) as Rollup));
}

const below = (tx: Kysely<DB>, area: string, childLength: number, period: string) => tx.selectFrom('stat_totals').select('rollup')
  .where(sql`length(area_code)`, '=', childLength).where('area_code', 'like', `${area}%`).where('period', '=', period).execute();

export async function townMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  for (const [town, month] of pairs) await put(tx, town, month, await ofCells(tx, town, month));
}

/** A county-month: its own cells where it has them (imported by federation), else its towns'. */
export async function countyMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  for (const [county, month] of pairs) await put(tx, county, month, (await ofCells(tx, county, month)) ?? ofTotals(await below(tx, county, 9, month)));
}

export async function provinceMonthTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  for (const [province, month] of pairs) await put(tx, province, month, ofTotals(await below(tx, province, 6, month)));
}

/** Areas' year totals, from their month totals. */
export async function yearTotals(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<void> {
  for (const [area, year] of pairs) {
    const months = await tx.selectFrom('stat_totals').select('rollup').where('area_code', '=', area)
      .where(sql`length(period)`, '=', 7).where('period', 'like', `${year}-%`).execute();
    await put(tx, area, year, ofTotals(months));
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
