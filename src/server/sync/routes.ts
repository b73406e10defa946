// POST /api/sync/push and /api/sync/pull.
import { Hono } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { readJson } from '../http/body.ts';
import { pushJson } from './push.ts';
import { pull } from './pull.ts';
import { recordDeviceReport } from './device-report.ts';

export function syncRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/sync/push', async (c) => {
    const body = await readJson(c);
    const json = await pushJson(ctx, c.var.principal, body, c.req.header('user-agent') ?? '');
    await recordDeviceReport(ctx, c.var.principal, body);
    return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  app.post('/sync/pull', async (c) => {
    const body = await readJson(c);
    const result = await pull(ctx, c.var.principal, body, c.req.header('user-agent') ?? '');
    await recordDeviceReport(ctx, c.var.principal, body);
    return c.body(result.json, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  return app;
}
