// GET /api/divisions?parent= : the national 统计用区划代码 one level at a time (省, then 市, then
// 县, each county saying whether it is set up here); public, like the published list itself.
// POST /api/divisions/counties {county}: the administrator sets up a county (add-county.ts).
import { Hono } from 'hono';
import * as v from 'valibot';
import type { DivisionRow } from '../../shared/areas-api.ts';
import type { Ctx, Env } from '../deps.ts';
import { parseWith, readJson } from '../http/body.ts';
import { requireAuth, requireRole } from '../auth/middleware.ts';
import { addCounty } from './add-county.ts';
import { nationalChildren } from './national.ts';

const ListQuery = v.strictObject({ parent: v.optional(v.pipe(v.string(), v.regex(/^(\d{2}|\d{4})$/))) });
const CountyBody = v.strictObject({ county: v.pipe(v.string(), v.regex(/^\d{6}$/)) });

export function divisionRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/divisions', async (c) => {
    const { parent } = parseWith(ListQuery, c.req.query());
    const rows: DivisionRow[] = nationalChildren(parent);
    if (parent?.length !== 4) return c.json({ divisions: rows });
    const setUp = new Set((await ctx.store.read.selectFrom('areas').select('code').where('level', '=', 'county').where('code', 'like', `${parent}%`).execute()).map((r) => r.code));
    return c.json({ divisions: rows.map((r) => ({ ...r, setUp: setUp.has(r.code) })) });
  });
  app.post('/divisions/counties', requireAuth(ctx), requireRole('admin'), async (c) => {
    const { county } = parseWith(CountyBody, await readJson(c));
    return c.json(await addCounty(ctx.store, county));
  });
  return app;
}
