// Accounts. Scope must match the role's level (a mediator's is a 12-digit village code, and so on);
// used by the demo seed, tests and an administrator's tools.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB, Role } from '../store/schema.ts';
import { scopeLength } from './principal.ts';
import { hashPassword } from './passwords.ts';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  scope: string;
  /** Either a password or a hash made earlier (the demo seed hashes one password once). */
  password?: string;
  passwordHash?: string;
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
    scope_code: user.scope, disabled: 0, created_at: now.toISOString(),
  }).execute();
  return id;
}
