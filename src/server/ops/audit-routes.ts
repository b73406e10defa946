// GET /api/audit: the audit log, newest first, filtered and paginated — county staff see the rows
// of their county's data, the administrator all. POST /api/audit/print: the app reports a document
// it is printing (a print happens in the browser; this is how the server hears of it).
import { Hono } from 'hono';
import * as v from 'valibot';
import { AUDIT_PAGE_SIZE, auditActions, type AuditEntry, type AuditPage } from '../../shared/audit-api.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertCaseInScope, assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { recordAudit } from './audit.ts';

const date = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const AuditQuery = v.strictObject({
  from: v.optional(date),
  to: v.optional(date),
  username: v.optional(v.pipe(v.string(), v.maxLength(64))),
  action: v.optional(v.picklist(auditActions)),
  area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})$/))),
  page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/))),
});

const PrintBody = v.strictObject({
  caseId: v.pipe(v.string(), v.uuid()),
  document: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/)),
});

/** A Beijing calendar day's first instant, as the UTC ISO text rows are stored in. */
const beijingStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function auditRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/audit', requireRole('county', 'admin'), async (c) => {
    const q = parseWith(AuditQuery, c.req.query());
    const principal = c.var.principal;
    const area = q.area ?? principal.scope;
    if (q.area !== undefined) assertInScope(principal, q.area);
    const page = Math.max(1, Number(q.page ?? 1));
    let query = ctx.store.read.selectFrom('audit_log');
    if (area !== '') query = query.where('area_code', 'like', `${area}%`);
    if (q.from) query = query.where('at', '>=', beijingStart(q.from));
    if (q.to) query = query.where('at', '<', beijingStart(nextDay(q.to)));
    if (q.username) query = query.where('username', '=', q.username.trim());
    if (q.action) query = query.where('action', '=', q.action);
    const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('at', 'desc').orderBy('id', 'desc')
      .limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE).execute();
    const items: AuditEntry[] = rows.map((r) => ({
      id: r.id, at: r.at, userId: r.user_id, username: r.username, role: r.role, action: r.action as AuditEntry['action'],
      target: r.target, detail: r.detail, areaCode: r.area_code, ip: r.ip,
    }));
    const body: AuditPage = { items, total: Number(total.n), page, pageSize: AUDIT_PAGE_SIZE };
    return c.json(body);
  });

  app.post('/audit/print', async (c) => {
    const body = parseWith(PrintBody, await readJson(c));
    const row = await ctx.store.read.selectFrom('cases').select(['village_code', 'committee_id']).where('id', '=', body.caseId).executeTakeFirst();
    if (!row) throw new ApiError(404, 'case.notFound');
    assertCaseInScope(c.var.principal, { villageCode: row.village_code, committeeId: row.committee_id });
    await recordAudit(ctx, c, { action: 'document.print', target: body.caseId, areaCode: row.village_code, detail: body.document });
    return c.json({ ok: true });
  });
  return app;
}
