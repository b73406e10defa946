// One area's statistics for one period, as the dashboard and the report need them: the total and
// every child area's roll-up, 环比 and 同比, twelve months of trend, the organisation table,
// coverage and how complete the synced data is. All figures come from the shared roll-up.
import { addDays, localDate } from '../../shared/dates.ts';
import { isMonthAligned, lastYearPeriod, monthsOf, previousPeriod, trendPeriod } from '../../shared/stat-periods.ts';
import { emptyRollup, mergeRollups, type CommitteeTypeRollup, type Period, type Rollup } from '../../shared/stats.ts';
import type { AreaStats, StatsSummary, TrendPoint } from '../../shared/stats-api.ts';
import { committeeTypes } from '../../shared/network.ts';
import { t } from '../../shared/i18n/index.ts';
import { sql } from 'kysely';
import type { Ctx } from '../deps.ts';
import { areaCoverage, completenessOf, orgTable, villageSync, villagesOf } from '../registry/org.ts';
import { areaInfo, areaPath, childAreas } from './area-tree.ts';
import { cellGroups, cellLevel, refreshCells, totalsLevel, type CellsState } from './cells.ts';
import { liveGroups, rollupByKeyInSlices, type GroupBy } from './sql.ts';
import { totalsByKey } from './totals.ts';
import { freshenStaleYears } from '../federation/stale-years.ts';
import { screeningCounts } from '../screening/counts.ts';
import { referralCounts } from '../referrals/counts.ts';

/**
 * The cells brought up to date once for one request: every roll-up a request makes reads the same
 * refreshed cells, and the refresh (a read of the clock, or a write when something changed) is
 * paid once, not once per roll-up.
 */
export function cellsOnce(ctx: Ctx): () => Promise<CellsState> {
  let refreshed: Promise<CellsState> | undefined;
  return () => (refreshed ??= refreshCells(ctx.store, ctx.now));
}

export interface KeyedRollups {
  /** By child area code, by month (YYYY-MM), or '' alone (by = 'none'). */
  byKey: Map<string, Rollup>;
  source: 'live' | 'cells';
  asOf: string | null;
}

/** Whole months of a town or wider read the stored totals (a town by village its villages'); everything else the cases. */
export async function statRollups(ctx: Ctx, area: string, period: Period, by: GroupBy, cells = cellsOnce(ctx)): Promise<KeyedRollups> {
  const level = totalsLevel(area, by);
  if (level !== undefined && isMonthAligned(period)) {
    const state = await cells();
    // Years an import left stale are stored afresh once (the read below is exact either way).
    await freshenStaleYears(ctx.store, area, period, by, level);
    return { byKey: await totalsByKey(ctx.store.read, area, period, by, level), source: 'cells', asOf: state.refreshedAt };
  }
  return { byKey: await rollupByKeyInSlices(await liveGroups(ctx.store.read, ctx.store.kind, { area, period, by })), source: 'live', asOf: ctx.now().toISOString() };
}

/** The total roll-up of an area and period. */
export async function areaRollup(ctx: Ctx, area: string, period: Period, cells = cellsOnce(ctx)): Promise<Rollup> {
  return (await statRollups(ctx, area, period, 'none', cells)).byKey.get('') ?? emptyRollup();
}

/**
 * The cases of committees above the village show as their own row: a county's 县直 (town code
 * county+000), a town's 本级 (village code town+000; shared/committee-area.ts).
 */
function ownLevelName(key: string, areaName: string): string {
  if (key.length === 9 && key.endsWith('000')) return t('area.countyLevel');
  if (key.length === 12 && key.endsWith('000')) return t('area.ownLevel', { name: areaName });
  return key;
}

/**
 * The roll-up by 调解主体 (issue #14): from the dimension cells (which carry the committee's type)
 * for whole months of a town or wider, else from the cases. Each case once, so the rows add up.
 */
async function byCommitteeTypeOf(ctx: Ctx, area: string, period: Period, cells: () => Promise<CellsState>): Promise<Map<string, Rollup>> {
  const query = { area, period, by: 'committeeType' as const };
  if (cellLevel(area, 'committeeType') !== undefined && isMonthAligned(period)) {
    await cells();
    // Only counties imported by federation under the area (no town's totals here): their cells
    // do not say the 调解主体 (''), so the split is the total — read from the stored totals, not
    // by grouping every imported cell again (a national table holds a million).
    const hosted = await ctx.store.read.selectFrom('stat_totals').select('area_code').where(sql`length(area_code)`, '=', 9)
      .where('area_code', 'like', `${area}%`).limit(1).executeTakeFirst();
    if (!hosted) {
      const total = (await statRollups(ctx, area, period, 'none', cells)).byKey.get('');
      return new Map(total ? [['', total]] : []);
    }
    return rollupByKeyInSlices(await cellGroups(ctx.store.read, query));
  }
  return rollupByKeyInSlices(await liveGroups(ctx.store.read, ctx.store.kind, query));
}

/** The 调解主体 rows in the form's order, '' (another county's cells without a type) last; only types with cases. */
export async function committeeTypeRollups(ctx: Ctx, area: string, period: Period, cells = cellsOnce(ctx)): Promise<CommitteeTypeRollup[]> {
  const byType = await byCommitteeTypeOf(ctx, area, period, cells);
  return [...committeeTypes, ''].filter((type) => byType.has(type)).map((type) => ({ type, rollup: byType.get(type) ?? emptyRollup() }));
}

/** The day the organisation table is counted on: the period's last day, or today if earlier. */
export function asOfDate(period: Period, today: string): string {
  const last = addDays(period.to, -1);
  return last < today ? last : today;
}

export async function summary(ctx: Ctx, area: string, period: Period): Promise<StatsSummary> {
  const db = ctx.store.read;
  const [info, path, children] = [await areaInfo(db, area), await areaPath(db, area), await childAreas(db, area, period)];
  const cells = cellsOnce(ctx);
  const current = await statRollups(ctx, area, period, 'child', cells);
  const byChild = current.byKey;
  const total = mergeRollups(byChild.values());

  const previous = previousPeriod(period);
  const lastYear = lastYearPeriod(period);
  const previousRollup = await areaRollup(ctx, area, previous, cells);
  const lastYearRollup = previous.from === lastYear.from && previous.to === lastYear.to ? previousRollup : await areaRollup(ctx, area, lastYear, cells);

  const trendRange = trendPeriod(period);
  const byMonth = (await statRollups(ctx, area, trendRange, 'month', cells)).byKey;
  const trend: TrendPoint[] = monthsOf(trendRange).map((month) => {
    const r = byMonth.get(month) ?? emptyRollup();
    return { month, accepted: r.accepted, succeeded: r.succeeded, failed: r.failed, open: r.open };
  });

  const byCommitteeType = await committeeTypeRollups(ctx, area, period, cells);

  const asOf = asOfDate(period, localDate(ctx.now()));
  const villages = area.length >= 6 ? await villagesOf(db, area, asOf) : [];
  const sync = area.length >= 6 ? await villageSync(db, area) : [];
  const known = new Set(children.map((c) => c.code));
  // A code no longer in the tree (retired without history) still shows, under its code.
  for (const key of byChild.keys()) if (key !== '' && key !== area && !known.has(key)) children.push({ code: key, name: ownLevelName(key, info.name), level: '' });
  const childStats: AreaStats[] = children.map((c) => ({
    ...c,
    rollup: byChild.get(c.code) ?? emptyRollup(),
    completeness: completenessOf(villages.filter((v) => v.startsWith(c.code)), sync),
  }));

  return {
    area: info, path, period, source: current.source, asOf: current.asOf, total,
    previous: { period: previous, rollup: previousRollup },
    lastYear: { period: lastYear, rollup: lastYearRollup },
    children: childStats,
    completeness: completenessOf(villages, sync),
    trend,
    org: await orgTable(db, area, asOf),
    coverage: await areaCoverage(db, area, asOf),
    byCommitteeType,
    screening: await screeningCounts(db, area, period.from, period.to),
    referrals: await referralCounts(db, area, period.from, period.to),
  };
}
