// 村(居)民评理说事点 (domain.md §6.3): a place in a village where a 说事员/评理员 hears residents'
// matters and passes disputes to the village's 调委会 — an intake point of that committee, not a
// committee of its own. Registered by the town or county (POST /api/registry/intake-points), listed
// with the village's contacts so the resident's /help form can name it, and named on a case
// (the case field `intakePoint`, shared/fields/case-fields.ts) and on the request it came with.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Kysely, Migration } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Ctx, Env } from '../deps.ts';
import type { DB } from '../store/schema.ts';
import { parseWith, readJson } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { isVillageCode } from '../../shared/areas.ts';
import { isIsoDate } from '../../shared/dates.ts';
import type { IntakePoint } from '../../shared/network.ts';
import { canSee, type Principal } from '../auth/principal.ts';

/** The point, when the caller's area holds it; a point outside it reads as absent (404). */
async function pointInScope(tx: Kysely<DB>, id: string, principal: Principal) {
  const point = await tx.selectFrom('intake_points').selectAll().where('id', '=', id).executeTakeFirst();
  if (!point || !canSee(principal, point.village_code)) throw new ApiError(404, 'network.intakePoint.notFound');
  return point;
}

/** 0181_intake_points: the points, and the point a resident's request named. */
export const intakePointsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('intake_points')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('committee_id', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('keeper', 'text')
      .addColumn('address', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema.createIndex('intake_points_village').on('intake_points').column('village_code').execute();
    await db.schema.alterTable('mediation_requests').addColumn('intake_point', 'text').execute();
  },
};

export interface IntakePointsTable {
  id: string;
  committee_id: string;
  village_code: string;
  name: string;
  keeper: string | null;
  address: string | null;
  closed_on: string | null;
  updated_at: string;
  updated_by: string | null;
}

const line = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
const IntakePointInput = v.strictObject({
  villageCode: v.pipe(v.string(), v.check(isVillageCode)),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60)),
  keeper: v.optional(line(60)),
  address: v.optional(line(120)),
});
/** A change to a point: its name, keeper or place (address, or the village it sits in). */
const IntakePointEdit = v.strictObject({
  villageCode: v.optional(v.pipe(v.string(), v.check(isVillageCode))),
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60))),
  keeper: v.optional(line(60)),
  address: v.optional(line(120)),
});
const IntakePointClose = v.strictObject({ closedOn: v.pipe(v.string(), v.check(isIsoDate)) });
const AreaQuery = v.strictObject({
  area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})$/))),
  /** '1': closed points too (the registry's history); otherwise only the open ones. */
  all: v.optional(v.picklist(['1'])),
});

/**
 * The points of the villages under `area` (a village, town or county code), by village then name:
 * the open ones only unless `withClosed` (a closed point stays on record — cases and requests named it).
 */
export async function intakePointsIn(db: Kysely<DB>, area: string, withClosed = false): Promise<IntakePoint[]> {
  let q = db.selectFrom('intake_points').select(['id', 'committee_id', 'village_code', 'name', 'keeper', 'address', 'closed_on'])
    .where('village_code', 'like', `${area}%`);
  if (!withClosed) q = q.where('closed_on', 'is', null);
  const rows = await q.orderBy('village_code').orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id, committeeId: r.committee_id, villageCode: r.village_code, name: r.name, keeper: r.keeper ?? '', address: r.address ?? '',
    ...(r.closed_on ? { closedOn: r.closed_on } : {}),
  }));
}

async function villageCommittee(tx: Kysely<DB>, villageCode: string): Promise<string> {
  // A point belongs to the village's own 调委会: it passes disputes to that committee.
  const committee = await tx.selectFrom('committees').select('id').where('area_code', '=', villageCode).executeTakeFirst();
  if (!committee) throw new ApiError(400, 'network.intakePoint.noCommittee');
  return committee.id;
}

export function intakePointRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/registry/intake-points', async (c) => {
    const q = parseWith(AreaQuery, c.req.query());
    const area = q.area ?? c.var.principal.scope;
    assertInScope(c.var.principal, area);
    return c.json({ points: await intakePointsIn(ctx.store.read, area, q.all === '1') });
  });
  app.post('/registry/intake-points', requireRole('town', 'county', 'admin'), async (c) => {
    const input = parseWith(IntakePointInput, await readJson(c));
    assertInScope(c.var.principal, input.villageCode);
    const id = uuidv7();
    await ctx.store.write(async (tx) => {
      const committeeId = await villageCommittee(tx, input.villageCode);
      await tx.insertInto('intake_points').values({
        id, committee_id: committeeId, village_code: input.villageCode, name: input.name, keeper: input.keeper || null, address: input.address || null,
        closed_on: null, updated_at: ctx.now().toISOString(), updated_by: c.var.principal.username,
      }).execute();
    });
    return c.json({ id }, 201);
  });
  // Rename it, change its keeper or its place. Cases and requests keep the name they were recorded
  // with (the name is copied onto them): the registry's history is the row itself.
  app.put('/registry/intake-points/:id', requireRole('town', 'county', 'admin'), async (c) => {
    const input = parseWith(IntakePointEdit, await readJson(c));
    await ctx.store.write(async (tx) => {
      const point = await pointInScope(tx, c.req.param('id'), c.var.principal);
      if (point.closed_on !== null) throw new ApiError(409, 'network.intakePoint.closed');
      const villageCode = input.villageCode ?? point.village_code;
      assertInScope(c.var.principal, villageCode);
      const committeeId = villageCode === point.village_code ? point.committee_id : await villageCommittee(tx, villageCode);
      await tx.updateTable('intake_points').set({
        village_code: villageCode, committee_id: committeeId, name: input.name ?? point.name,
        keeper: input.keeper === undefined ? point.keeper : input.keeper || null,
        address: input.address === undefined ? point.address : input.address || null,
        updated_at: ctx.now().toISOString(), updated_by: c.var.principal.username,
      }).where('id', '=', point.id).execute();
    });
    return c.json({ ok: true });
  });
  // Close it: no longer offered to residents (/help) nor listed as open; kept on record.
  app.post('/registry/intake-points/:id/close', requireRole('town', 'county', 'admin'), async (c) => {
    const input = parseWith(IntakePointClose, await readJson(c));
    await ctx.store.write(async (tx) => {
      const point = await pointInScope(tx, c.req.param('id'), c.var.principal);
      if (point.closed_on !== null) throw new ApiError(409, 'network.intakePoint.closed');
      await tx.updateTable('intake_points').set({ closed_on: input.closedOn, updated_at: ctx.now().toISOString(), updated_by: c.var.principal.username })
        .where('id', '=', point.id).execute();
    });
    return c.json({ ok: true });
  });
  return app;
}
