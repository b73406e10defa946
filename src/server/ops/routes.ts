// GET /metrics for the system administrator only: a Prometheus scraper presents METRICS_TOKEN,
// a person an admin session. Anyone else gets 403 (401 without credentials).
import { timingSafeEqual, createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { bearerToken } from '../auth/middleware.ts';
import { findSession } from '../auth/sessions.ts';
import { ApiError } from '../http/errors.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function metricsRoutes(ctx: Ctx): Hono<Env> {
  const { metrics, metricsToken } = ctx;
  const app = new Hono<Env>();
  app.get('/metrics', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new ApiError(401, 'auth.required');
    const byToken = metricsToken !== undefined && timingSafeEqual(digest(token), digest(metricsToken));
    if (!byToken) {
      const found = await findSession(ctx.store.read, token, ctx.now());
      if (!found.ok) throw new ApiError(401, 'auth.required');
      if (found.principal.role !== 'admin') throw new ApiError(403, 'metrics.forbidden');
    }
    c.header('cache-control', 'no-store');
    return c.body(await metrics.text(ctx.store), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
