// The demo county's network as 开鲁县 reported it for 2023: 250 调解组织 (13 镇级, 227 村级 — every
// 村委会 and 居委会 — and 10 others), 890 人民调解员, 297 disputes accepted, 1,251 法律明白人 and
// 90 学法用法示范户. Deterministic (seeded), bulk-inserted in one transaction. A few committees
// are left short of the law on purpose (too few members, no woman, an expired term), so the
// registry's warnings have something to show.
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import { villageKind } from '../../shared/areas.ts';
import { kailuAreas } from '../seed/kailu.ts';
import type { CommitteeType, MemberRole } from '../../shared/network.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { SCHEMA_VERSION, type Mutation } from '../../shared/mutations.ts';
import { countsAccepted } from '../../shared/stats.ts';
import type { CaseOutcome, CaseStatus } from '../../shared/lifecycle.ts';
import type { Store } from '../store/open.ts';
import { makeCtx } from '../deps.ts';
import { push } from '../sync/push.ts';
import type { Principal } from '../auth/principal.ts';
import { personName } from '../seed/people.ts';
import { int, mulberry32, pick, type Rand, seededUuid } from '../seed/random.ts';
import type { LegalPersonsTable, MediatorsTable, MediatorTrainingsTable } from './tables.ts';

export const DEMO_FIGURES = { committees: 250, town: 13, village: 227, mediators: 890, accepted: 297, legalPersons: 1251, households: 90 } as const;
const YEAR = 2023;
const SEEDED_AT = '2023-12-31T08:00:00.000Z';

const others: { name: string; type: CommitteeType; location: string; members: number; fullTime: number }[] = [
  { name: '国网开鲁县供电公司人民调解委员会', type: '企事业', location: '150523100', members: 3, fullTime: 0 },
  { name: '开鲁县人民医院人民调解委员会', type: '企事业', location: '150523100', members: 3, fullTime: 0 },
  { name: '开鲁县工业园区企业人民调解委员会', type: '企事业', location: '150523101', members: 3, fullTime: 0 },
  { name: '开鲁县医疗纠纷人民调解委员会', type: '行业性专业性', location: '150523', members: 5, fullTime: 3 },
  { name: '开鲁县道路交通事故纠纷人民调解委员会', type: '行业性专业性', location: '150523', members: 5, fullTime: 3 },
  { name: '开鲁县劳动争议人民调解委员会', type: '行业性专业性', location: '150523', members: 4, fullTime: 3 },
  { name: '开鲁县婚姻家庭纠纷人民调解委员会', type: '行业性专业性', location: '150523', members: 4, fullTime: 3 },
  { name: '开鲁县人民法院诉前人民调解室', type: '派驻', location: '150523', members: 4, fullTime: 2 },
  { name: '开鲁县公安局开鲁派出所人民调解室', type: '派驻', location: '150523100', members: 3, fullTime: 2 },
  { name: '宝音个人调解工作室', type: '个人工作室', location: '150523104', members: 3, fullTime: 1 },
];

const phone = (rand: Rand) => `1${pick(rand, ['39', '51', '58', '77', '86', '89'])}${String(int(rand, 0, 99_999_999)).padStart(8, '0')}`;
const ethnicity = (rand: Rand) => (rand() < 0.78 ? '汉族' : rand() < 0.9 ? '蒙古族' : '满族');
const day = (rand: Rand, from: string, spanDays: number) => new Date(Date.parse(`${from}T00:00:00Z`) + int(rand, 0, spanDays) * 86_400_000).toISOString().slice(0, 10);

interface Plan {
  committeeId: string;
  members: number;
  fullTime: number;
  hasWoman: boolean;
  termExpired: boolean;
}

export async function seedDemoRegistry(store: Store): Promise<void> {
  const rand = mulberry32(20231231);
  const villages = kailuAreas.filter((a) => a.level === 'village');
  const towns = kailuAreas.filter((a) => a.level === 'town');
  const statutory = villages.filter((v) => villageKind(v.code) !== '其他');
  const farmAreas = villages.filter((v) => villageKind(v.code) === '其他').map((v) => v.code);

  const plans: Plan[] = [];
  // Villages: three members each, a fourth in some; a few short of the law on purpose.
  statutory.forEach((v, i) => {
    plans.push({
      committeeId: `committee-${v.code}`, members: i % 57 === 5 ? 2 : rand() < 0.27 ? 4 : 3, fullTime: i % 3 === 0 ? 1 : 0,
      hasWoman: i % 41 !== 7, termExpired: i % 29 === 11,
    });
  });
  for (const town of towns) plans.push({ committeeId: `committee-${town.code}`, members: 7, fullTime: 2, hasWoman: true, termExpired: false });
  const otherIds = others.map((_, i) => `committee-other-${String(i + 1).padStart(2, '0')}`);
  others.forEach((o, i) => plans.push({ committeeId: otherIds[i] as string, members: o.members, fullTime: o.fullTime, hasWoman: true, termExpired: false }));

  const mediators: Insertable<MediatorsTable>[] = [];
  const trainings: Insertable<MediatorTrainingsTable>[] = [];
  const addMediator = (committeeId: string, role: MemberRole | null, gender: '男' | '女', fullTime: boolean, expired: boolean) => {
    const id = seededUuid(rand, Date.parse(SEEDED_AT));
    mediators.push({
      id, committee_id: committeeId, name: personName(rand, gender), gender, ethnicity: ethnicity(rand), phone: role === null && rand() < 0.3 ? null : phone(rand),
      phone_public: role === '主任' ? 1 : 0, member_role: role, full_time: fullTime ? 1 : 0,
      term_start: role === null ? null : expired ? '2021-01-15' : '2024-01-15', term_end: role === null ? null : expired ? '2024-01-14' : '2027-01-14',
      left_on: null, updated_at: SEEDED_AT, updated_by: 'demo',
    });
    if (role === '主任') trainings.push({ id: seededUuid(rand, Date.parse(SEEDED_AT)), mediator_id: id, on_date: `${YEAR}-05-16`, title: `${YEAR}年度全县人民调解员业务培训`, hours: 8 });
  };
  for (const plan of plans) {
    for (let m = 0; m < plan.members; m++) {
      const role: MemberRole = m === 0 ? '主任' : m === 1 && plan.members >= 4 ? '副主任' : '委员';
      const gender = m === 1 && plan.hasWoman ? '女' : !plan.hasWoman ? '男' : rand() < 0.15 ? '女' : '男';
      addMediator(plan.committeeId, role, gender, m < plan.fullTime, plan.termExpired);
    }
  }
  // Appointed (聘任, Art 13) mediators at the town committees make up the reported 890.
  for (let i = 0; mediators.length < DEMO_FIGURES.mediators; i++) {
    const town = towns[i % towns.length];
    if (!town) break;
    addMediator(`committee-${town.code}`, null, rand() < 0.3 ? '女' : '男', false, false);
  }

  const legal: Insertable<LegalPersonsTable>[] = [];
  const perVillage: number[] = statutory.map((_, i) => (i % 23 === 4 ? 2 : 5));
  for (let extra = DEMO_FIGURES.legalPersons - perVillage.reduce((a, b) => a + b, 0), i = 0; extra > 0; i = (i + 7) % perVillage.length, extra--) {
    perVillage[i] = (perVillage[i] ?? 0) + 1;
  }
  const addPerson = (kind: '法律明白人' | '示范户', villageCode: string) => {
    legal.push({
      id: seededUuid(rand, Date.parse(SEEDED_AT)), kind, village_code: villageCode, name: personName(rand, rand() < 0.4 ? '女' : '男'),
      phone: phone(rand), phone_public: kind === '法律明白人' && rand() < 0.4 ? 1 : 0, certified_on: day(rand, '2021-09-01', 800), left_on: null,
      updated_at: SEEDED_AT, updated_by: 'demo',
    });
  };
  statutory.forEach((v, i) => {
    for (let n = 0; n < (perVillage[i] ?? 0); n++) addPerson('法律明白人', v.code);
  });
  for (let i = 0; i < DEMO_FIGURES.households; i++) addPerson('示范户', statutory[(i * 5 + 2) % statutory.length]?.code ?? '');

  await store.db.transaction().execute(async (tx) => {
    // Farm living areas (农牧场生活区) are served by their farm's committee, not one of their own.
    await tx.deleteFrom('committees').where('area_code', 'in', farmAreas).execute();
    await tx.insertInto('committees').values(others.map((o, i) => ({
      id: otherIds[i] as string, area_code: null, located_in: o.location, type: o.type, name: o.name, phone: `0475-${6_200_000 + i * 1_117}`,
      address: null, founded_on: `${2015 + (i % 7)}-06-01`, dissolved_on: null, updated_at: SEEDED_AT, updated_by: 'demo',
    }))).execute();
    for (const town of towns) {
      await tx.updateTable('committees').set({ phone: `0475-${6_100_000 + Number(town.code.slice(6))}`, address: `开鲁县${town.name}司法所` })
        .where('area_code', '=', town.code).execute();
    }
    for (let i = 0; i < mediators.length; i += 200) await tx.insertInto('mediators').values(mediators.slice(i, i + 200)).execute();
    for (let i = 0; i < trainings.length; i += 200) await tx.insertInto('mediator_trainings').values(trainings.slice(i, i + 200)).execute();
    for (let i = 0; i < legal.length; i += 200) await tx.insertInto('legal_persons').values(legal.slice(i, i + 200)).execute();
  });
}

/**
 * The demo cases were generated as 300 registrations; the county reported 297 accepted. The
 * difference are registrations later voided as duplicates (作废, through the push path like any
 * other change), picked deterministically among the still-open cases.
 */
export async function matchReportedAcceptance(store: Store): Promise<void> {
  const rows = await store.db.selectFrom('cases').select(['id', 'village_code', 'status', 'outcome', 'voided', 'accepted_on'])
    .where('accepted_on', '>=', `${YEAR}-01-01`).where('accepted_on', '<', `${YEAR + 1}-01-01`).orderBy('id').execute();
  const accepted = rows.filter((r) => countsAccepted({ voided: r.voided !== 0, status: r.status as CaseStatus, outcome: r.outcome as CaseOutcome, acceptedOn: r.accepted_on }));
  const surplus = accepted.length - DEMO_FIGURES.accepted;
  if (surplus < 0) throw new Error(`demo seed: only ${accepted.length} accepted cases, ${DEMO_FIGURES.accepted} reported`);
  const duplicates = accepted.filter((r) => r.status === 'accepted' || r.status === 'mediating').slice(0, surplus);
  const rand = mulberry32(297);
  for (const dup of duplicates) {
    const user = await store.db.selectFrom('users').select(['id', 'username', 'display_name']).where('role', '=', 'mediator')
      .where('scope_code', '=', dup.village_code).orderBy('username').executeTakeFirstOrThrow();
    const principal: Principal = { userId: user.id, username: user.username, displayName: user.display_name, role: 'mediator', scope: dup.village_code };
    const at = `${YEAR}-12-28T02:00:00.000Z`;
    const clientId = seededUuid(rand, Date.parse(at));
    const mutation = {
      name: 'case.void', args: { reason: '重复登记，已与同一纠纷的另一登记合并', at }, mutationId: seededUuid(rand, Date.parse(at)), clientId, seq: 1,
      schemaVersion: SCHEMA_VERSION, caseId: dup.id, baseVersion: 0, deviceTime: at, userId: user.id,
    } as Mutation;
    await push(makeCtx({ store, now: () => new Date(at) }), principal, { protocolVersion: PROTOCOL_VERSION, clientId, mutations: [mutation] }, 'demo-seed');
  }
}

/**
 * Seeds the demo cases (`seedCases`), then the reported figures. On SQLite the bulk load runs
 * with synchronous=OFF (an fsync per demo push would take most of the start-up time; demo data
 * lost to a power cut mid-seed is made again from an empty data directory), and FULL durability
 * is back before the server answers anyone.
 */
export async function withDemoNetwork(store: Store, seedCases: () => Promise<number>): Promise<number> {
  const relaxed = store.kind === 'sqlite';
  if (relaxed) await sql`pragma synchronous = OFF`.execute(store.db);
  try {
    const cases = await seedCases();
    await matchReportedAcceptance(store);
    await seedDemoRegistry(store);
    return cases;
  } finally {
    if (relaxed) await sql`pragma synchronous = FULL`.execute(store.db);
  }
}
