// POST /api/sync/push and /api/sync/pull.
import { Hono } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { readJson } from '../http/body.ts';
import { push } from './push.ts';
import { pull } from './pull.ts';

export function syncRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/sync/push', async (c) => {
    const response = await push(ctx, c.var.principal, await readJson(c), c.req.header('user-agent') ?? '');
    return c.json(response);
  });
  app.post('/sync/pull', async (c) => {
    const result = await pull(ctx, c.var.principal, await readJson(c), c.req.header('user-agent') ?? '');
    return c.body(result.json, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  return app;
}
