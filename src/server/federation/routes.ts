// /api/federation: a county server hands out its public key and its signed-off months as signed
// files; a province server (an administrator) registers counties' keys, imports their files —
// uploaded by hand or POSTed by a script over HTTPS — and lists what it holds.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { exportMonth } from './export.ts';
import { serverIdentity } from './identity.ts';
import { federatedMonths, importMonth, importMonths, registerKey } from './import.ts';

const ExportQuery = v.strictObject({
  county: v.pipe(v.string(), v.regex(/^\d{6}$/)),
  month: v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
});
const KeyBody = v.strictObject({
  countyCode: v.pipe(v.string(), v.regex(/^\d{6}$/)),
  countyName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  publicKey: v.pipe(v.string(), v.maxLength(2000)),
});
const MonthsQuery = v.strictObject({ area: v.optional(v.pipe(v.string(), v.regex(/^(\d{2}|\d{4}|\d{6})?$/))) });

export function federationRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/federation/identity', requireRole('county', 'admin'));
  app.use('/federation/export', requireRole('county', 'admin'));
  app.use('/federation/keys', requireRole('admin'));
  app.use('/federation/import', requireRole('admin'));
  app.use('/federation/months', requireRole('admin'));

  app.get('/federation/identity', async (c) => {
    const identity = await serverIdentity(ctx.store, ctx.now());
    return c.json({ publicKey: identity.publicKey, fingerprint: identity.fingerprint });
  });

  app.get('/federation/export', async (c) => {
    const q = parseWith(ExportQuery, c.req.query());
    assertInScope(c.var.principal, q.county);
    const file = await exportMonth(ctx, q.county, q.month);
    const name = `shuohe-${q.county}-${q.month}.json`;
    return c.json(file, 200, { 'content-disposition': `attachment; filename="${name}"` });
  });

  app.post('/federation/keys', async (c) => {
    const body = parseWith(KeyBody, await readJson(c));
    return c.json(await registerKey(ctx, body, c.var.principal.username), 201);
  });

  app.get('/federation/keys', async (c) => {
    const rows = await ctx.store.read.selectFrom('federation_keys').select(['county_code', 'county_name', 'fingerprint', 'registered_at', 'registered_by'])
      .orderBy('county_code').execute();
    return c.json({ keys: rows.map((r) => ({ countyCode: r.county_code, countyName: r.county_name, fingerprint: r.fingerprint, registeredAt: r.registered_at, registeredBy: r.registered_by })) });
  });

  // One file, or an array of files taken in one transaction (all or none).
  app.post('/federation/import', async (c) => {
    const body = await readJson(c);
    const by = c.var.principal.username;
    return c.json(Array.isArray(body) ? { imported: await importMonths(ctx, body, by) } : await importMonth(ctx, body, by));
  });

  app.get('/federation/months', async (c) => {
    const q = parseWith(MonthsQuery, c.req.query());
    return c.json({ months: await federatedMonths(ctx, q.area ?? '') });
  });
  return app;
}
