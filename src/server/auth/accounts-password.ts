// POST /api/auth/password {username, password, newPassword}: the owner replaces their password.
// It takes the username and current password rather than a session, because a one-time password
// (set by staff when creating or resetting the account) opens no session at all: login answers
// 403 auth.mustChangePassword until it has been replaced here. Wrong passwords count against the
// same per account+address throttle as login, so this is no side door for guessing.
import { Hono, type Context } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { readJson } from '../http/body.ts';
import { ChangePasswordSchema } from '../../shared/accounts-api.ts';
import { LoginGate } from './login-gate.ts';
import { clientNet } from '../http/client-net.ts';
import { burnVerify, hashPassword, verifyPassword } from './passwords.ts';
import { bearerToken } from './middleware.ts';
import { hashToken } from './sessions.ts';
import { logAccount, revokeSessions } from './users.ts';
import { assertStrongPassword } from './password-policy.ts';
import { parseAccountBody } from './accounts-parse.ts';

const gates = new WeakMap<Ctx, LoginGate>();

/** The one login throttle of an app: login and password changes share it. */
export function loginGate(ctx: Ctx): LoginGate {
  let gate = gates.get(ctx);
  if (!gate) {
    gate = new LoginGate(() => ctx.now().getTime());
    gates.set(ctx, gate);
  }
  return gate;
}

/**
 * Checks `password` for `username` under the throttle: the attempt is reserved before argon2 and
 * kept as a failure unless the password is right. The user row when it is, else 401 or 429.
 */
export async function checkPassword<R extends { password_hash: string; disabled: number }>(
  ctx: Ctx, c: Context, username: string, password: string, find: () => Promise<R | undefined>,
): Promise<R> {
  const gate = loginGate(ctx).reserve(username, clientNet(ctx.clientIp(c)));
  if (!gate.ok) throw new ApiError(429, 'auth.rateLimited', { minutes: gate.minutes });
  let user: R | undefined;
  let ok: boolean;
  try {
    user = await find();
    ok = user && user.disabled === 0 ? await verifyPassword(user.password_hash, password) : (await burnVerify(password), false);
  } catch (error) {
    // Never evaluated (the argon2 queue was full, the database failed): not a wrong password.
    gate.reservation.release();
    throw error;
  }
  if (!user || !ok) throw new ApiError(401, 'auth.invalid');
  gate.reservation.succeed();
  return user;
}

export function changePasswordRoute(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/auth/password', async (c) => {
    const { username, password, newPassword } = parseAccountBody(ChangePasswordSchema, await readJson(c));
    const user = await checkPassword(ctx, c, username, password,
      () => ctx.store.read.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst());
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
