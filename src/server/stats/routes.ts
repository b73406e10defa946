// /api/stats: an area's statistics for a period (dashboard), the official report as XLSX and
// CSV, and month sign-off. Town, county and admin accounts only, each inside their own area; a
// mediator's own figures are computed on the phone (我的统计).
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { addDays, isIsoDate, localDate } from '../../shared/dates.ts';
import { inclusivePeriod, yearPeriod } from '../../shared/stat-periods.ts';
import { reportCsv, reportSheetKeys, reportSheets, sheetCsv } from '../../shared/report.ts';
import type { Period } from '../../shared/stats.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { summary } from './summary.ts';
import { reportXlsx } from './report-xlsx.ts';
import { reportData } from './report-data.ts';
import { signMonth, signoffLog, signoffStatus, unlockMonth } from './signoff.ts';
import { recordAudit } from '../ops/audit.ts';

const date = v.pipe(v.string(), v.check(isIsoDate));
const areaCode = v.pipe(v.string(), v.regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/));
const StatsQuery = v.strictObject({ area: v.optional(areaCode), from: v.optional(date), to: v.optional(date) });
/** `sheet`: one sheet's CSV twin (调解案件 cases, 组织队伍 org, 分乡镇 areas); without it the whole report in one CSV. */
const CsvQuery = v.strictObject({ ...StatsQuery.entries, sheet: v.optional(v.picklist(reportSheetKeys)) });
const month = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const SignBody = v.strictObject({ area: areaCode, month });
const UnlockBody = v.strictObject({ area: areaCode, month, reason: v.pipe(v.string(), v.trim(), v.maxLength(500)) });
const SignoffQuery = v.strictObject({ area: v.optional(areaCode), year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/))) });

/** `to` is inclusive as people give it; a missing range is this calendar year. */
function periodOf(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }): Period {
  const today = localDate(ctx.now());
  const period = q.from && q.to ? inclusivePeriod(q.from, q.to) : yearPeriod(Number(today.slice(0, 4)));
  if (period.from >= period.to) throw new ApiError(400, 'stats.periodInvalid');
  return period;
}

function scopedArea(c: Context<Env>, area: string | undefined): string {
  const value = area ?? c.var.principal.scope;
  assertInScope(c.var.principal, value);
  return value;
}

const contentDisposition = (name: string, ext: string) =>
  `attachment; filename="shuohe-report.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;

export function statsRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/stats', requireRole('town', 'county', 'admin'));
  app.use('/stats/*', requireRole('town', 'county', 'admin'));

  app.get('/stats', async (c) => {
    const q = parseWith(StatsQuery, c.req.query());
    return c.json(await summary(ctx, scopedArea(c, q.area), periodOf(ctx, q)));
  });

  const report = async (c: Context<Env>, format: 'xlsx' | 'csv', q: v.InferOutput<typeof StatsQuery>) => {
    const area = scopedArea(c, q.area);
    const period = periodOf(ctx, q);
    await recordAudit(ctx, c, { action: 'report.export', target: `${area} ${period.from}~${addDays(period.to, -1)}`, areaCode: area, detail: format });
    const data = await reportData(ctx, c.var.principal, area, period);
    return { data, name: `${data.meta.areaName}人民调解统计表_${data.meta.from}_${data.meta.toInclusive}` };
  };

  app.get('/stats/report.xlsx', async (c) => {
    const { data, name } = await report(c, 'xlsx', parseWith(StatsQuery, c.req.query()));
    const body = await reportXlsx(data);
    return c.body(body.buffer as ArrayBuffer, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': contentDisposition(name, 'xlsx'),
    });
  });

  app.get('/stats/report.csv', async (c) => {
    const { sheet, ...q } = parseWith(CsvQuery, c.req.query());
    const { data, name } = await report(c, 'csv', q);
    const headers = (file: string) => ({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(file, 'csv') });
    if (!sheet) return c.body(reportCsv(data.meta, data.rollup, data.org, data.children), 200, headers(name));
    const one = reportSheets(data.meta, data.rollup, data.org, data.children, { asText: true }).find((s) => s.key === sheet);
    if (!one) throw new ApiError(404, 'area.notFound');
    return c.body(sheetCsv(one), 200, headers(`${name}_${one.name}`));
  });

  app.get('/stats/signoffs', async (c) => {
    const q = parseWith(SignoffQuery, c.req.query());
    const area = scopedArea(c, q.area);
    const year = Number(q.year ?? localDate(ctx.now()).slice(0, 4));
    return c.json({ months: await signoffStatus(ctx, area, year), log: await signoffLog(ctx, area) });
  });

  app.post('/stats/signoffs', async (c) => {
    const body = parseWith(SignBody, await readJson(c));
    await signMonth(ctx, c.var.principal, body.area, body.month);
    return c.json({ ok: true });
  });

  app.post('/stats/signoffs/unlock', async (c) => {
    const body = parseWith(UnlockBody, await readJson(c));
    if (body.reason.length < 2) throw new ApiError(400, 'signoff.reasonRequired');
    await unlockMonth(ctx, c.var.principal, body.area, body.month, body.reason);
    return c.json({ ok: true });
  });
  return app;
}
