// POST /api/devices/:clientId/revoke — a lost phone. Town, county and admin staff may revoke a
// device whose owner's area lies inside their own; its sessions end, its next pull answers
// {wipe: true} (auth/accounts-wipe.ts) and its pushes are refused.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';

const uuid = v.pipe(v.string(), v.uuid());

export function deviceRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/devices/:clientId/revoke', requireRole('town', 'county', 'admin'), async (c) => {
    const clientId = c.req.param('clientId');
    if (!v.is(uuid, clientId)) throw badRequest(['clientId: not a UUID']);
    const principal = c.var.principal;
    const now = ctx.now().toISOString();
    await ctx.store.write(async (tx) => {
      const device = await tx.selectFrom('sync_clients').innerJoin('users', 'users.id', 'sync_clients.user_id')
        .select(['users.scope_code']).where('sync_clients.client_id', '=', clientId).executeTakeFirst();
      if (!device) throw new ApiError(404, 'device.notFound');
      // An admin account's device (scope '') is inside no one's area but an admin's.
      assertInScope(principal, device.scope_code === '' ? '-' : device.scope_code);
      await tx.updateTable('sync_clients').set({ revoked: 1 }).where('client_id', '=', clientId).execute();
      await tx.updateTable('devices').set({ revoked_at: now, revoked_by: principal.userId }).where('client_id', '=', clientId).execute();
      // Its sessions end at once: a token copied off the lost phone opens nothing any more.
      await tx.updateTable('sessions').set({ revoked_at: now }).where('client_id', '=', clientId).where('revoked_at', 'is', null).execute();
    });
    return c.json({ ok: true });
  });
  return app;
}
