// GET /api/cases (a scoped, paginated list for laptops) and GET /api/cases/:id (with its events).
// Scope is enforced in SQL for lists and by a check for a single case: another area's case is 403.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { CaseRecord } from '../../shared/case.ts';
import type { CaseEvent } from '../../shared/events.ts';
import type { CaseListPage } from '../../shared/case-list-api.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { parseWith } from '../http/body.ts';
import { assertCaseInScope, assertInScope, mediatorCommittees, scopeColumn, type Principal } from '../auth/principal.ts';
import { parseJson } from '../sync/records.ts';
import { recordAudit } from '../ops/audit.ts';
import { CaseListQuery, filterCases, sortCases, type CasesQuery } from './case-list-query.ts';
import { areaNamesOf, caseListXlsx } from './case-list-xlsx.ts';

/** Most rows one export carries: a county's year is a few thousand cases. */
const EXPORT_LIMIT = 20000;

const uuid = v.pipe(v.string(), v.uuid());

/** A mediator lists their committees' cases only (or, where none is registered, their area's). */
function ofCommittees<O>(query: CasesQuery<O>, principal: Principal): CasesQuery<O> {
  const committees = mediatorCommittees(principal);
  if (committees === undefined) return query;
  return query.where((eb) => eb.or([eb('committee_id', 'in', [...committees]), eb('committee_id', 'is', null)]));
}

export function caseRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/cases', async (c) => {
    const q = parseWith(CaseListQuery, c.req.query());
    const area = q.area ?? c.var.principal.scope;
    assertInScope(c.var.principal, area);
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(200, Math.max(1, Number(q.pageSize ?? 50)));
    const query = ofCommittees(filterCases(ctx.store.read.selectFrom('cases'), area, scopeColumn(area), q, ctx.store.kind), c.var.principal);
    const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await sortCases(query.select('data'), q, ctx.store.kind).limit(pageSize).offset((page - 1) * pageSize).execute();
    // A list carries the parties of every case in it: a view of personal data like opening one.
    if (rows.length > 0) await recordAudit(ctx, c, { action: 'case.list', target: area, areaCode: area, detail: `page=${page} count=${rows.length}` });
    const cases = rows.map((r) => parseJson<CaseRecord>(r.data));
    const body: CaseListPage = { cases, total: Number(total.n), page, pageSize, areaNames: await areaNamesOf(ctx.store.read, cases) };
    return c.json(body);
  });

  app.get('/cases.xlsx', async (c) => {
    const q = parseWith(CaseListQuery, c.req.query());
    const area = q.area ?? c.var.principal.scope;
    assertInScope(c.var.principal, area);
    const query = ofCommittees(filterCases(ctx.store.read.selectFrom('cases'), area, scopeColumn(area), q, ctx.store.kind), c.var.principal);
    const rows = await sortCases(query.select('data'), q, ctx.store.kind).limit(EXPORT_LIMIT + 1).execute();
    if (rows.length > EXPORT_LIMIT) throw new ApiError(413, 'cases.exportTooMany', { limit: EXPORT_LIMIT });
    if (rows.length > 0) await recordAudit(ctx, c, { action: 'case.list', target: area, areaCode: area, detail: `export count=${rows.length}` });
    const cases = rows.map((r) => parseJson<CaseRecord>(r.data));
    const bytes = await caseListXlsx(cases, await areaNamesOf(ctx.store.read, cases));
    return c.body(bytes.buffer as ArrayBuffer, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="cases.xlsx"; filename*=UTF-8''${encodeURIComponent('案件列表.xlsx')}`,
    });
  });

  app.get('/cases/:id', async (c) => {
    const id = c.req.param('id');
    if (!v.is(uuid, id)) throw badRequest(['id: not a UUID']);
    const row = await ctx.store.read.selectFrom('cases').select(['data', 'village_code', 'committee_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new ApiError(404, 'case.notFound');
    assertCaseInScope(c.var.principal, { villageCode: row.village_code, committeeId: row.committee_id });
    const events = await ctx.store.read.selectFrom('events').select('data').where('case_id', '=', id).orderBy('at').execute();
    await recordAudit(ctx, c, { action: 'case.view', target: id, areaCode: row.village_code });
    return c.json({ case: parseJson<CaseRecord>(row.data), events: events.map((e) => parseJson<CaseEvent>(e.data)) });
  });
  return app;
}
