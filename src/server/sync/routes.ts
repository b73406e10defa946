// POST /api/sync/push and /api/sync/pull.
import { Hono } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { readJson } from '../http/body.ts';
import { pushJson } from './push.ts';
import { pull } from './pull.ts';

export function syncRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/sync/push', async (c) => {
    const json = await pushJson(ctx, c.var.principal, await readJson(c), c.req.header('user-agent') ?? '');
    return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  app.post('/sync/pull', async (c) => {
    const result = await pull(ctx, c.var.principal, await readJson(c), c.req.header('user-agent') ?? '');
    return c.body(result.json, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  return app;
}
