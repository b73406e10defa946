// Revoked phones. Revoking one phone (api/devices.ts) or disabling its account (users.ts
// revokeDevices) marks the device revoked, and a revoked device learns it on its next sync: its
// push is refused with device.revoked and its pull answers {wipe: true}, so it erases its case
// data. But both also end the phone's sessions, so requireAuth would turn that sync away with 401
// before the sync routes could say "wipe", and a lost or leaving mediator's phone would keep
// every case it holds. Mounted ahead of the session check on /sync/push and /sync/pull: when the
// bearer token was issued to this very device (or, for a session from before devices were bound,
// to an account now disabled) and the device is revoked, answer as a revoked device does.
// Anything else passes on unchanged to the normal routes.
import type { MiddlewareHandler } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { bearerToken } from './middleware.ts';

export function disabledAccountDevices(ctx: Ctx, kind: 'push' | 'pull'): MiddlewareHandler<Env> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) return next();
    const db = ctx.store.read;
    // Revoked or expired sessions count too: the token proves the phone once signed in as this
    // account. The row (with its device's revoked flag) is the one requireAuth reads next, cached.
    const session = await ctx.sessions.row(token);
    // A session bound to a device speaks for that device only; an older unbound one only once its account is disabled.
    if (!session || (session.clientId === null && session.disabled === 0)) return next();
    const named = session.clientId ?? undefined;
    if (named !== undefined && session.deviceRevoked === 0) return next();
    // Hono keeps the parsed body, so the normal route can still read it if we pass.
    const body: unknown = await c.req.json().catch(() => undefined);
    const request = typeof body === 'object' && body !== null ? (body as { clientId?: unknown; cursor?: unknown }) : {};
    if (typeof request.clientId !== 'string' || (named !== undefined && request.clientId !== named)) return next();
    const device = await db.selectFrom('sync_clients').select(['user_id', 'revoked', 'last_seq'])
      .where('client_id', '=', request.clientId).executeTakeFirst();
    if (!device || device.user_id !== session.userId || device.revoked === 0) return next();
    if (kind === 'push') throw new ApiError(403, 'device.revoked');
    const cursor = typeof request.cursor === 'number' ? request.cursor : 0;
    return c.json({ changes: [], cursor, hasMore: false, lastProcessedSeq: Number(device.last_seq), wipe: true });
  };
}
