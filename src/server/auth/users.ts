// Accounts. Scope must match the role's level (a mediator's is a 12-digit village code, and so on).
// createUser serves the demo seed, the tests, the 账号 screen (accounts-routes.ts) and the first
// administrator made on the command line (cli/account.ts); every change to an account through the
// app or the command line is written to account_log.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AccountLogTable, DB, Role } from '../store/schema.ts';
import { scopeLength } from './principal.ts';
import { hashPassword } from './passwords.ts';
import type { MovedAccount } from '../../shared/divisions.ts';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  scope: string;
  /** Either a password or a hash made earlier (the demo seed hashes one password once). */
  password?: string;
  passwordHash?: string;
  /** Set when someone other than the owner chose the password (staff creating the account). */
  mustChangePassword?: boolean;
}

export async function createUser(db: Kysely<DB>, user: NewUser, now = new Date()): Promise<string> {
  if (user.scope.length !== scopeLength[user.role] || !/^\d*$/.test(user.scope)) {
    throw new Error(`账号 ${user.username} 的辖区代码 ${user.scope} 与角色 ${user.role} 不符`);
  }
  const passwordHash = user.passwordHash ?? (user.password !== undefined ? await hashPassword(user.password) : undefined);
  if (!passwordHash) throw new Error(`账号 ${user.username} 没有密码`);
  const id = uuidv7();
  await db.insertInto('users').values({
    id, username: user.username, display_name: user.displayName, password_hash: passwordHash, role: user.role,
    scope_code: user.scope, disabled: 0, created_at: now.toISOString(), must_change_password: user.mustChangePassword ? 1 : 0,
  }).execute();
  return id;
}

/** Usernames are unique regardless of case, so "Tiaojie" cannot sit beside "tiaojie". */
export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
  return row !== undefined;
}

export async function logAccount(
  db: Kysely<DB>, entry: { at: string; actorId: string | null; userId: string; action: AccountLogTable['action']; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insertInto('account_log').values({
    id: uuidv7(), at: entry.at, actor_id: entry.actorId, user_id: entry.userId, action: entry.action,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  }).execute();
}

/** Ends every open session of the user, except `keepTokenHash` (the one changing its own password). */
export async function revokeSessions(db: Kysely<DB>, userId: string, at: string, keepTokenHash?: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at })
    .where('user_id', '=', userId).where('revoked_at', 'is', null)
    .$if(keepTokenHash !== undefined, (q) => q.where('token_hash', '!=', keepTokenHash ?? ''))
    .execute();
}

/**
 * Revokes every device the user has synced with — the same two marks a single lost phone gets in
 * api/devices.ts: the device's pushes are refused and its next pull tells it to erase its case data.
 */
export async function revokeDevices(db: Kysely<DB>, userId: string, byUserId: string, at: string): Promise<number> {
  const result = await db.updateTable('sync_clients').set({ revoked: 1 }).where('user_id', '=', userId).where('revoked', '=', 0).executeTakeFirst();
  await db.updateTable('devices').set({ revoked_at: at, revoked_by: byUserId }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  return Number(result.numUpdatedRows);
}

/**
 * A re-coded village (registry/area-import.ts): its mediators' accounts follow it to the new code,
 * so they keep seeing their cases. Returns who moved, for the import report.
 */
export async function moveMediatorScope(db: Kysely<DB>, oldCode: string, newCode: string): Promise<MovedAccount[]> {
  const moved = await db.selectFrom('users').select(['username', 'display_name']).where('role', '=', 'mediator').where('scope_code', '=', oldCode).execute();
  if (moved.length > 0) await db.updateTable('users').set({ scope_code: newCode }).where('role', '=', 'mediator').where('scope_code', '=', oldCode).execute();
  return moved.map((u) => ({ username: u.username, displayName: u.display_name, oldCode, newCode }));
}
