// POST /api/sync/push and /api/sync/pull, for the device the session was opened on only; GET /api/sync/locks. Both answers name the server's epoch (ops/epoch.ts).
import { Hono } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { readJson } from '../http/body.ts';
import { assertOwnDevice, scopeCodes } from '../auth/principal.ts';
import { signedMonthsFor } from '../stats/month-locks.ts';
import type { SignedMonths } from '../../shared/month-locks.ts';
import { currentEpoch, withEpoch } from '../ops/epoch.ts';
import { pushJson } from './push.ts';
import { pull } from './pull.ts';
import { noteDeviceReport } from './device-report.ts';

export function syncRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  // The body goes on as text: on SQLite it is parsed and checked on the writer's thread (push.ts),
  // where the device report it carries is written too.
  app.post('/sync/push', async (c) => {
    const { json } = await pushJson(ctx, c.var.principal, await c.req.text(), c.req.header('user-agent') ?? '');
    return c.body(withEpoch(json, await currentEpoch(ctx.store.read)), 200, headers);
  });
  app.post('/sync/pull', async (c) => {
    const body = await readJson(c);
    assertOwnDevice(c.var.principal, body);
    const result = await pull(ctx, c.var.principal, body, c.req.header('user-agent') ?? '');
    noteDeviceReport(ctx, c.var.principal, body);
    return c.body(withEpoch(result.json, await currentEpoch(ctx.store.read)), 200, headers);
  });
  // The signed months the device refuses locked edits by, offline too (shared/month-locks.ts).
  app.get('/sync/locks', async (c) => {
    const body: SignedMonths = { months: await signedMonthsFor(ctx.store.read, scopeCodes(c.var.principal)), at: ctx.now().toISOString() };
    return c.json(body);
  });
  return app;
}
