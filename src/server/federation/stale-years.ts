// The first read of a year an import left stale (federation/totals.ts marks it) stores it afresh
// from its months and clears the mark, so later reads take its one row again instead of summing
// 12 months each time (a province's dashboard by county reads 100 county-years). Until then the
// read sums the months itself (stats/totals.ts totalsByKey): this is a saving, never needed for
// the figures to be right.
import { sql } from 'kysely';
import { pushInto } from '../../shared/group.ts';
import type { Period } from '../../shared/stats.ts';
import type { GroupBy } from '../stats/sql.ts';
import type { Store } from '../store/open.ts';
import { wholeYears, yearTotals, type AreaPeriod } from '../stats/totals.ts';
import { lockProvinces } from './import.ts';

/**
 * Before a read of whole years (by = 'none' or 'child', as totalsByKey reads year rows): stores
 * the stale years of areas of `level` under `area` and clears their marks.
 */
export async function freshenStaleYears(store: Store, area: string, period: Period, by: GroupBy, level: number): Promise<void> {
  const years = by === 'month' ? [] : wholeYears(period);
  if (years.length === 0) return;
  const marked = () => sql<{ area_code: string; period: string }>`select area_code, period from stat_totals_stale
    where length(area_code) = ${level} and area_code like ${`${area}%`} and period in (${sql.join(years)})`;
  if ((await marked().execute(store.read)).rows.length === 0) return;
  await store.write(async (tx) => {
    // Taking turns with the imports into these provinces (the area's, or for the nation those the
    // marks name): none marks a year again between the sum below and the clearing.
    const provinces = area.length >= 2 ? [area.slice(0, 2)] : (await marked().execute(tx)).rows.map((r) => r.area_code.slice(0, 2));
    await lockProvinces(tx, store.kind, provinces);
    const pairs = (await marked().execute(tx)).rows.map((r): AreaPeriod => [r.area_code, r.period]).filter(([code]) => provinces.includes(code.slice(0, 2)));
    if (pairs.length === 0) return;
    await yearTotals(tx, pairs);
    const byYear = new Map<string, string[]>();
    for (const [code, year] of pairs) pushInto(byYear, year, code);
    for (const [year, codes] of byYear) await tx.deleteFrom('stat_totals_stale').where('period', '=', year).where('area_code', 'in', codes).execute();
  });
}
