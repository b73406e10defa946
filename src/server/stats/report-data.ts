// Everything the official report prints for one area and period: the total roll-up, each child
// area's (the 分乡镇 sheet; the total is their sum, so the rows add up to it), the roll-up by
// 调解主体, the organisation table and the form footer taken from the period's latest signed-off month.
import { addDays, localDate } from '../../shared/dates.ts';
import { t } from '../../shared/i18n/index.ts';
import type { OrgTable } from '../../shared/network.ts';
import type { ChildRollup, ReportFooter, ReportMeta } from '../../shared/report.ts';
import { emptyRollup, mergeRollups, type Period, type Rollup } from '../../shared/stats.ts';
import type { Principal } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';
import { orgTable } from '../registry/org.ts';
import { areaInfo, childAreas } from './area-tree.ts';
import { asOfDate, cellsOnce, committeeTypeRollups, statRollups } from './summary.ts';
import { screeningCounts } from '../screening/counts.ts';
import { referralCounts } from '../referrals/counts.ts';
import { formNumberOf } from './form-number.ts';

export interface ReportData {
  meta: ReportMeta;
  rollup: Rollup;
  org: OrgTable;
  children: ChildRollup[];
}

function officeOf(code: string, name: string): string {
  if (code.length === 9) return t('network.justiceOffice', { town: name });
  if (code.length === 2) return t('report.office.province', { area: name });
  return code === '' ? name : t('report.office.county', { area: name });
}

/** 单位负责人 and 报出日期: who signed the period's latest signed month of this area, and when (Beijing day). */
async function footerOf(ctx: Ctx, area: string, areaName: string, period: Period, preparer: string): Promise<ReportFooter> {
  const signed = await ctx.store.read.selectFrom('stat_signoffs').leftJoin('users', 'users.username', 'stat_signoffs.signed_by')
    .select(['stat_signoffs.month as month', 'stat_signoffs.signed_at as signed_at', 'stat_signoffs.signed_by as signed_by', 'users.display_name as name'])
    .where('stat_signoffs.area_code', '=', area)
    .where('stat_signoffs.month', '>=', period.from.slice(0, 7)).where('stat_signoffs.month', '<=', addDays(period.to, -1).slice(0, 7))
    .orderBy('stat_signoffs.month', 'desc').limit(1).executeTakeFirst();
  return {
    office: officeOf(area, areaName), preparer, formNo: await formNumberOf(ctx.store.read, area),
    head: signed ? (signed.name ?? signed.signed_by) : null,
    reportedOn: signed ? localDate(new Date(signed.signed_at)) : null,
    signedMonth: signed?.month ?? null,
  };
}

export async function reportData(ctx: Ctx, principal: Principal, area: string, period: Period): Promise<ReportData> {
  const db = ctx.store.read;
  const info = await areaInfo(db, area);
  const cells = cellsOnce(ctx);
  const byChild = (await statRollups(ctx, area, period, 'child', cells)).byKey;
  const rollup = mergeRollups(byChild.values());
  const children: ChildRollup[] = (await childAreas(db, area, period)).map((c) => ({ code: c.code, name: c.name, rollup: byChild.get(c.code) ?? emptyRollup() }));
  // A code no longer in the tree (retired without history) still has its row, under its code.
  const known = new Set(children.map((c) => c.code));
  for (const [key, r] of byChild) if (!known.has(key)) children.push({ code: key, name: key === '' || key === area ? info.name : key, rollup: r });
  const asOf = asOfDate(period, localDate(ctx.now()));
  const meta: ReportMeta = {
    areaName: info.name, areaCode: area, from: period.from, toInclusive: addDays(period.to, -1), generatedAt: ctx.now().toISOString(),
    footer: await footerOf(ctx, area, info.name, period, principal.displayName),
    screening: await screeningCounts(db, area, period.from, period.to),
    referrals: await referralCounts(db, area, period.from, period.to),
    byCommitteeType: await committeeTypeRollups(ctx, area, period, cells),
  };
  return { meta, rollup, org: await orgTable(db, area, asOf, period.from), children };
}
