// The 账号 screen's API, for town, county and admin staff (mediators get 403):
//   GET  /api/accounts?area=            the accounts they manage, inside their scope
//   POST /api/accounts                  create one (the owner must replace the initial password)
//   POST /api/accounts/:id/password     reset to a one-time password; open sessions end
//   POST /api/accounts/:id/disable      no more sign-ins, sessions end, every device is revoked
//   POST /api/accounts/:id/enable
// Who manages whom is shared/accounts-api.ts canManage; nothing is ever deleted, and every
// change is written to account_log with who made it.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { readJson } from '../http/body.ts';
import { canManage, NewAccountSchema, ResetPasswordSchema, roleScopeLength, type AccountSummary } from '../../shared/accounts-api.ts';
import { requireAuth, requireRole } from './middleware.ts';
import { hashPassword } from './passwords.ts';
import { assertStrongPassword } from './password-policy.ts';
import type { Principal } from './principal.ts';
import { createUser, logAccount, revokeDevices, revokeSessions, usernameTaken } from './users.ts';
import { findAccount, listAccounts } from './accounts-store.ts';
import { parseAccountBody } from './accounts-parse.ts';
import { changePasswordRoute } from './accounts-password.ts';
import { disabledAccountDevices } from './accounts-wipe.ts';
import { chosenCommittees, committeesFor } from '../committees/membership.ts';
import { areaOfCaseCode } from '../../shared/committee-area.ts';

const ListQuery = v.strictObject({ area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})$/))) });
const uuid = v.pipe(v.string(), v.uuid());

/** The account `id`, if the principal may manage it: 404 when unknown, 403 outside their reach. */
async function managed(ctx: Ctx, principal: Principal, id: string): Promise<AccountSummary> {
  if (!v.is(uuid, id)) throw new ApiError(404, 'account.notFound');
  const account = await findAccount(ctx.store.read, id);
  if (!account) throw new ApiError(404, 'account.notFound');
  if (account.id === principal.userId) throw new ApiError(409, 'account.self');
  if (!canManage(principal, account)) throw new ApiError(403, 'account.forbidden');
  return account;
}

export function accountRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  // Before the session check that the sync routes get in app.ts: see accounts-wipe.ts.
  app.post('/sync/push', disabledAccountDevices(ctx, 'push'));
  app.post('/sync/pull', disabledAccountDevices(ctx, 'pull'));
  app.route('/', changePasswordRoute(ctx));

  const staff = [requireAuth(ctx), requireRole('town', 'county', 'admin')] as const;
  app.use('/accounts', ...staff);
  app.use('/accounts/*', ...staff);

  app.get('/accounts', async (c) => {
    const query = v.safeParse(ListQuery, c.req.query());
    if (!query.success) throw badRequest(['area: not an area code']);
    const principal = c.var.principal;
    const area = query.output.area ?? principal.scope;
    if (!area.startsWith(principal.scope)) throw new ApiError(403, 'account.forbidden');
    return c.json({ accounts: await listAccounts(ctx.store.read, principal, area) });
  });

  app.get('/accounts/committees', async (c) => c.json({ committees: await committeesFor(ctx.store.read, c.var.principal.scope) }));

  app.post('/accounts', async (c) => {
    const parsed = parseAccountBody(NewAccountSchema, await readJson(c));
    const principal = c.var.principal;
    // A mediator of named committees works where the first of them sits (committee-area.ts).
    const joined = parsed.role === 'mediator' ? await chosenCommittees(ctx.store.read, principal, parsed.committees ?? []) : [];
    const body = joined[0] ? { ...parsed, scope: joined[0].areaCode } : parsed;
    if (body.scope.length !== roleScopeLength[body.role]) throw new ApiError(400, 'account.scope.mismatch');
    if (!canManage(principal, body)) throw new ApiError(403, 'account.forbidden');
    if (body.scope !== '' && !(await ctx.store.read.selectFrom('areas').select('code').where('code', '=', areaOfCaseCode(body.scope)).executeTakeFirst())) {
      throw new ApiError(400, 'account.scope.unknown');
    }
    assertStrongPassword(body.password, body.username);
    // Hashed before the write transaction: argon2 is slow on purpose and must not hold the lock.
    const passwordHash = await hashPassword(body.password);
    const now = ctx.now();
    const id = await ctx.store.write(async (tx) => {
      if (await usernameTaken(tx, body.username)) throw new ApiError(409, 'account.username.taken', { username: body.username });
      const created = await createUser(tx, { ...body, passwordHash, mustChangePassword: true }, now);
      if (joined.length > 0) await tx.insertInto('user_committees').values(joined.map((k) => ({ user_id: created, committee_id: k.id }))).execute();
      await logAccount(tx, {
        at: now.toISOString(), actorId: principal.userId, userId: created, action: 'create',
        detail: { username: body.username, role: body.role, scope: body.scope, ...(joined.length > 0 ? { committees: joined.map((k) => k.id) } : {}) },
      });
      return created;
    });
    return c.json({ account: await findAccount(ctx.store.db, id) }, 201);
  });

  app.post('/accounts/:id/password', async (c) => {
    const { password } = parseAccountBody(ResetPasswordSchema, await readJson(c));
    const principal = c.var.principal;
    const account = await managed(ctx, principal, c.req.param('id'));
    assertStrongPassword(password, account.username);
    const passwordHash = await hashPassword(password);
    const at = ctx.now().toISOString();
    await ctx.store.write(async (tx) => {
      await tx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 1 }).where('id', '=', account.id).execute();
      // Whoever knew the old password is signed out with it.
      await revokeSessions(tx, account.id, at);
      await logAccount(tx, { at, actorId: principal.userId, userId: account.id, action: 'reset' });
    });
    return c.json({ account: await findAccount(ctx.store.db, account.id) });
  });

  app.post('/accounts/:id/disable', async (c) => {
    const principal = c.var.principal;
    const account = await managed(ctx, principal, c.req.param('id'));
    const at = ctx.now().toISOString();
    const devices = await ctx.store.write(async (tx) => {
      await tx.updateTable('users').set({ disabled: 1 }).where('id', '=', account.id).execute();
      await revokeSessions(tx, account.id, at);
      // A leaving mediator's phone, or a lost one, erases its case data at its next contact.
      const revoked = await revokeDevices(tx, account.id, principal.userId, at);
      await logAccount(tx, { at, actorId: principal.userId, userId: account.id, action: 'disable', detail: { devicesRevoked: revoked } });
      return revoked;
    });
    return c.json({ account: await findAccount(ctx.store.db, account.id), devicesRevoked: devices });
  });

  app.post('/accounts/:id/enable', async (c) => {
    const principal = c.var.principal;
    const account = await managed(ctx, principal, c.req.param('id'));
    const at = ctx.now().toISOString();
    await ctx.store.write(async (tx) => {
      await tx.updateTable('users').set({ disabled: 0 }).where('id', '=', account.id).execute();
      await logAccount(tx, { at, actorId: principal.userId, userId: account.id, action: 'enable' });
    });
    return c.json({ account: await findAccount(ctx.store.db, account.id) });
  });
  return app;
}
