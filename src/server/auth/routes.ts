// POST /api/auth/login, POST /api/auth/logout, GET /api/me.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { t } from '../../shared/i18n/index.ts';
import { checkPassword } from './accounts-password.ts';
import { createSession, revokeSession } from './sessions.ts';
import { ensureClient } from '../sync/clients.ts';
import { bearerToken, requireAuth } from './middleware.ts';
import type { Principal } from './principal.ts';
import { committeeIdsOf, committeeRefs } from '../committees/membership.ts';
import { areaOfCaseCode, type CommitteeRef } from '../../shared/committee-area.ts';

// Bounded so a megabyte "password" cannot keep argon2 busy.
const LoginSchema = v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  /** The device signing in: the session works with it only (a copied token on another device is refused). */
  clientId: v.pipe(v.string(), v.uuid()),
});

export interface Me {
  user: { id: string; username: string; displayName: string };
  role: Principal['role'];
  scope: string;
  areaName: string;
  /** A mediator's committees (issue #14): the 受理 form asks which one when there are several. */
  committees?: CommitteeRef[];
}

async function describe(ctx: Ctx, p: Principal): Promise<Me> {
  // A mediator of a town's or the county's committee has that area, in 12 digits, as scope.
  const code = areaOfCaseCode(p.scope);
  const area = p.scope === '' ? undefined : await ctx.store.read.selectFrom('areas').select('name').where('code', '=', code).executeTakeFirst();
  const ids = p.committeeIds ?? await committeeIdsOf(ctx.store.read, p.userId, p.role, p.scope);
  const committees = p.role === 'mediator' ? await committeeRefs(ctx.store.read, ids) : [];
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName },
    role: p.role,
    scope: p.scope,
    areaName: area?.name ?? t('server.allAreas'),
    ...(committees.length > 0 ? { committees } : {}),
  };
}

export function authRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/auth/login', async (c) => {
    const { username, password, clientId } = parseWith(LoginSchema, await readJson(c));
    const user = await checkPassword(ctx, c, username, password,
      () => ctx.store.read.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst());
    // A password staff set opens nothing until its owner replaces it (accounts-password.ts).
    if (user.must_change_password !== 0) throw new ApiError(403, 'auth.mustChangePassword');
    const principal: Principal = { userId: user.id, username: user.username, displayName: user.display_name, role: user.role, scope: user.scope_code };
    // The device is registered to the account now, not at its first sync: another account's
    // phone (device.foreign) or a revoked one (device.revoked) gets no session at all; the app
    // then starts that phone afresh with a new clientId when nothing of the other account's is
    // left unsynced on it.
    const now = ctx.now();
    const session = await ctx.store.write(async (tx) => {
      const device = await ensureClient(tx, clientId, principal, c.req.header('user-agent') ?? '', now.toISOString(), ctx.store.kind === 'postgres');
      if (device.revoked) throw new ApiError(403, 'device.revoked');
      return createSession(tx, user.id, clientId, now);
    });
    return c.json({ token: session.token, expiresAt: session.expiresAt, me: await describe(ctx, principal) });
  });

  app.post('/auth/logout', requireAuth(ctx), async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token) await revokeSession(ctx.store.db, token, ctx.now());
    return c.json({ ok: true });
  });

  app.get('/me', requireAuth(ctx), async (c) => c.json(await describe(ctx, c.var.principal)));
  return app;
}
