// The organisation and staffing table (committees by type, 人民调解员, 专职, 法律明白人, 示范户),
// coverage against the statutory and 八五普法 targets, and how far each village's devices have
// synced — all for one area, as at one date.
import { sql, type Kysely } from 'kysely';
import { collegeLevels, committeeTypes, coverage, emptyOrgTable, type CommitteeType, type Coverage, type OrgTable } from '../../shared/network.ts';
import type { Completeness } from '../../shared/stats-api.ts';
import type { DB } from '../store/schema.ts';
import { addFederatedOrg } from '../federation/org.ts';

const prefix = (area: string) => `${area}%`;

/**
 * Counts in office on `asOf` (founded by then, not yet dissolved or left); trainings of those
 * mediators from `trainingsFrom` (default the first day of asOf's year) to asOf.
 */
export async function orgTable(db: Kysely<DB>, area: string, asOf: string, trainingsFrom = `${asOf.slice(0, 4)}-01-01`): Promise<OrgTable> {
  const table = emptyOrgTable();
  const committees = await db.selectFrom('committees').select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('location', 'like', prefix(area))
    .where((eb) => eb.or([eb('founded_on', 'is', null), eb('founded_on', '<=', asOf)]))
    .where((eb) => eb.or([eb('dissolved_on', 'is', null), eb('dissolved_on', '>', asOf)]))
    .groupBy('kind').execute();
  for (const row of committees) {
    if ((committeeTypes as readonly string[]).includes(row.kind)) table.committees[row.kind as CommitteeType] = Number(row.n);
    table.committeesTotal += Number(row.n);
  }
  const people = await db.selectFrom('mediators').innerJoin('committees', 'committees.id', 'mediators.committee_id')
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('mediators.full_time').as('full_time'),
      sql<number>`sum(case when mediators.gender = '女' then 1 else 0 end)`.as('women'),
    ])
    .where('committees.location', 'like', prefix(area))
    .where((eb) => eb.or([eb('mediators.left_on', 'is', null), eb('mediators.left_on', '>', asOf)]))
    .executeTakeFirst();
  table.mediators = Number(people?.n ?? 0);
  table.fullTime = Number(people?.full_time ?? 0);
  table.women = Number(people?.women ?? 0);
  // The staffing lines of the 组织队伍 sheet: by committee kind, 少数民族, members vs 聘任.
  const byKind = await db.selectFrom('mediators').innerJoin('committees', 'committees.id', 'mediators.committee_id')
    .select([
      'committees.kind as kind',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('mediators.full_time').as('full_time'),
      sql<number>`sum(case when mediators.ethnicity <> '汉族' and mediators.ethnicity <> '' then 1 else 0 end)`.as('minority'),
      sql<number>`sum(case when mediators.member_role is not null then 1 else 0 end)`.as('members'),
      sql<number>`sum(case when mediators.education in (${sql.join(collegeLevels)}) then 1 else 0 end)`.as('college'),
      sql<number>`sum(case when mediators.education is null then 1 else 0 end)`.as('unknown'),
    ])
    .where('committees.location', 'like', prefix(area))
    .where((eb) => eb.or([eb('mediators.left_on', 'is', null), eb('mediators.left_on', '>', asOf)]))
    .groupBy('committees.kind').execute();
  for (const row of byKind) {
    if ((committeeTypes as readonly string[]).includes(row.kind)) {
      table.mediatorsByType[row.kind as CommitteeType] = Number(row.n);
      table.fullTimeByType[row.kind as CommitteeType] = Number(row.full_time ?? 0);
    }
    table.minority += Number(row.minority ?? 0);
    table.members += Number(row.members ?? 0);
    table.college += Number(row.college ?? 0);
    table.educationUnknown += Number(row.unknown ?? 0);
  }
  // 经费 and 补贴 of the year counted, of the committees in the area.
  const money = await db.selectFrom('committee_funding').innerJoin('committees', 'committees.id', 'committee_funding.committee_id')
    .select([(eb) => eb.fn.sum<number>('committee_funding.funding_cents').as('funding'), (eb) => eb.fn.sum<number>('committee_funding.subsidy_cents').as('subsidy')])
    .where('committees.location', 'like', prefix(area)).where('committee_funding.year', '=', Number(asOf.slice(0, 4)))
    .executeTakeFirst();
  table.fundingCents = Number(money?.funding ?? 0);
  table.subsidyCents = Number(money?.subsidy ?? 0);
  const trained = await db.selectFrom('mediator_trainings').innerJoin('mediators', 'mediators.id', 'mediator_trainings.mediator_id')
    .innerJoin('committees', 'committees.id', 'mediators.committee_id')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('mediator_trainings.hours').as('hours')])
    .where('committees.location', 'like', prefix(area))
    .where('mediator_trainings.on_date', '>=', trainingsFrom).where('mediator_trainings.on_date', '<=', asOf)
    .executeTakeFirst();
  table.trainings = Number(trained?.n ?? 0);
  table.trainingHours = Number(trained?.hours ?? 0);
  const legal = await db.selectFrom('legal_persons').select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('village_code', 'like', prefix(area))
    .where((eb) => eb.or([eb('certified_on', 'is', null), eb('certified_on', '<=', asOf)]))
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', asOf)]))
    .groupBy('kind').execute();
  for (const row of legal) {
    if (row.kind === '法律明白人') table.legalPersons = Number(row.n);
    if (row.kind === '示范户') table.households = Number(row.n);
  }
  // A province (or the nation) also holds counties that report by signed file.
  if (area.length < 6) await addFederatedOrg(db, area, asOf, table);
  return table;
}

/** Villages of `area` valid on `asOf`. */
export async function villagesOf(db: Kysely<DB>, area: string, asOf: string): Promise<string[]> {
  const rows = await db.selectFrom('areas').select('code').where('level', '=', 'village').where('code', 'like', prefix(area))
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', asOf)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]))
    .orderBy('code').execute();
  return rows.map((r) => r.code);
}

export async function areaCoverage(db: Kysely<DB>, area: string, asOf: string): Promise<Coverage> {
  const villages = await villagesOf(db, area, asOf);
  const own = await db.selectFrom('committees').select('area_code').where('area_code', 'like', prefix(area))
    .where((eb) => eb.or([eb('dissolved_on', 'is', null), eb('dissolved_on', '>', asOf)])).execute();
  const legal = await db.selectFrom('legal_persons').select(['village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', '法律明白人').where('village_code', 'like', prefix(area))
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', asOf)]))
    .groupBy('village_code').execute();
  return coverage(villages, new Set(own.map((r) => r.area_code ?? '')), new Map(legal.map((r) => [r.village_code, Number(r.n)])));
}

export interface VillageSync {
  villageCode: string;
  devices: number;
  oldest: string;
  newest: string;
}

/** Mediators' devices per village: the last time each synced (revoked devices do not count). */
export async function villageSync(db: Kysely<DB>, area: string): Promise<VillageSync[]> {
  const rows = await db.selectFrom('sync_clients').innerJoin('users', 'users.id', 'sync_clients.user_id')
    .select([
      'users.scope_code',
      (eb) => eb.fn.countAll<number>().as('devices'),
      (eb) => eb.fn.min<string>('sync_clients.last_seen_at').as('oldest'),
      (eb) => eb.fn.max<string>('sync_clients.last_seen_at').as('newest'),
    ])
    .where('sync_clients.revoked', '=', 0).where('users.role', '=', 'mediator').where('users.scope_code', 'like', prefix(area))
    .groupBy('users.scope_code').execute();
  return rows.map((r) => ({ villageCode: r.scope_code, devices: Number(r.devices), oldest: r.oldest, newest: r.newest }));
}

/** Completeness of an area from its villages' device sync times. */
export function completenessOf(villages: readonly string[], sync: readonly VillageSync[]): Completeness {
  const inArea = new Set(villages);
  const mine = sync.filter((s) => inArea.has(s.villageCode));
  const min = (xs: string[]) => (xs.length === 0 ? null : xs.reduce((a, b) => (a < b ? a : b)));
  const max = (xs: string[]) => (xs.length === 0 ? null : xs.reduce((a, b) => (a > b ? a : b)));
  return {
    devices: mine.reduce((n, s) => n + s.devices, 0),
    villagesWithDevice: mine.length,
    villages: villages.length,
    completeUpTo: min(mine.map((s) => s.oldest)),
    lastSeenAt: max(mine.map((s) => s.newest)),
  };
}
