// Registry rows ↔ the shared shapes (shared/network.ts), and the reads the API and the public
// contacts endpoint share.
import type { Kysely, Selectable } from 'kysely';
import { educationLevels, type Committee, type CommitteeType, type EducationLevel, type LegalPerson, type Funding, type LegalPersonKind, type Mediator, type MemberRole, type Training } from '../../shared/network.ts';
import type { DB } from '../store/schema.ts';
import type { CommitteesTable, LegalPersonsTable, MediatorsTable } from './tables.ts';

export function toCommittee(r: Selectable<CommitteesTable>): Committee {
  return {
    id: r.id, areaCode: r.area_code, location: r.location, type: r.kind as CommitteeType, name: r.name, phone: r.phone, address: r.address,
    foundedOn: r.founded_on, dissolvedOn: r.dissolved_on, shortName: r.short_name,
  };
}

export function toMediator(r: Selectable<MediatorsTable>, trainings: Training[] = []): Mediator {
  return {
    id: r.id, committeeId: r.committee_id, name: r.name, gender: r.gender === '女' ? '女' : '男', ethnicity: r.ethnicity, phone: r.phone,
    isPhonePublic: r.phone_public !== 0, memberRole: r.member_role as MemberRole | null, isFullTime: r.full_time !== 0,
    termStart: r.term_start, termEnd: r.term_end, leftOn: r.left_on,
    education: (educationLevels as readonly string[]).includes(r.education ?? '') ? (r.education as EducationLevel) : null,
    accountId: r.account_id ?? null, trainings,
  };
}

export function toLegalPerson(r: Selectable<LegalPersonsTable>): LegalPerson {
  return {
    id: r.id, kind: r.kind as LegalPersonKind, villageCode: r.village_code, name: r.name, phone: r.phone, isPhonePublic: r.phone_public !== 0,
    certifiedOn: r.certified_on, leftOn: r.left_on,
  };
}

const prefix = (area: string) => `${area}%`;

export async function committeesIn(db: Kysely<DB>, area: string): Promise<Committee[]> {
  const rows = await db.selectFrom('committees').selectAll().where('location', 'like', prefix(area)).orderBy('location').orderBy('id').execute();
  return rows.map(toCommittee);
}

/** Mediators (with their trainings) of the given committees. */
export async function mediatorsOf(db: Kysely<DB>, committeeIds: readonly string[]): Promise<Mediator[]> {
  const out: Mediator[] = [];
  for (let i = 0; i < committeeIds.length; i += 300) {
    const ids = committeeIds.slice(i, i + 300);
    const rows = await db.selectFrom('mediators').selectAll().where('committee_id', 'in', ids).orderBy('committee_id').orderBy('id').execute();
    const trainings = rows.length === 0 ? [] : await db.selectFrom('mediator_trainings').selectAll()
      .where('mediator_id', 'in', db.selectFrom('mediators').select('id').where('committee_id', 'in', ids)).orderBy('on_date').execute();
    const byMediator = new Map<string, Training[]>();
    for (const t of trainings) byMediator.set(t.mediator_id, [...(byMediator.get(t.mediator_id) ?? []), { id: t.id, on: t.on_date, title: t.title, hours: Number(t.hours) }]);
    out.push(...rows.map((r) => toMediator(r, byMediator.get(r.id) ?? [])));
  }
  return out;
}

export async function legalPersonsIn(db: Kysely<DB>, area: string): Promise<LegalPerson[]> {
  const rows = await db.selectFrom('legal_persons').selectAll().where('village_code', 'like', prefix(area)).orderBy('village_code').orderBy('kind').orderBy('id').execute();
  return rows.map(toLegalPerson);
}

/** 经费 and 补贴 per year of the given committees (newest year first). */
export async function fundingOf(db: Kysely<DB>, committeeIds: readonly string[]): Promise<Map<string, Funding[]>> {
  const out = new Map<string, Funding[]>();
  for (let i = 0; i < committeeIds.length; i += 300) {
    const rows = await db.selectFrom('committee_funding').selectAll().where('committee_id', 'in', committeeIds.slice(i, i + 300)).orderBy('year', 'desc').execute();
    for (const r of rows) out.set(r.committee_id, [...(out.get(r.committee_id) ?? []), { year: Number(r.year), fundingCents: Number(r.funding_cents), subsidyCents: Number(r.subsidy_cents) }]);
  }
  return out;
}

/** The area (6/9/12 digits) a committee sits in, for scope checks on writes. */
export async function committeeLocation(db: Kysely<DB>, id: string): Promise<string | undefined> {
  return (await db.selectFrom('committees').select('location').where('id', '=', id).executeTakeFirst())?.location;
}
