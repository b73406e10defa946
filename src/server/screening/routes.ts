// GET /api/screenings/coverage?area=<town>&month=YYYY-MM: the town's month of 排查 — each village
// of the town with its rounds, findings and 当场化解 that month, or none (未报), and the town
// committee's own rounds. Town staff see their town; county staff and admin any town in scope.
// The records themselves travel by sync (screening/sync-apply.ts); this is the office's overview.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { parseWith } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import type { CoverageRow, ScreeningCoverage } from '../../shared/screening.ts';
import { noScreening } from '../../shared/screening.ts';

const CoverageQuery = v.strictObject({
  area: v.pipe(v.string(), v.regex(/^\d{9}$/)),
  month: v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
});

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

export function screeningRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/screenings/*', requireRole('town', 'county', 'admin'));

  app.get('/screenings/coverage', async (c) => {
    const q = parseWith(CoverageQuery, c.req.query());
    assertInScope(c.var.principal, q.area);
    const db = ctx.store.read;
    const town = await db.selectFrom('areas').select(['code', 'name']).where('code', '=', q.area).where('level', '=', 'town').executeTakeFirst();
    if (!town) throw new ApiError(404, 'server.notFound');
    const from = `${q.month}-01`;
    const to = `${nextMonth(q.month)}-01`;
    // Villages valid during the month (a village retired before it, or created after, owes nothing).
    const villages = await db.selectFrom('areas').select(['code', 'name']).where('parent', '=', q.area).where('level', '=', 'village')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', from)]))
      .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<', to)]))
      .orderBy('code').execute();
    const rows = await db.selectFrom('screenings')
      .select((eb) => ['area_code', eb.fn.countAll<number>().as('rounds'), eb.fn.sum<number>('found').as('found'), eb.fn.sum<number>('prevented').as('prevented'), eb.fn.max('held_on').as('last')])
      .where('town_code', '=', q.area).where('held_on', '>=', from).where('held_on', '<', to)
      .groupBy('area_code').execute();
    const by = new Map(rows.map((r) => [r.area_code, r]));
    const line = (code: string, name: string): CoverageRow => {
      const r = by.get(code);
      return { code, name, rounds: Number(r?.rounds ?? 0), found: Number(r?.found ?? 0), prevented: Number(r?.prevented ?? 0), lastOn: r?.last ? String(r.last) : null };
    };
    const list = villages.map((v) => line(v.code, v.name));
    const own = by.get(q.area);
    const body: ScreeningCoverage = {
      area: q.area, areaName: town.name, month: q.month,
      own: own ? { rounds: Number(own.rounds), found: Number(own.found ?? 0), prevented: Number(own.prevented ?? 0) } : noScreening(),
      villages: list, reported: list.filter((r) => r.rounds > 0).length, missing: list.filter((r) => r.rounds === 0).length,
    };
    return c.json(body);
  });
  return app;
}
