// The stored totals (stats/totals.ts) of what an import brought, written once per batch. A
// county-month's total is added up from the file's own cells (checked to be what stat_cells holds:
// federation/payload.ts), not read back from the table. Above it, a county-year, a province-month
// and a province-year are each the sum of the county-months under them (every figure of a roll-up
// is a sum), so where every county-month of the batch under one is new — it had no total before —
// the stored total is the old one plus the new months: a province taking its counties' December
// adds 100 months to 100 county-years instead of merging 1,200 months again. Where a month is
// replaced (a re-signing), the totals above it are summed again from the months below, as the
// hosted counties' refresh does. Imports into one province take turns (federation/import.ts
// lockProvinces), and the totals read for adding are read FOR UPDATE on PostgreSQL besides.
import type { Kysely } from 'kysely';
import { pushInto } from '../../shared/group.ts';
import { mergeRollups, rollupGroups, type Rollup } from '../../shared/stats.ts';
import type { FederatedCell } from '../../shared/federation.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { toKeyedGroup, type GroupRow } from '../stats/sql.ts';
import { dimNames, provinceMonthTotals, sumCells, yearTotals, type AreaPeriod } from '../stats/totals.ts';

/** One imported county month: its cells as the file carried them. */
export interface ImportedMonth {
  county: string;
  month: string;
  cells: readonly FederatedCell[];
}

const CHUNK = 300;
const chunked = <T>(items: readonly T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const pairKey = (area: string, period: string) => `${area}|${period}`;

/** A month's roll-up from its cells, as stats/totals.ts makes it from the rows of stat_cells; undefined for none. */
export function rollupOfCells(cells: readonly FederatedCell[]): Rollup | undefined {
  if (cells.length === 0) return undefined;
  return rollupGroups(cells.map((cell) => {
    // What the table would answer: an absent dimension is null, an absent sum its default 0.
    const row: Record<string, unknown> = { key: '', voided: 0 };
    for (const d of dimNames) row[d] = cell[d] ?? null;
    for (const c of sumCells) row[c] = cell[c] ?? 0;
    return toKeyedGroup(row as GroupRow);
  }));
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

/** Upserts the defined totals and removes the area-periods without one (nothing under them any more). */
async function putTotals(tx: Kysely<DB>, entries: readonly (readonly [area: string, period: string, rollup: Rollup | undefined])[]): Promise<void> {
  const gone = new Map<string, string[]>();
  for (const [area, period, rollup] of entries) if (rollup === undefined) pushInto(gone, period, area);
  for (const [period, areas] of gone) {
    for (const some of chunked(areas)) await tx.deleteFrom('stat_totals').where('period', '=', period).where('area_code', 'in', some).execute();
  }
  const kept = entries.filter((e) => e[2] !== undefined).map(([area_code, period, rollup]) => ({ area_code, period, rollup: JSON.stringify(rollup) }));
  for (const some of chunked(kept, 500)) {
    await tx.insertInto('stat_totals').values(some)
      .onConflict((oc) => oc.columns(['area_code', 'period']).doUpdateSet((eb) => ({ rollup: eb.ref('excluded.rollup') }))).execute();
  }
}

/**
 * Writes the totals of the imported county months (the last file of each wins) and of the
 * county-years, province-months and province-years above them. `before`: the county months that
 * had a stored total before the batch (read by `totalsBefore` ahead of any write).
 */
export async function importTotals(tx: Kysely<DB>, kind: Store['kind'], imported: readonly ImportedMonth[], before: ReadonlySet<string>): Promise<void> {
  const months = new Map<string, { county: string; month: string; rollup: Rollup | undefined }>();
  for (const m of imported) months.set(pairKey(m.county, m.month), { county: m.county, month: m.month, rollup: rollupOfCells(m.cells) });

  // Each total above, with the batch's months under it and whether one of them was replaced.
  type Above = { area: string; period: string; added: Rollup[]; members: string[]; replaces: boolean };
  const levels: Map<string, Above>[] = [new Map(), new Map(), new Map()];
  const under = (level: Map<string, Above>, area: string, period: string, m: { county: string; month: string; rollup: Rollup | undefined }) => {
    const key = pairKey(area, period);
    const above = level.get(key) ?? { area, period, added: [], members: [], replaces: false };
    if (m.rollup) {
      above.added.push(m.rollup);
      above.members.push(pairKey(m.county, m.month));
    }
    if (before.has(pairKey(m.county, m.month))) above.replaces = true;
    level.set(key, above);
  };
  const [countyYears, provinceMonths, provinceYears] = levels as [Map<string, Above>, Map<string, Above>, Map<string, Above>];
  for (const m of months.values()) {
    under(countyYears, m.county, m.month.slice(0, 4), m);
    under(provinceMonths, m.county.slice(0, 2), m.month, m);
    under(provinceYears, m.county.slice(0, 2), m.month.slice(0, 4), m);
  }

  // The totals added to are read at once and written with the months in one statement; those
  // summed again follow, level by level, as each reads the level below (a province-year its months).
  const aboveAll = [countyYears, provinceMonths, provinceYears].flatMap((level) => [...level.values()]);
  const adding = aboveAll.filter((a) => !a.replaces && a.added.length > 0);
  // A province's month and year add the same new months: summed once, not once for each.
  const sums = new Map<string, Rollup>();
  const sumOf = (a: Above): Rollup => {
    const key = a.members.join(';');
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = a.added.length === 1 ? (a.added[0] as Rollup) : mergeRollups(a.added)));
    return sum;
  };
  const old = await storedTotals(tx, kind, adding.map((a) => [a.area, a.period] as const));
  await putTotals(tx, [
    ...[...months.values()].map((m) => [m.county, m.month, m.rollup] as const),
    ...adding.map((a) => {
      // No stored total above new months means nothing was under it yet: the new months are all of it.
      const held = old.get(pairKey(a.area, a.period));
      return [a.area, a.period, held ? mergeRollups([held, sumOf(a)]) : sumOf(a)] as const;
    }),
  ]);
  const again: [(pairs: AreaPeriod[]) => Promise<void>, Map<string, Above>][] = [
    [(pairs) => yearTotals(tx, pairs), countyYears], [(pairs) => provinceMonthTotals(tx, pairs), provinceMonths], [(pairs) => yearTotals(tx, pairs), provinceYears],
  ];
  for (const [sumAgain, level] of again) {
    const replacing = [...level.values()].filter((a) => a.replaces).map((a): AreaPeriod => [a.area, a.period]);
    if (replacing.length > 0) await sumAgain(replacing);
  }
}
