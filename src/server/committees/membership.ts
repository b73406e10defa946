// Which committees an account works for (issue #14). Recorded in user_committees by the staff who
// create or edit the account; an account without a row (made before 0170, or by a script that only
// set the village) works for its village's own committee, so a village mediator created as before
// keeps working unchanged.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../store/schema.ts';
import { caseAreaOf, type CommitteeRef } from '../../shared/committee-area.ts';
import type { CommitteeType } from '../../shared/network.ts';
import { isWithin } from '../../shared/areas.ts';
import { ApiError } from '../http/errors.ts';
import type { Principal } from '../auth/principal.ts';

export async function committeeIdsOf(db: Kysely<DB>, userId: string, role: Role, scope: string): Promise<string[]> {
  if (role !== 'mediator') return [];
  const rows = await db.selectFrom('user_committees').select('committee_id').where('user_id', '=', userId).orderBy('committee_id').execute();
  if (rows.length > 0) return rows.map((r) => r.committee_id);
  if (scope.length !== 12) return [];
  const own = await db.selectFrom('committees').select('id').where('area_code', '=', scope).executeTakeFirst();
  return own ? [own.id] : [];
}

/** The committees as a phone shows them (the 受理 form asks which one when there are several). */
export async function committeeRefs(db: Kysely<DB>, ids: readonly string[]): Promise<CommitteeRef[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('committees').select(['id', 'name', 'kind', 'location']).where('id', 'in', [...ids]).orderBy('id').execute();
  return rows.map(toRef);
}

const toRef = (r: { id: string; name: string; kind: string; location: string }): CommitteeRef =>
  ({ id: r.id, name: r.name, type: r.kind as CommitteeType, areaCode: caseAreaOf(r.location) });

/** Committees in office whose cases lie in `scope` (a town office: its villages', its own, those sitting in the town). */
export async function committeesFor(db: Kysely<DB>, scope: string): Promise<CommitteeRef[]> {
  const rows = await db.selectFrom('committees').select(['id', 'name', 'kind', 'location'])
    .where('dissolved_on', 'is', null).where('location', 'like', `${scope}%`).orderBy('location').orderBy('name').execute();
  return rows.map(toRef);
}

/** The committees named for a new account: each registered, in office and inside the creator's area. */
export async function chosenCommittees(db: Kysely<DB>, principal: Principal, ids: readonly string[]): Promise<CommitteeRef[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db.selectFrom('committees').select(['id', 'name', 'kind', 'location']).where('id', 'in', unique).where('dissolved_on', 'is', null).execute();
  const refs = unique.map((id) => rows.find((r) => r.id === id)).map((r) => (r ? toRef(r) : undefined));
  if (refs.some((r) => r === undefined || !isWithin(r.areaCode, principal.scope))) throw new ApiError(400, 'account.committees.invalid');
  return refs as CommitteeRef[];
}
