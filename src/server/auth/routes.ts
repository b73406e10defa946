// POST /api/auth/login, POST /api/auth/logout, GET /api/me.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { t } from '../../shared/i18n/index.ts';
import { checkPassword } from './accounts-password.ts';
import { createSession, revokeSession } from './sessions.ts';
import { bearerToken, requireAuth } from './middleware.ts';
import type { Principal } from './principal.ts';

// Bounded so a megabyte "password" cannot keep argon2 busy.
const LoginSchema = v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
});

export interface Me {
  user: { id: string; username: string; displayName: string };
  role: Principal['role'];
  scope: string;
  areaName: string;
}

async function describe(ctx: Ctx, p: Principal): Promise<Me> {
  const area = p.scope === '' ? undefined : await ctx.store.read.selectFrom('areas').select('name').where('code', '=', p.scope).executeTakeFirst();
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName },
    role: p.role,
    scope: p.scope,
    areaName: area?.name ?? t('server.allAreas'),
  };
}

export function authRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/auth/login', async (c) => {
    const { username, password } = parseWith(LoginSchema, await readJson(c));
    const user = await checkPassword(ctx, c, username, password,
      () => ctx.store.read.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst());
    // A password staff set opens nothing until its owner replaces it (accounts-password.ts).
    if (user.must_change_password !== 0) throw new ApiError(403, 'auth.mustChangePassword');
    const session = await createSession(ctx.store.db, user.id, ctx.now());
    const principal: Principal = { userId: user.id, username: user.username, displayName: user.display_name, role: user.role, scope: user.scope_code };
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
