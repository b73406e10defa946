// The phones of an office's area. GET /api/devices lists them with what each last reported
// (DeviceReport), its owner and its refused changes; ?mine=1 gives anyone their own phones (本机状态).
// POST /api/devices/:clientId/revoke stops a lost phone: town, county and admin staff may revoke
// a device whose owner's area lies inside their own, with a reason kept in account_log (the
// owner's history; a repeat changes nothing); its sessions end at once,
// its next pull answers {wipe: true} (auth/accounts-wipe.ts) and its pushes are refused.
import { Hono } from 'hono';
import { sql } from 'kysely';
import * as v from 'valibot';
import type { DeviceList, DeviceRow } from '../../shared/devices-api.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { logAccount } from '../auth/users.ts';

const uuid = v.pipe(v.string(), v.uuid());
const ListQuery = v.strictObject({
  area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})$/))),
  mine: v.optional(v.picklist(['1'])),
});
const RevokeBody = v.strictObject({ reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))) });

export function deviceRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/devices', async (c) => {
    const q = parseWith(ListQuery, c.req.query());
    const principal = c.var.principal;
    const mine = q.mine === '1';
    if (!mine && principal.role === 'mediator') throw new ApiError(403, 'auth.forbidden');
    const area = q.area ?? principal.scope;
    if (!mine) assertInScope(principal, area === '' ? '-' : area);
    const db = ctx.store.read;
    const rows = await db.selectFrom('devices')
      .innerJoin('sync_clients', 'sync_clients.client_id', 'devices.client_id')
      .innerJoin('users', 'users.id', 'devices.user_id')
      .leftJoin('areas', 'areas.code', 'users.scope_code')
      .leftJoin('users as revoker', 'revoker.id', 'devices.revoked_by')
      .select([
        'devices.client_id', 'devices.user_agent', 'devices.registered_at', 'devices.revoked_at', 'devices.revoke_reason',
        'devices.app_version', 'devices.pending_changes', 'devices.storage_bytes', 'devices.clock_skew_ms', 'devices.reported_at',
        'sync_clients.last_seen_at', 'users.id as user_id', 'users.display_name', 'users.username', 'users.role', 'users.scope_code',
        'areas.name as area_name', 'revoker.display_name as revoker_name',
      ])
      .select((eb) => eb.selectFrom('mutation_log').whereRef('mutation_log.client_id', '=', 'devices.client_id').where('mutation_log.result', '=', 'rejected')
        .where((w) => w.exists(w.selectFrom('review_items').select('review_items.id').whereRef('review_items.case_id', '=', 'mutation_log.case_id')
          .where('review_items.kind', '=', 'rejected').where('review_items.status', '=', 'open')))
        .select((s) => s.fn.countAll<number>().as('n')).as('refused'))
      .$if(mine, (qb) => qb.where('devices.user_id', '=', principal.userId))
      .$if(!mine && area !== '', (qb) => qb.where('users.scope_code', 'like', `${area}%`))
      .orderBy('users.scope_code').orderBy('users.display_name').orderBy(sql`sync_clients.last_seen_at`, 'desc')
      .execute();
    const devices: DeviceRow[] = rows.map((r) => ({
      clientId: r.client_id,
      owner: { id: r.user_id, displayName: r.display_name, username: r.username, role: r.role, areaCode: r.scope_code, areaName: r.area_name ?? r.scope_code },
      userAgent: r.user_agent,
      registeredAt: r.registered_at,
      lastSyncAt: r.reported_at && r.reported_at > r.last_seen_at ? r.reported_at : r.last_seen_at,
      appVersion: r.app_version,
      pending: r.pending_changes === null ? null : Number(r.pending_changes),
      storageBytes: r.storage_bytes === null ? null : Number(r.storage_bytes),
      clockSkewMs: r.clock_skew_ms === null ? null : Number(r.clock_skew_ms),
      refused: Number(r.refused ?? 0),
      revoked: r.revoked_at ? { at: r.revoked_at, byName: r.revoker_name ?? '', reason: r.revoke_reason } : null,
    }));
    const body: DeviceList = { devices, now: ctx.now().toISOString() };
    return c.json(body);
  });

  app.post('/devices/:clientId/revoke', requireRole('town', 'county', 'admin'), async (c) => {
    const clientId = c.req.param('clientId');
    if (!v.is(uuid, clientId)) throw badRequest(['clientId: not a UUID']);
    // The 设备 screen always sends a reason; callers from before it (and scripts) send no body.
    const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
    const { reason } = parseWith(RevokeBody, hasBody ? await readJson(c) : {});
    const principal = c.var.principal;
    const now = ctx.now().toISOString();
    await ctx.store.write(async (tx) => {
      const device = await tx.selectFrom('sync_clients').innerJoin('users', 'users.id', 'sync_clients.user_id')
        .select(['users.scope_code', 'users.id as user_id', 'sync_clients.revoked']).where('sync_clients.client_id', '=', clientId).executeTakeFirst();
      if (!device) throw new ApiError(404, 'device.notFound');
      // An admin account's device (scope '') is inside no one's area but an admin's.
      assertInScope(principal, device.scope_code === '' ? '-' : device.scope_code);
      // Revoking twice changes nothing and keeps the first reason.
      if (device.revoked !== 0) return;
      await tx.updateTable('sync_clients').set({ revoked: 1 }).where('client_id', '=', clientId).execute();
      await tx.updateTable('devices').set({ revoked_at: now, revoked_by: principal.userId, revoke_reason: reason ?? null }).where('client_id', '=', clientId).execute();
      await logAccount(tx, { at: now, actorId: principal.userId, userId: device.user_id, action: 'device.revoke', detail: { clientId, reason: reason ?? null } });
      // Its sessions end at once: a token copied off the lost phone opens nothing any more.
      await tx.updateTable('sessions').set({ revoked_at: now }).where('client_id', '=', clientId).where('revoked_at', 'is', null).execute();
    });
    return c.json({ ok: true });
  });
  return app;
}
