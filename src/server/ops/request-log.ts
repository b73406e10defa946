// One JSON line per request (time, method, path, status, ms, user id) and the request metrics.
// The path is logged without its query string, which can carry search words; no body, header or
// personal field is ever written, so the log can be kept and shipped like any operations log.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../deps.ts';
import type { Metrics } from './metrics.ts';

export function requestLog(metrics: Metrics, log: ((line: string) => void) | undefined): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now();
    metrics.inFlight++;
    try {
      await next();
    } finally {
      metrics.inFlight--;
      const ms = performance.now() - started;
      const status = c.res.status;
      // The matched pattern (/api/cases/:id), so ids do not split the counts; the app shell is one route.
      const route = c.req.path.startsWith('/api/') || c.req.path === '/metrics' ? c.req.routePath : '(app)';
      metrics.request(c.req.method, route, status, ms / 1000);
      log?.(JSON.stringify({
        time: new Date().toISOString(), method: c.req.method, path: c.req.path, status, ms: Math.round(ms * 10) / 10,
        user: c.var.principal?.userId ?? null,
      }));
    }
  };
}
