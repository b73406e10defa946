// Reading accounts for the 账号 screen: the ones the signed-in staff member may manage, with their
// area's name and last sign-in (the newest session). Never the password hash.
import type { Kysely } from 'kysely';
import type { AccountSummary } from '../../shared/accounts-api.ts';
import { manageableRoles } from '../../shared/accounts-api.ts';
import type { DB } from '../store/schema.ts';
import type { Principal } from './principal.ts';

const columns = [
  'users.id', 'users.username', 'users.display_name', 'users.role', 'users.scope_code', 'users.disabled',
  'users.must_change_password', 'users.created_at', 'areas.name as area_name',
] as const;

function base(db: Kysely<DB>) {
  return db.selectFrom('users').leftJoin('areas', 'areas.code', 'users.scope_code')
    .select(columns)
    .select((eb) => eb.selectFrom('sessions').whereRef('sessions.user_id', '=', 'users.id')
      .select((s) => s.fn.max('sessions.created_at').as('at')).as('last_sign_in'));
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function summary(row: Row): AccountSummary {
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role, scope: row.scope_code,
    areaName: row.area_name ?? '', disabled: row.disabled !== 0, mustChangePassword: row.must_change_password !== 0,
    createdAt: row.created_at, lastSignInAt: row.last_sign_in ?? null,
  };
}

/** Accounts of the roles `principal` manages inside `area` (a prefix within their scope). */
export async function listAccounts(db: Kysely<DB>, principal: Principal, area: string): Promise<AccountSummary[]> {
  const roles = manageableRoles(principal.role);
  if (roles.length === 0) return [];
  const rows = await base(db).where('users.role', 'in', roles)
    // Codes are digits only, so the prefix needs no LIKE escaping; '' (admin) matches every row.
    .where('users.scope_code', 'like', `${area}%`)
    .orderBy('users.scope_code').orderBy('users.role').orderBy('users.username')
    .execute();
  return rows.map(summary);
}

export async function findAccount(db: Kysely<DB>, id: string): Promise<AccountSummary | undefined> {
  const row = await base(db).where('users.id', '=', id).executeTakeFirst();
  return row ? summary(row) : undefined;
}
