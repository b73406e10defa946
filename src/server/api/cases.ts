// GET /api/cases (a scoped, paginated list for laptops) and GET /api/cases/:id (with its events).
// Scope is enforced in SQL for lists and by a check for a single case: another area's case is 403.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { CaseRecord } from '../../shared/case.ts';
import type { CaseEvent } from '../../shared/events.ts';
import { caseStatuses } from '../../shared/lifecycle.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { parseWith } from '../http/body.ts';
import { assertInScope, scopeColumn } from '../auth/principal.ts';
import { parseJson } from '../sync/records.ts';
import { StatFilterFields, applyStatFilter } from '../stats/case-filter.ts';
import { recordAudit } from '../ops/audit.ts';

const ListQuery = v.strictObject({
  area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})$/))),
  status: v.optional(v.picklist(caseStatuses)),
  year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/))),
  review: v.optional(v.picklist(['1'])),
  page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/))),
  pageSize: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/))),
  ...StatFilterFields,
});

const uuid = v.pipe(v.string(), v.uuid());

export function caseRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/cases', async (c) => {
    const q = parseWith(ListQuery, c.req.query());
    const area = q.area ?? c.var.principal.scope;
    assertInScope(c.var.principal, area);
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(200, Math.max(1, Number(q.pageSize ?? 50)));
    const column = scopeColumn(area);
    let query = ctx.store.read.selectFrom('cases');
    if (column) query = query.where(column, '=', area);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.year) query = query.where('accepted_on', '>=', `${q.year}-01-01`).where('accepted_on', '<', `${Number(q.year) + 1}-01-01`);
    if (q.review) query = query.where('needs_review', '=', 1);
    query = applyStatFilter(query, q, ctx.store.kind);
    const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await query.select('data').orderBy('accepted_on', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
    // A list carries the parties of every case in it: a view of personal data like opening one.
    if (rows.length > 0) await recordAudit(ctx, c, { action: 'case.list', target: area, areaCode: area, detail: `page=${page} count=${rows.length}` });
    return c.json({ cases: rows.map((r) => parseJson<CaseRecord>(r.data)), total: Number(total.n), page, pageSize });
  });

  app.get('/cases/:id', async (c) => {
    const id = c.req.param('id');
    if (!v.is(uuid, id)) throw badRequest(['id: not a UUID']);
    const row = await ctx.store.read.selectFrom('cases').select(['data', 'village_code']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new ApiError(404, 'case.notFound');
    assertInScope(c.var.principal, row.village_code);
    const events = await ctx.store.read.selectFrom('events').select('data').where('case_id', '=', id).orderBy('at').execute();
    await recordAudit(ctx, c, { action: 'case.view', target: id, areaCode: row.village_code });
    return c.json({ case: parseJson<CaseRecord>(row.data), events: events.map((e) => parseJson<CaseEvent>(e.data)) });
  });
  return app;
}
