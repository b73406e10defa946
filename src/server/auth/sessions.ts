// Bearer sessions: the client holds a random 256-bit token; the server stores only its SHA-256,
// so a leaked database cannot be replayed as logins. Sessions expire and can be revoked.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Principal } from './principal.ts';
import { committeeIdsOf } from '../committees/membership.ts';

export const SESSION_DAYS = 30;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A session for `userId` on the device `clientId`: the token works with that device only. */
export async function createSession(db: Kysely<DB>, userId: string, clientId: string, now: Date): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await db.insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, client_id: clientId })
    .execute();
  return { token, expiresAt };
}

export type SessionLookup = { ok: true; principal: Principal } | { ok: false; reason: 'missing' | 'expired' };

/** A session row with its account and device, whatever their state (revoked, expired, disabled). */
export interface SessionRow {
  expiresAt: string;
  revokedAt: string | null;
  clientId: string | null;
  deviceRevoked: number;
  userId: string;
  username: string;
  displayName: string;
  role: Principal['role'];
  scope: string;
  disabled: number;
}

export async function sessionRow(db: Kysely<DB>, tokenHash: string): Promise<SessionRow | undefined> {
  const row = await db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('sync_clients', 'sync_clients.client_id', 'sessions.client_id')
    .select(['sessions.expires_at', 'sessions.revoked_at', 'sessions.client_id', 'sync_clients.revoked as device_revoked',
      'users.id', 'users.username', 'users.display_name', 'users.role', 'users.scope_code', 'users.disabled'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    expiresAt: row.expires_at, revokedAt: row.revoked_at, clientId: row.client_id, deviceRevoked: row.device_revoked ?? 0,
    userId: row.id, username: row.username, displayName: row.display_name, role: row.role, scope: row.scope_code, disabled: row.disabled,
  };
}

/** The principal of a live session's row (undefined when the session is dead, whatever its expiry). */
export async function principalOf(db: Kysely<DB>, row: SessionRow | undefined): Promise<Principal | undefined> {
  // No device (a session from before devices were bound), or a revoked one: the token is dead
  // wherever it was copied to.
  if (!row || row.revokedAt !== null || row.disabled !== 0 || row.clientId === null || row.deviceRevoked !== 0) return undefined;
  const principal: Principal = { userId: row.userId, username: row.username, displayName: row.displayName, role: row.role, scope: row.scope, clientId: row.clientId };
  if (row.role === 'mediator') {
    const former = await formerCodes(db, row.scope);
    if (former.length > 0) principal.formerScopes = former;
    principal.committeeIds = await committeeIdsOf(db, row.userId, row.role, row.scope);
  }
  return principal;
}

/** What a session row and its principal say at `now`. */
export function sessionAt(row: SessionRow | undefined, principal: Principal | undefined, now: Date): SessionLookup {
  if (!row || !principal) return { ok: false, reason: 'missing' };
  if (row.expiresAt <= now.toISOString()) return { ok: false, reason: 'expired' };
  return { ok: true, principal: { ...principal } };
}

export async function findSession(db: Kysely<DB>, token: string, now: Date): Promise<SessionLookup> {
  const row = await sessionRow(db, hashToken(token));
  return sessionAt(row, await principalOf(db, row), now);
}

/** The codes a village had before it was re-coded, following the chain back (a few steps at most). */
async function formerCodes(db: Kysely<DB>, code: string): Promise<string[]> {
  const found: string[] = [];
  let frontier = [code];
  while (frontier.length > 0 && found.length < 20) {
    const rows = await db.selectFrom('area_changes').select('old_code').where('kind', '=', 'recoded').where('new_code', 'in', frontier).execute();
    frontier = rows.map((r) => r.old_code).filter((c) => c !== code && !found.includes(c));
    found.push(...frontier);
  }
  return found;
}

export async function revokeSession(db: Kysely<DB>, token: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
}
