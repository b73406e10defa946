// /api/subsidy: the county's rules (all staff of the county read them, county staff save them),
// the score of one case file, and the month's subsidy sheet as JSON, XLSX and CSV. Town, county
// and admin accounts only, each inside their own area.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { localDate } from '../../shared/dates.ts';
import { RulesSchema, ScoreBody, subsidyParts } from '../../shared/subsidy.ts';
import { subsidyCsv } from '../../shared/subsidy-cells.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { recordAudit } from '../ops/audit.ts';
import { rulesOf, saveRules, subsidyLog } from './rules.ts';
import { saveScore, scoreView } from './scores.ts';
import { subsidySheet } from './sheet.ts';
import { subsidyXlsx, tablesXlsx } from './xlsx.ts';
import { appraisal, appraisalPage } from './appraisal.ts';
import { appraisalCells, appraisalCsv, appraisalHeading } from '../../shared/appraisal.ts';
import { t } from '../../shared/i18n/index.ts';
import { beijingTime } from '../../shared/report.ts';

const county = v.pipe(v.string(), v.regex(/^\d{6}$/));
const month = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const RulesQuery = v.strictObject({ county: v.optional(county) });
const RulesBody = v.strictObject({ county, rules: RulesSchema });
const SheetQuery = v.strictObject({ area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9})$/))), month: v.optional(month), part: v.optional(v.picklist(subsidyParts)) });

const attachment = (name: string, ext: string) => `attachment; filename="shuohe-subsidy.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;

export function subsidyRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/subsidy/*', requireRole('town', 'county', 'admin'));

  /** The county the account works in (an administrator names it). */
  const countyOf = (c: Context<Env>, asked: string | undefined): string => {
    const p = c.var.principal;
    const value = asked ?? p.scope.slice(0, 6);
    if (value.length !== 6) throw new ApiError(400, 'subsidy.err.level');
    // A town's staff read their own county's rules; county staff and the administrator any in scope.
    if (p.scope.length > 6) {
      if (!p.scope.startsWith(value)) throw new ApiError(403, 'auth.forbidden');
    } else {
      assertInScope(p, value);
    }
    return value;
  };

  app.get('/subsidy/rules', async (c) => {
    const q = parseWith(RulesQuery, c.req.query());
    const code = countyOf(c, q.county);
    return c.json({ rules: await rulesOf(ctx.store.read, code), log: await subsidyLog(ctx.store.read, code, 'rules') });
  });

  app.put('/subsidy/rules', async (c) => {
    const body = parseWith(RulesBody, await readJson(c));
    const version = await saveRules(ctx, c.var.principal, body.county, body.rules);
    return c.json({ ok: true, version });
  });

  app.get('/subsidy/scores/:caseId', async (c) => c.json(await scoreView(ctx, c.var.principal, c.req.param('caseId'))));

  app.put('/subsidy/scores/:caseId', async (c) => {
    const body = parseWith(ScoreBody, await readJson(c));
    return c.json(await saveScore(ctx, c.var.principal, c.req.param('caseId'), body));
  });

  const sheetOf = async (c: Context<Env>) => {
    const q = parseWith(SheetQuery, c.req.query());
    const area = q.area ?? c.var.principal.scope;
    if (area.length !== 6 && area.length !== 9) throw new ApiError(400, 'subsidy.err.level');
    assertInScope(c.var.principal, area);
    const today = localDate(ctx.now());
    const m = q.month ?? today.slice(0, 7);
    return { q, area, month: m, sheet: await subsidySheet(ctx.store.read, area, m) };
  };

  app.get('/subsidy/sheet', async (c) => c.json((await sheetOf(c)).sheet));

  const exported = async (c: Context<Env>, format: 'xlsx' | 'csv') => {
    const s = await sheetOf(c);
    await recordAudit(ctx, c, { action: 'report.export', target: `subsidy ${s.area} ${s.month}`, areaCode: s.area, detail: format });
    const rules = await rulesOf(ctx.store.read, s.area.slice(0, 6));
    return { ...s, rules, name: `${s.sheet.area.name}以案定补补贴表_${s.month}`, at: ctx.now().toISOString() };
  };

  app.get('/subsidy/sheet.xlsx', async (c) => {
    const s = await exported(c, 'xlsx');
    const body = await subsidyXlsx(s.sheet, s.rules, s.at);
    return c.body(body.buffer as ArrayBuffer, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': attachment(s.name, 'xlsx'),
    });
  });

  app.get('/subsidy/sheet.csv', async (c) => {
    const s = await exported(c, 'csv');
    return c.body(subsidyCsv(s.sheet, s.rules, s.at, s.q.part), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(s.name, 'csv') });
  });
  return app;
}

const AppraisalQuery = v.strictObject({ year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/))), town: v.optional(v.pipe(v.string(), v.regex(/^\d{9}$/))) });

/** /api/appraisal: 调解员考核 for the account's area (a county office may narrow to one town). */
export function appraisalRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  for (const path of ['/appraisal', '/appraisal.xlsx', '/appraisal.csv', '/appraisal/*']) app.use(path, requireRole('town', 'county', 'admin'));
  const ask = (c: Context<Env>) => {
    const q = parseWith(AppraisalQuery, c.req.query());
    const p = c.var.principal;
    const area = q.town ?? (p.scope.length >= 6 ? p.scope.slice(0, Math.min(p.scope.length, 9)) : '');
    if (area.length !== 6 && area.length !== 9) throw new ApiError(400, 'subsidy.err.level');
    assertInScope(p, area);
    const today = localDate(ctx.now());
    return { area, year: Number(q.year ?? today.slice(0, 4)), today };
  };
  app.get('/appraisal', async (c) => {
    const a = ask(c);
    return c.json((await appraisal(ctx.store.read, a.area, a.year, a.today)).table);
  });
  const exported = async (c: Context<Env>, format: 'xlsx' | 'csv') => {
    const a = ask(c);
    await recordAudit(ctx, c, { action: 'report.export', target: `appraisal ${a.area} ${a.year}`, areaCode: a.area, detail: format });
    const table = (await appraisal(ctx.store.read, a.area, a.year, a.today)).table;
    return { table, name: `${table.area.name}调解员考核_${a.year}`, at: ctx.now().toISOString() };
  };
  app.get('/appraisal.xlsx', async (c) => {
    const e = await exported(c, 'xlsx');
    const body = await tablesXlsx([...appraisalHeading(e.table), [t('report.generatedAt', { at: beijingTime(e.at) })]],
      [{ name: t('appraisal.title'), rows: appraisalCells(e.table), money: [], decimals: { 3: 1, 7: 2, 10: 2 } }], e.at);
    return c.body(body.buffer as ArrayBuffer, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': attachment(e.name, 'xlsx'),
    });
  });
  app.get('/appraisal.csv', async (c) => {
    const e = await exported(c, 'csv');
    return c.body(appraisalCsv(e.table, [t('report.generatedAt', { at: beijingTime(e.at) })]), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(e.name, 'csv') });
  });
  app.get('/appraisal/mediators/:id', async (c) => {
    const a = ask(c);
    const page = await appraisalPage(ctx.store.read, c.var.principal.scope, c.req.param('id'), a.year, a.today);
    if (!page) throw new ApiError(404, 'appraisal.notFound');
    return c.json(page);
  });
  return app;
}
