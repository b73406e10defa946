// The 移交 API besides sync (the referrals themselves travel as mutations, referrals/sync-apply.ts):
//   GET /api/referrals/targets — the committees a phone may choose from: every committee of the
//     account's county registered above the village (town committees, the county centre, 派驻 and
//     行业性), kept on the phone for choosing offline; the phone narrows them by the case's town
//     (referral.ts mayReferTo) and the server checks the choice again.
//   GET /api/referrals/settings?county= — the county's working days to 接收 or 退回.
//   PUT /api/referrals/settings — county staff (or admin) set it, 1–20 working days.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { parseWith } from '../http/body.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { caseAreaOf } from '../../shared/committee-area.ts';
import type { CommitteeRef } from '../../shared/committee-area.ts';
import type { CommitteeType } from '../../shared/network.ts';
import { DEFAULT_DUE_WORKING_DAYS, MAX_DUE_WORKING_DAYS, MIN_DUE_WORKING_DAYS } from '../../shared/referral.ts';

const County = v.strictObject({ county: v.pipe(v.string(), v.regex(/^\d{6}$/)) });
const Settings = v.strictObject({
  county: v.pipe(v.string(), v.regex(/^\d{6}$/)),
  dueWorkingDays: v.pipe(v.number(), v.integer(), v.minValue(MIN_DUE_WORKING_DAYS), v.maxValue(MAX_DUE_WORKING_DAYS)),
});

export function referralRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/referrals/targets', async (c) => {
    const county = c.var.principal.scope.slice(0, 6);
    if (county.length !== 6) return c.json({ committees: [] });
    const rows = await ctx.store.read.selectFrom('committees').select(['id', 'name', 'kind', 'location'])
      .where('location', 'like', `${county}%`).where('dissolved_on', 'is', null).orderBy('location').orderBy('name').execute();
    const committees: CommitteeRef[] = rows
      .map((r) => ({ id: r.id, name: r.name, type: r.kind as CommitteeType, areaCode: caseAreaOf(r.location) }))
      .filter((r) => r.areaCode.endsWith('000'));
    return c.json({ committees });
  });

  app.get('/referrals/settings', async (c) => {
    const q = parseWith(County, c.req.query());
    // Anyone of the county reads it (a phone shows the due day); other counties' is not theirs.
    if (!c.var.principal.scope.startsWith(q.county) && c.var.principal.scope !== '') throw forbidden();
    const row = await ctx.store.read.selectFrom('referral_settings').select('due_working_days').where('county_code', '=', q.county).executeTakeFirst();
    return c.json({ county: q.county, dueWorkingDays: row ? Number(row.due_working_days) : DEFAULT_DUE_WORKING_DAYS });
  });

  app.put('/referrals/settings', requireRole('county', 'admin'), async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const checked = v.safeParse(Settings, raw);
    if (!checked.success) throw new ApiError(400, 'referral.settings.invalid');
    const body = checked.output;
    assertInScope(c.var.principal, body.county);
    const now = ctx.now().toISOString();
    const values = { county_code: body.county, due_working_days: body.dueWorkingDays, updated_at: now, updated_by: c.var.principal.userId };
    await ctx.store.write((tx) => tx.insertInto('referral_settings').values(values)
      .onConflict((oc) => oc.column('county_code').doUpdateSet({ due_working_days: values.due_working_days, updated_at: now, updated_by: values.updated_by }))
      .execute());
    return c.json({ county: body.county, dueWorkingDays: body.dueWorkingDays });
  });
  return app;
}
