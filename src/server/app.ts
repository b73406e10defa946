// The HTTP application: JSON API under /api, the built PWA everywhere else. Exported as a
// factory so tests drive it in-process with app.request() against a fresh database.
// The server speaks every section of the catalogue.
import '../shared/i18n/later.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, Env } from './deps.ts';
import { makeCtx } from './deps.ts';
import { ApiError, errorBody, onError } from './http/errors.ts';
import { dirtyUrlPart } from './http/text-check.ts';
import { serveApp } from './http/static.ts';
import { compressJson } from './http/compress.ts';
import { securityHeaders } from './http/security-headers.ts';
import { requestLog } from './ops/request-log.ts';
import { metricsRoutes } from './ops/routes.ts';
import { auditRoutes } from './ops/audit-routes.ts';
import { requireAuth } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import { syncRoutes } from './sync/routes.ts';
import { caseRoutes } from './api/cases.ts';
import { reviewRoutes } from './api/review.ts';
import { areaRoutes } from './api/areas.ts';
import { divisionRoutes } from './divisions/routes.ts';
import { deviceRoutes } from './api/devices.ts';
import { blobRoutes } from './blobs/routes.ts';
import { statsRoutes } from './stats/routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { publicRoutes } from './registry/public-route.ts';
import { importRoutes } from './import/routes.ts';
import { publicRequestRoutes, requestRoutes } from './requests/routes.ts';
import { accountRoutes } from './auth/accounts-routes.ts';
import { federationRoutes } from './federation/routes.ts';
import { appraisalRoutes, subsidyRoutes } from './subsidy/routes.ts';
import { screeningRoutes } from './screening/routes.ts';
import { referralRoutes } from './referrals/routes.ts';
import { intakePointRoutes } from './registry/intake-points.ts';
import { formNumberRoutes } from './stats/form-number.ts';

/** A full push batch of long cases fits well under this; anything larger is refused unread. */
const MAX_BODY = 4 * 1024 * 1024;

export function createApp(deps: AppDeps): Hono<Env> {
  const ctx = makeCtx(deps);
  const app = new Hono<Env>();
  app.onError(onError);
  app.use('*', securityHeaders());
  app.use('*', requestLog(ctx.metrics, ctx.log));

  const api = new Hono<Env>();
  api.use('*', bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json(errorBody('server.tooLarge'), 413) }));
  api.use('*', async (c, next) => {
    const dirty = dirtyUrlPart(c.req.url);
    if (dirty !== undefined) throw new ApiError(400, 'server.badText', undefined, [`${dirty}: refused character`]);
    await next();
    // API answers are per user and change constantly: never cache them anywhere.
    c.header('cache-control', 'no-store');
  });
  api.use('*', compressJson());
  api.get('/health', (c) => c.json({ version: ctx.version, database: ctx.store.kind }));
  api.route('/', areaRoutes(ctx));
  api.route('/', divisionRoutes(ctx));
  api.route('/', authRoutes(ctx));
  api.route('/', publicRoutes(ctx));
  api.route('/', publicRequestRoutes(ctx));
  api.route('/', accountRoutes(ctx)); // before the session checks below: it guards its own paths (accounts-wipe.ts)
  // Everything below needs a session. Listed by prefix (not '*') so an unknown /api path is a
  // plain 404; a route added outside these prefixes must call requireAuth itself.
  const auth = requireAuth(ctx);
  for (const path of ['/sync/*', '/cases', '/cases.xlsx', '/cases/*', '/review', '/devices', '/devices/*']) api.use(path, auth);
  api.route('/', syncRoutes(ctx));
  api.route('/', caseRoutes(ctx));
  api.route('/', reviewRoutes(ctx));
  api.route('/', deviceRoutes(ctx));
  api.route('/', blobRoutes(ctx));
  for (const path of ['/stats', '/stats/*', '/registry', '/registry/*', '/import/*', '/federation/*']) api.use(path, auth);
  api.route('/', statsRoutes(ctx));
  api.route('/', formNumberRoutes(ctx));
  api.route('/', registryRoutes(ctx));
  api.route('/', intakePointRoutes(ctx));
  api.route('/', importRoutes(ctx));
  api.route('/', federationRoutes(ctx));
  for (const path of ['/subsidy/*', '/appraisal', '/appraisal.xlsx', '/appraisal.csv', '/appraisal/*']) api.use(path, auth);
  api.route('/', subsidyRoutes(ctx));
  api.route('/', appraisalRoutes(ctx));
  for (const path of ['/requests', '/requests/*']) api.use(path, auth);
  api.route('/', requestRoutes(ctx));
  for (const path of ['/audit', '/audit/*']) api.use(path, auth);
  api.route('/', auditRoutes(ctx));
  api.use('/screenings/*', auth);
  api.route('/', screeningRoutes(ctx));
  api.use('/referrals/*', auth);
  api.route('/', referralRoutes(ctx));
  api.all('*', (c) => c.json(errorBody('server.notFound'), 404));

  app.route('/api', api);
  app.route('/', metricsRoutes(ctx));
  app.all('*', serveApp(ctx.distDir));
  return app;
}
