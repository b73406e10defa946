// The authenticated user and the area they may see. Scope is a 区划代码 prefix (12 digits for a
// mediator's village, 9 for a town, 6 for a county, '' for the system admin), so every check is a
// prefix match and is always made here on the server; the device is never trusted for it.
import type { Role } from '../store/schema.ts';
import { isWithin } from '../../shared/areas.ts';
import { ApiError, forbidden } from '../http/errors.ts';

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  scope: string;
  /**
   * A mediator's village codes before a re-coding (registry/area-import.ts): the account moved to
   * the new code, and the cases recorded under the old one are still that mediator's work.
   */
  formerScopes?: readonly string[];
  /** The device the session was opened on: sync requests must name this clientId. */
  clientId?: string;
  /**
   * A mediator's committees (issue #14; committees/membership.ts): their cases are the ones these
   * committees hold, wherever the committee sits. Empty: the account's area decides, as before.
   */
  committeeIds?: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sync bodies name their device: it must be the session's own (a copied token is refused elsewhere).
 * A clientId that is no UUID at all is left to the body's schema, which answers 400 for it.
 */
export function assertOwnDevice(principal: Principal, body: unknown): void {
  const clientId = typeof body === 'object' && body !== null ? (body as { clientId?: unknown }).clientId : undefined;
  if (typeof clientId === 'string' && UUID.test(clientId) && clientId !== principal.clientId) throw new ApiError(403, 'auth.deviceMismatch');
}

export const scopeLength: Record<Role, number> = { mediator: 12, town: 9, county: 6, admin: 0 };

/** Every code the principal's scope covers: their own, and any it had before a re-coding. */
export function scopeCodes(principal: Principal): string[] {
  return [principal.scope, ...(principal.formerScopes ?? [])];
}

export function canSee(principal: Principal, areaCode: string): boolean {
  return scopeCodes(principal).some((scope) => isWithin(areaCode, scope));
}

/** Throws 403 unless `areaCode` (a village, or a wider area) lies inside the principal's scope. */
export function assertInScope(principal: Principal, areaCode: string): void {
  if (!canSee(principal, areaCode)) throw forbidden();
}

/** A case (or its child record) as the scope checks need it: its area and its committee. */
export interface CaseScope {
  villageCode: string;
  committeeId?: string | null;
}

/** True when the principal holds the committee, or (no committee known) may see its area. */
export function canSeeCase(principal: Principal, c: CaseScope): boolean {
  const committees = principal.committeeIds ?? [];
  if (principal.role === 'mediator' && committees.length > 0 && c.committeeId) return committees.includes(c.committeeId);
  return canSee(principal, c.villageCode);
}

/** Throws 403 unless the principal may read and write the case: every case read and write asks this. */
export function assertCaseInScope(principal: Principal, c: CaseScope): void {
  if (!canSeeCase(principal, c)) throw forbidden();
}

/** A mediator's committees when they decide what a list shows; undefined for staff (their area decides). */
export function mediatorCommittees(principal: Principal): readonly string[] | undefined {
  const committees = principal.committeeIds ?? [];
  return principal.role === 'mediator' && committees.length > 0 ? committees : undefined;
}

/** The denormalised column that holds codes of the principal's level, for SQL scope filters. */
export function scopeColumn(scope: string): 'village_code' | 'town_code' | 'county_code' | null {
  switch (scope.length) {
    case 12:
      return 'village_code';
    case 9:
      return 'town_code';
    case 6:
      return 'county_code';
    default:
      return null;
  }
}
