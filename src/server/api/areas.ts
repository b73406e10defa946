// GET /api/areas?parent=… : the area tree, one level at a time (no parent = the counties set up
// here, each with its 省 and 市 from the national list). GET /api/areas/tree?county= : a whole
// county at once, former codes included, for a phone to keep its place names offline. Public:
// residents without an account use them to find their local 调委会, and names are public.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AreaRow, CountyChoice } from '../../shared/areas-api.ts';
import type { AreaLevel } from '../../shared/areas.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith } from '../http/body.ts';
import { nationalArea } from '../divisions/national.ts';

const AreaQuery = v.strictObject({ parent: v.optional(v.pipe(v.string(), v.regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/))) });
const TreeQuery = v.strictObject({ county: v.pipe(v.string(), v.regex(/^\d{6}$/)) });

/** 省 and 市 of a county by its code's prefixes (the national list names them). */
export function countyChoice(code: string, name: string): CountyChoice {
  const named = (c: string) => ({ code: c, name: nationalArea(c)?.name ?? c });
  return { code, name, province: named(code.slice(0, 2)), city: named(code.slice(0, 4)) };
}

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
    if (parent !== undefined) return c.json({ areas: rows });
    return c.json({ areas: rows.map((r) => ({ ...r, ...countyChoice(r.code, r.name) })) });
  });

  app.get('/areas/tree', async (c) => {
    const { county } = parseWith(TreeQuery, c.req.query());
    const rows = await ctx.store.read.selectFrom('areas').leftJoin('committees', 'committees.area_code', 'areas.code')
      .select(['areas.code', 'areas.name', 'areas.level', 'areas.parent', 'areas.valid_to', 'committees.name as committee'])
      .where((eb) => eb.or([eb('areas.code', '=', county), eb('areas.code', 'like', `${county}%`)]))
      .orderBy('areas.code').execute();
    if (!rows.some((r) => r.code === county)) throw new ApiError(404, 'county.notSetUp', { county: countyLabel(county) });
    const areas: AreaRow[] = rows.map((r) => ({ code: r.code, name: r.name, level: r.level as AreaLevel, parent: r.parent, committee: r.committee, validTo: r.valid_to }));
    return c.json({ county: countyChoice(county, rows.find((r) => r.code === county)?.name ?? county), areas });
  });
  return app;
}

function countyLabel(code: string): string {
  return nationalArea(code)?.name ?? code;
}
