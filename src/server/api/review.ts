// GET /api/review?status=open[&area=…]: the 待核对 inbox of conflicts and rejected mutations.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { ReviewItem } from '../../shared/protocol.ts';
import type { Ctx, Env } from '../deps.ts';
import { parseWith } from '../http/body.ts';
import { assertInScope, scopeColumn } from '../auth/principal.ts';
import { parseJson } from '../sync/records.ts';

const ReviewQuery = v.strictObject({
  status: v.optional(v.picklist(['open', 'resolved'])),
  area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})$/))),
  caseId: v.optional(v.pipe(v.string(), v.uuid())),
});

export function reviewRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/review', async (c) => {
    const q = parseWith(ReviewQuery, c.req.query());
    const area = q.area ?? c.var.principal.scope;
    assertInScope(c.var.principal, area);
    const column = scopeColumn(area);
    let query = ctx.store.read.selectFrom('review_items').select('data');
    if (column) query = query.where(column, '=', area);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.caseId) query = query.where('case_id', '=', q.caseId);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
    return c.json({ items: rows.map((r) => parseJson<ReviewItem>(r.data)) });
  });
  return app;
}
