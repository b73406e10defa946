// One area's statistics for one period, as the dashboard and the report need them: the total and
// every child area's roll-up, 环比 and 同比, twelve months of trend, the organisation table,
// coverage and how complete the synced data is. All figures come from the shared roll-up.
import { addDays, localDate } from '../../shared/dates.ts';
import { isMonthAligned, lastYearPeriod, monthsOf, previousPeriod, trendPeriod } from '../../shared/stat-periods.ts';
import { rollupByKey, rollupGroups, emptyRollup, type Period, type Rollup } from '../../shared/stats.ts';
import type { AreaStats, StatsSummary, TrendPoint } from '../../shared/stats-api.ts';
import { committeeTypes } from '../../shared/network.ts';
import { t } from '../../shared/i18n/index.ts';
import type { Ctx } from '../deps.ts';
import { areaCoverage, completenessOf, orgTable, villageSync, villagesOf } from '../registry/org.ts';
import { areaInfo, areaPath, childAreas } from './area-tree.ts';
import { cellGroups, cellLevel, refreshCells } from './cells.ts';
import { liveGroups, type GroupBy, type KeyedGroup } from './sql.ts';

/** Whole months of a town or wider read the pre-aggregated cells; everything else the cases. */
export async function statGroups(ctx: Ctx, area: string, period: Period, by: GroupBy): Promise<{ groups: KeyedGroup[]; source: 'live' | 'cells'; asOf: string | null }> {
  if (cellLevel(area, by) !== undefined && isMonthAligned(period)) {
    const state = await refreshCells(ctx.store, ctx.now);
    return { groups: await cellGroups(ctx.store.read, { area, period, by }), source: 'cells', asOf: state.refreshedAt };
  }
  return { groups: await liveGroups(ctx.store.read, ctx.store.kind, { area, period, by }), source: 'live', asOf: ctx.now().toISOString() };
}

/** The total roll-up of an area and period. */
export async function areaRollup(ctx: Ctx, area: string, period: Period): Promise<Rollup> {
  return rollupGroups((await statGroups(ctx, area, period, 'none')).groups);
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

/** The day the organisation table is counted on: the period's last day, or today if earlier. */
export function asOfDate(period: Period, today: string): string {
  const last = addDays(period.to, -1);
  return last < today ? last : today;
}

export async function summary(ctx: Ctx, area: string, period: Period): Promise<StatsSummary> {
  const db = ctx.store.read;
  const [info, path, children] = [await areaInfo(db, area), await areaPath(db, area), await childAreas(db, area, period)];
  const current = await statGroups(ctx, area, period, 'child');
  const total = rollupGroups(current.groups);
  const byChild = rollupByKey(current.groups);

  const previous = previousPeriod(period);
  const lastYear = lastYearPeriod(period);
  const previousRollup = await areaRollup(ctx, area, previous);
  const lastYearRollup = previous.from === lastYear.from && previous.to === lastYear.to ? previousRollup : await areaRollup(ctx, area, lastYear);

  const trendRange = trendPeriod(period);
  const byMonth = rollupByKey((await statGroups(ctx, area, trendRange, 'month')).groups);
  const trend: TrendPoint[] = monthsOf(trendRange).map((month) => {
    const r = byMonth.get(month) ?? emptyRollup();
    return { month, accepted: r.accepted, succeeded: r.succeeded, failed: r.failed, open: r.open };
  });

  const byType = rollupByKey((await statGroups(ctx, area, period, 'committeeType')).groups);
  const byCommitteeType = [...committeeTypes, ''].filter((type) => byType.has(type)).map((type) => ({ type, rollup: byType.get(type) ?? emptyRollup() }));

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
  };
}
