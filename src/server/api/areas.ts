// GET /api/areas?parent=… : the area tree, one level at a time (no parent = the top level).
// Public: residents without an account use it to find their local 调委会.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith } from '../http/body.ts';

const AreaQuery = v.strictObject({ parent: v.optional(v.pipe(v.string(), v.regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/))) });

export function areaRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/areas', async (c) => {
    const { parent } = parseWith(AreaQuery, c.req.query());
    const db = ctx.store.read;
    if (parent !== undefined && !(await db.selectFrom('areas').select('code').where('code', '=', parent).executeTakeFirst())) {
      throw new ApiError(404, 'area.notFound');
    }
    const rows = await db.selectFrom('areas').leftJoin('committees', 'committees.area_code', 'areas.code')
      .select(['areas.code', 'areas.name', 'areas.level', 'areas.parent', 'committees.name as committee'])
      .$if(parent === undefined, (q) => q.where('areas.parent', 'is', null))
      .$if(parent !== undefined, (q) => q.where('areas.parent', '=', parent ?? ''))
      .orderBy('areas.code').execute();
    return c.json({ areas: rows });
  });
  return app;
}
