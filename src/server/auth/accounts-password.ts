// POST /api/auth/password {username, password, newPassword}: the owner replaces their password.
// It takes the username and current password rather than a session, because a one-time password
// (set by staff when creating or resetting the account) opens no session at all: login answers
// 403 auth.mustChangePassword until it has been replaced here. Wrong passwords count against the
// same per account+address throttle as login, so this is no side door for guessing.
import { Hono } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { readJson } from '../http/body.ts';
import { ChangePasswordSchema } from '../../shared/accounts-api.ts';
import { LoginLimiter } from './rate-limit.ts';
import { burnVerify, hashPassword, verifyPassword } from './passwords.ts';
import { bearerToken } from './middleware.ts';
import { hashToken } from './sessions.ts';
import { logAccount, revokeSessions } from './users.ts';
import { assertStrongPassword } from './password-policy.ts';
import { parseAccountBody } from './accounts-parse.ts';

const limiters = new WeakMap<Ctx, LoginLimiter>();

/** The one login throttle of an app: login and password changes share it. */
export function loginLimiter(ctx: Ctx): LoginLimiter {
  let limiter = limiters.get(ctx);
  if (!limiter) {
    limiter = new LoginLimiter(ctx.now);
    limiters.set(ctx, limiter);
  }
  return limiter;
}

export function changePasswordRoute(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  const limiter = loginLimiter(ctx);
  app.post('/auth/password', async (c) => {
    const { username, password, newPassword } = parseAccountBody(ChangePasswordSchema, await readJson(c));
    const key = `${username.toLowerCase()}|${ctx.clientIp(c)}`;
    const minutes = limiter.blockedMinutes(key);
    if (minutes > 0) throw new ApiError(429, 'auth.rateLimited', { minutes });
    const user = await ctx.store.read.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
    const ok = user && user.disabled === 0 ? await verifyPassword(user.password_hash, password) : (await burnVerify(password), false);
    if (!user || !ok) {
      limiter.fail(key);
      throw new ApiError(401, 'auth.invalid');
    }
    limiter.succeed(key);
    if (newPassword === password) throw new ApiError(400, 'account.password.same');
    assertStrongPassword(newPassword, username);
    const passwordHash = await hashPassword(newPassword);
    const at = ctx.now().toISOString();
    // The session making the change (if it is this user's) stays; any other device signs in again.
    const token = bearerToken(c.req.header('authorization'));
    await ctx.store.write(async (tx) => {
      await tx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('id', '=', user.id).execute();
      await revokeSessions(tx, user.id, at, token ? hashToken(token) : undefined);
      await logAccount(tx, { at, actorId: user.id, userId: user.id, action: 'password' });
    });
    return c.json({ ok: true });
  });
  return app;
}
