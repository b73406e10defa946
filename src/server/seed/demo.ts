// The demo county: on the first start of an empty database, 开鲁县 with its committees, one
// account per role, a mediator for every village that has cases, and about 300 cases of 2023,
// all pushed through the same push path a phone uses. Deterministic: the same data every time.
import type { Area } from '../../shared/areas.ts';
import { PROTOCOL_VERSION, type PushRequest } from '../../shared/protocol.ts';
import { SCHEMA_VERSION, type Mutation } from '../../shared/mutations.ts';
import { kailuAreas } from './kailu.ts';
import type { Store } from '../store/open.ts';
import type { Role } from '../store/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { hashPassword } from '../auth/passwords.ts';
import { makeCtx } from '../deps.ts';
import { push } from '../sync/push.ts';
import { seedAreas } from './areas.ts';
import { withDemoNetwork } from '../registry/demo-network.ts';
import { planCase } from './demo-cases.ts';
import { planCurrentYear, seedTodaysWork } from './demo-current.ts';
import { personName } from './people.ts';
import { COURT_MEDIATOR, TOWN_MEDIATOR, seedCommitteeWork } from './demo-committees.ts';
import { seedReferrals } from './demo-referrals.ts';
import { mulberry32, seededUuid, weighted } from './random.ts';
import { seedScreening } from './demo-screening.ts';
import { seedDemoSubsidy } from './demo-subsidy.ts';

export const DEMO_PASSWORD = 'shuohe-2023';
export const DEMO_YEAR = 2023;
const CASES = 300;
const HOME_VILLAGE = '150523100200'; // 五家村, 开鲁镇: the village of the `tiaojie` demo mediator

export interface DemoLogin {
  username: string;
  role: Role;
  scope: string;
  area: string;
}

const demoAccounts: readonly DemoLogin[] = [
  { username: 'tiaojie', role: 'mediator', scope: HOME_VILLAGE, area: '开鲁镇五家村' },
  { username: 'tiaojie2', role: 'mediator', scope: '150523101200', area: '大榆树镇榆树村' },
  { username: 'zhen', role: 'town', scope: '150523100', area: '开鲁镇' },
  { username: 'xian', role: 'county', scope: '150523', area: '开鲁县' },
  { username: 'admin', role: 'admin', scope: '', area: '全部地区' },
];

/** Mediators of committees above the village (issue #14), made after the rest (demo-committees.ts). */
const committeeAccounts: readonly DemoLogin[] = [
  { username: TOWN_MEDIATOR, role: 'mediator', scope: '150523100000', area: '开鲁镇人民调解委员会' },
  { username: COURT_MEDIATOR, role: 'mediator', scope: '150523000000', area: '开鲁县人民法院诉前人民调解室' },
];

export function demoLogins(): readonly DemoLogin[] {
  return [...demoAccounts, ...committeeAccounts];
}

/**
 * The demo county, its accounts and cases, into a database without users. Without the demo
 * (DEMO=0) nothing is created but the schema: a county is set up by its administrator.
 */
export async function seedIfEmpty(store: Store, options: { demo: boolean; now?: Date }): Promise<{ seeded: boolean; cases: number }> {
  if (!options.demo) return { seeded: false, cases: 0 };
  const anyUser = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { seeded: false, cases: 0 };
  await seedAreas(store.db, kailuAreas);
  const cases = await withDemoNetwork(store, () => seedDemo(store, options.now));
  await seedDemoSubsidy(store);
  const held = await seedCommitteeWork(store, options.now, committeeAccounts, await hashPassword(DEMO_PASSWORD));
  // 移交 between the home village and its town's committee (demo-referrals.ts): current year only.
  const referred = options.now ? await seedReferrals(store, options.now) : 0;
  return { seeded: true, cases: cases + held + referred };
}

/**
 * The published year, and — given the server's clock (`npm start` passes it; the tests that check
 * the published figures do not) — the current year in progress up to today (demo-current.ts).
 */
export async function seedDemo(store: Store, now?: Date): Promise<number> {
  const rand = mulberry32(20230101);
  const byCode = new Map(kailuAreas.map((a) => [a.code, a]));
  const villages = kailuAreas.filter((a) => a.level === 'village');
  // One hash for every demo account: argon2 is deliberately slow, and these share a password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created = new Date(`${DEMO_YEAR}-01-01T00:00:00Z`);
  const principals = new Map<string, Principal>();
  const teams = new Map<string, readonly [string, string]>();

  const addUser = async (username: string, displayName: string, role: Role, scope: string): Promise<Principal> => {
    const id = seededUuid(rand, created.getTime());
    await store.db.insertInto('users').values({
      id, username, display_name: displayName, password_hash: passwordHash, role, scope_code: scope, disabled: 0, created_at: created.toISOString(),
    }).execute();
    return { userId: id, username, displayName, role, scope };
  };
  let countyPrincipal: Principal | undefined;
  for (const account of demoAccounts) {
    const name = personName(rand, '女');
    const principal = await addUser(account.username, name, account.role, account.scope);
    if (account.role === 'mediator') principals.set(account.scope, principal);
    if (account.role === 'county') countyPrincipal = principal;
  }

  const weights = villages.map((v) => [v, v.code === HOME_VILLAGE ? 12 : v.code.startsWith('150523100') ? 1.6 : v.code.slice(9) >= '500' ? 0.3 : 1] as const);
  const planned = [];
  for (let n = 1; n <= CASES; n++) {
    const village = weighted(rand, weights);
    const town = byCode.get(village.parent ?? '') as Area;
    let team = teams.get(village.code);
    if (!team) {
      team = [personName(rand, rand() < 0.5 ? '男' : '女'), personName(rand, '男')] as const;
      teams.set(village.code, team);
    }
    const day = new Date(Date.UTC(DEMO_YEAR, 0, 1) + Math.floor(rand() * 365) * 86_400_000).toISOString().slice(0, 10);
    planned.push(planCase(rand, village, town, team, day, n));
  }
  planned.sort((a, b) => (a.mutations[0]?.at.getTime() ?? 0) - (b.mutations[0]?.at.getTime() ?? 0));

  const current = now ? planCurrentYear(mulberry32(20260101), { villages: weights, byCode, teams, home: HOME_VILLAGE }, now) : [];
  // 诉调对接's delegated cases are the court's 派驻 committee's (demo-committees.ts), seeded with it.
  const seqs = new Map<string, number>();
  for (const plan of [...planned, ...current]) {
    let principal = principals.get(plan.villageCode);
    if (!principal) {
      const team = teams.get(plan.villageCode) ?? ['调解员', ''];
      principal = await addUser(`m${plan.villageCode}`, team[0], 'mediator', plan.villageCode);
      principals.set(plan.villageCode, principal);
    }
    const clientId = seededUuid(mulberry32(Number(plan.villageCode.slice(6))), created.getTime());
    let seq = seqs.get(clientId) ?? 0;
    const mutations = plan.mutations.map(({ body, at }) => ({
      ...body, mutationId: seededUuid(rand, at.getTime()), clientId, seq: ++seq, schemaVersion: SCHEMA_VERSION, caseId: plan.id,
      baseVersion: 0, deviceTime: at.toISOString(), userId: principal.userId,
    }) as Mutation);
    seqs.set(clientId, seq);
    const last = plan.mutations[plan.mutations.length - 1]?.at ?? created;
    const request: PushRequest = { protocolVersion: PROTOCOL_VERSION, clientId, mutations };
    const response = await push(makeCtx({ store, now: () => last }), principal, request, 'demo-seed');
    const rejected = response.results.find((r) => r.status === 'rejected');
    if (rejected) throw new Error(`demo case ${plan.id} rejected: ${JSON.stringify(rejected)}`);
  }
  if (now) {
    const home = principals.get(HOME_VILLAGE) as Principal;
    await seedTodaysWork(store, home, current, now);
    const county = countyPrincipal as Principal;
    await seedScreening(store, villages, county, home, current, now);
  }
  return planned.length + current.length;
}
