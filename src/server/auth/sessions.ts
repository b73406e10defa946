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

export async function findSession(db: Kysely<DB>, token: string, now: Date): Promise<SessionLookup> {
  const row = await db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('sync_clients', 'sync_clients.client_id', 'sessions.client_id')
    .select(['sessions.expires_at', 'sessions.revoked_at', 'sessions.client_id', 'sync_clients.revoked as device_revoked',
      'users.id', 'users.username', 'users.display_name', 'users.role', 'users.scope_code', 'users.disabled'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  // No device (a session from before devices were bound), or a revoked one: the token is dead
  // wherever it was copied to.
  if (!row || row.revoked_at !== null || row.disabled !== 0 || row.client_id === null || (row.device_revoked ?? 0) !== 0) return { ok: false, reason: 'missing' };
  if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
  const principal: Principal = { userId: row.id, username: row.username, displayName: row.display_name, role: row.role, scope: row.scope_code, clientId: row.client_id };
  if (row.role === 'mediator') {
    const former = await formerCodes(db, row.scope_code);
    if (former.length > 0) principal.formerScopes = former;
    principal.committeeIds = await committeeIdsOf(db, row.id, row.role, row.scope_code);
  }
  return { ok: true, principal };
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
