// Every /api route except login, health and the public area tree needs a valid Bearer session.
import type { MiddlewareHandler } from 'hono';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { Role } from '../store/schema.ts';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  return match?.[1];
}

export function requireAuth(ctx: Ctx): MiddlewareHandler<Env> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new ApiError(401, 'auth.required');
    const found = await ctx.sessions.find(token, ctx.now());
    if (!found.ok) throw new ApiError(401, found.reason === 'expired' ? 'auth.expired' : 'auth.required');
    c.set('principal', found.principal);
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (!roles.includes(c.var.principal.role)) throw new ApiError(403, 'auth.roleForbidden');
    await next();
  };
}
