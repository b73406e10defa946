// The stored totals (stats/totals.ts) of what an import brought, written once per batch. A
// county-month's total is added up from the file's own cells (checked as stat_cells would hold
// them: federation/payload.ts, import.ts), not read back from where they are stored. Above it, a province-month is the sum of
// the county-months under it (every figure of a roll-up is a sum), so where every county-month of
// the batch under one is new — it had no total before — the stored total is the old one plus the
// new months; where a month is replaced (a re-signing), it is summed again from the months below,
// as the hosted counties' refresh does. The years above are only marked stale (their rows
// removed): the read sums their ≤ 12 months (stats/totals.ts totalsByKey). Imports into one
// province take turns (federation/import.ts lockProvinces), and the totals read for adding are
// read FOR UPDATE on PostgreSQL besides.
import type { Kysely } from 'kysely';
import { pairKey, pushInto } from '../../shared/group.ts';
import { mergeRollups, type Rollup } from '../../shared/stats.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { provinceMonthTotals, putMany, type AreaPeriod } from '../stats/totals.ts';
import { chunked } from '../store/chunked.ts';

/** One imported county month: the roll-up of the cells its file carried (cells.ts rollupOfCells). */
export interface ImportedMonth {
  county: string;
  month: string;
  rollup: Rollup | undefined;
}


/** The stored totals of these area-periods, read per period (locked on PostgreSQL, in key order). */
async function storedTotals(tx: Kysely<DB>, kind: Store['kind'], pairs: readonly AreaPeriod[]): Promise<Map<string, Rollup>> {
  const areasOf = new Map<string, string[]>();
  for (const [area, period] of pairs) pushInto(areasOf, period, area);
  const out = new Map<string, Rollup>();
  for (const [period, areas] of [...areasOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    for (const some of chunked([...new Set(areas)].sort())) {
      const query = tx.selectFrom('stat_totals').select(['area_code', 'period', 'rollup']).where('period', '=', period).where('area_code', 'in', some).orderBy('area_code');
      for (const r of await (kind === 'postgres' ? query.forUpdate() : query).execute()) out.set(pairKey(r.area_code, r.period), JSON.parse(r.rollup) as Rollup);
    }
  }
  return out;
}

/** Which of these county months already have a stored total (read before the batch writes anything). */
export async function totalsBefore(tx: Kysely<DB>, pairs: readonly AreaPeriod[]): Promise<Set<string>> {
  const areasOf = new Map<string, string[]>();
  for (const [area, period] of pairs) pushInto(areasOf, period, area);
  const out = new Set<string>();
  for (const [period, areas] of areasOf) {
    for (const some of chunked([...new Set(areas)])) {
      for (const r of await tx.selectFrom('stat_totals').select(['area_code', 'period']).where('period', '=', period).where('area_code', 'in', some).execute()) out.add(pairKey(r.area_code, r.period));
    }
  }
  return out;
}

/**
 * Writes the totals of the imported county months (the last file of each wins) and of the
 * province-months above them, and marks the county-years and province-years above them stale by
 * removing their rows: a year is the sum of its ≤ 12 month totals, which the read adds up where
 * the year's row is missing (stats/totals.ts totalsByKey). Reading and writing back a county-year
 * roll-up for every county of every monthly request was most of an import's JSON and garbage.
 * `before`: the county months that had a stored total before the batch (`totalsBefore`).
 */
export async function importTotals(tx: Kysely<DB>, kind: Store['kind'], imported: readonly ImportedMonth[], before: ReadonlySet<string>): Promise<void> {
  const months = new Map<string, { county: string; month: string; rollup: Rollup | undefined }>();
  for (const m of imported) months.set(pairKey(m.county, m.month), m);

  // Each province-month, with the batch's months under it and whether one of them was replaced.
  type Above = { area: string; period: string; added: Rollup[]; replaces: boolean };
  const provinceMonths = new Map<string, Above>();
  for (const m of months.values()) {
    const province = m.county.slice(0, 2);
    const key = pairKey(province, m.month);
    const above = provinceMonths.get(key) ?? { area: province, period: m.month, added: [], replaces: false };
    if (m.rollup) above.added.push(m.rollup);
    if (before.has(pairKey(m.county, m.month))) above.replaces = true;
    provinceMonths.set(key, above);
  }
  // A province-month over new months only is its stored total plus them (nothing stored: they are
  // all of it); over a replaced month it is summed again from its counties' months, once written.
  const adding = [...provinceMonths.values()].filter((a) => !a.replaces && a.added.length > 0);
  const old = await storedTotals(tx, kind, adding.map((a) => [a.area, a.period] as const));
  await putMany(tx, [
    ...[...months.values()].map((m) => [m.county, m.month, m.rollup] as const),
    ...adding.map((a) => {
      const held = old.get(pairKey(a.area, a.period));
      return [a.area, a.period, mergeRollups(held ? [held, ...a.added] : a.added)] as const;
    }),
  ]);
  const replacing = [...provinceMonths.values()].filter((a) => a.replaces).map((a): AreaPeriod => [a.area, a.period]);
  if (replacing.length > 0) await provinceMonthTotals(tx, replacing);
  // The years above are stale now: their rows removed (undefined) and marked.
  const years = new Map<string, AreaPeriod>();
  for (const m of months.values()) {
    for (const area of [m.county, m.county.slice(0, 2)]) years.set(pairKey(area, m.month.slice(0, 4)), [area, m.month.slice(0, 4)]);
  }
  await putMany(tx, [...years.values()].map(([area, year]) => [area, year, undefined] as const));
  for (const some of chunked([...years.values()], 500)) {
    await tx.insertInto('stat_totals_stale').values(some.map(([area_code, period]) => ({ area_code, period })))
      .onConflict((oc) => oc.columns(['area_code', 'period']).doNothing()).execute();
  }
}
