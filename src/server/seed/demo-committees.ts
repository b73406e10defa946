// The demo county's committees above the village hold cases too (issue #14): 开鲁镇人民调解委员会
// (the 镇调委会, case numbers （年）开鲁镇调字第N号) with its mediator `zhentiao` and about twenty
// cases of the current year, and the court's 派驻 committee (开鲁县人民法院诉前人民调解室, numbers
// 开鲁县法调) with its mediator `fayuan`, who takes the court's delegated cases. Runs after the
// registry is seeded (the court's committee is one of the registry's ten "others"), so the
// published 2023 figures stay exactly as they were: these cases are all of the current year.
import type { Area } from '../../shared/areas.ts';
import { addDays, daysBetween, localDate } from '../../shared/dates.ts';
import { caseAreaOf } from '../../shared/committee-area.ts';
import { PROTOCOL_VERSION, type PushRequest } from '../../shared/protocol.ts';
import { SCHEMA_VERSION, type Mutation } from '../../shared/mutations.ts';
import type { Store } from '../store/open.ts';
import type { Principal } from '../auth/principal.ts';
import { makeCtx } from '../deps.ts';
import { push } from '../sync/push.ts';
import { planCase, type PlannedCase } from './demo-cases.ts';
import { planCourtCases } from './demo-court.ts';
import { personName } from './people.ts';
import { int, mulberry32, seededUuid } from './random.ts';

export const TOWN_MEDIATOR = 'zhentiao';
export const COURT_MEDIATOR = 'fayuan';
const TOWN = '150523100'; // 开鲁镇
const TOWN_CASES = 20;

/** The seeded committees' short names, and their mediators' memberships. */
export async function seedCommitteeWork(
  store: Store, now: Date | undefined, accounts: readonly { username: string; scope: string }[], passwordHash: string,
): Promise<number> {
  const db = store.db;
  // Their own seeded names, so the rest of the demo (seeded before) stays exactly as it was.
  const names = mulberry32(20261207);
  for (const [i, a] of accounts.entries()) {
    await db.insertInto('users').values({
      id: seededUuid(names, Date.UTC(2023, 0, 1) + i), username: a.username, display_name: personName(names, i === 0 ? '男' : '女'), password_hash: passwordHash,
      role: 'mediator', scope_code: a.scope, disabled: 0, created_at: '2023-01-01T00:00:00.000Z',
    }).execute();
  }
  const town = await db.selectFrom('committees').select(['id', 'name']).where('area_code', '=', TOWN).executeTakeFirstOrThrow();
  const court = await db.selectFrom('committees').select(['id', 'name']).where('kind', '=', '派驻').where('location', '=', TOWN.slice(0, 6))
    .where('name', 'like', '%法院%').executeTakeFirstOrThrow();
  await db.updateTable('committees').set({ short_name: '开鲁镇调' }).where('id', '=', town.id).execute();
  await db.updateTable('committees').set({ short_name: '开鲁县法调' }).where('id', '=', court.id).execute();
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', 'in', [TOWN_MEDIATOR, COURT_MEDIATOR]).execute();
  const user = (name: string) => users.find((u) => u.username === name);
  const zhen = user(TOWN_MEDIATOR);
  const fayuan = user(COURT_MEDIATOR);
  if (!zhen || !fayuan) throw new Error('demo committee mediators missing');
  await db.insertInto('user_committees').values([{ user_id: zhen.id, committee_id: town.id }, { user_id: fayuan.id, committee_id: court.id }]).execute();
  if (!now) return 0;

  // The 镇调委会's own cases: disputes brought to the town, dated through the year so far.
  const rand = mulberry32(20260414);
  const areaCode = caseAreaOf(TOWN);
  const townArea = await db.selectFrom('areas').select(['code', 'name', 'level', 'parent']).where('code', '=', TOWN).executeTakeFirstOrThrow();
  const place: Area = { code: areaCode, name: townArea.name, level: 'village', parent: TOWN };
  const townAsArea: Area = { code: TOWN, name: townArea.name, level: 'town', parent: townArea.parent };
  const today = localDate(now);
  const span = Math.max(1, Math.min(330, daysBetween(`${today.slice(0, 4)}-01-01`, today)));
  const team = [zhen.display_name, personName(rand, '男')] as const;
  const townPlans = [];
  for (let n = 1; n <= TOWN_CASES; n++) townPlans.push(planCase(rand, place, townAsArea, team, addDays(today, -int(rand, 1, span)), 7000 + n));
  const townDevice = seededUuid(mulberry32(100), Date.parse(`${today}T00:00:00Z`));
  let count = await pushHeld(store, rand, { user: zhen, username: TOWN_MEDIATOR, area: areaCode, committee: town, clientId: townDevice }, townPlans, now);

  // 诉调对接 (demo-court.ts): the cases the county's court delegated or entrusted this year, held by
  // the court's 派驻 committee at the county (…000000), so `fayuan`'s phone pulls them and the
  // report's 调解主体 split counts them under 派驻.
  const countyArea = await db.selectFrom('areas').select(['code', 'name', 'level', 'parent']).where('code', '=', TOWN.slice(0, 6)).executeTakeFirstOrThrow();
  const courtArea = caseAreaOf(countyArea.code);
  const courtPlace: Area = { code: courtArea, name: countyArea.name, level: 'village', parent: countyArea.code };
  const countyAsArea: Area = { code: courtArea.slice(0, 9), name: countyArea.name, level: 'town', parent: countyArea.code };
  const courtRand = mulberry32(20261201);
  const courtTeam = [fayuan.display_name, personName(courtRand, '女')] as const;
  const courtPlans = planCourtCases(courtRand, courtPlace, countyAsArea, courtTeam, { code: countyArea.code, name: countyArea.name, level: 'county', parent: countyArea.parent }, now);
  const courtDevice = seededUuid(mulberry32(101), Date.parse(`${today}T00:00:00Z`));
  count += await pushHeld(store, courtRand, { user: fayuan, username: COURT_MEDIATOR, area: courtArea, committee: court, clientId: courtDevice }, courtPlans, now);
  return count;
}

interface Holder {
  user: { id: string; display_name: string };
  username: string;
  /** The 12-digit area the committee's cases carry. */
  area: string;
  committee: { id: string; name: string };
  clientId: string;
}

/** Pushes the planned cases as the committee's mediator would from their phone, held by the committee. */
async function pushHeld(store: Store, rand: () => number, holder: Holder, plans: readonly PlannedCase[], now: Date): Promise<number> {
  const { user, committee, clientId } = holder;
  const principal: Principal = { userId: user.id, username: holder.username, displayName: user.display_name, role: 'mediator', scope: holder.area, committeeIds: [committee.id] };
  let seq = 0;
  let count = 0;
  for (const plan of plans) {
    const kept = plan.mutations.filter((m) => m.at.getTime() <= now.getTime());
    if (kept.length === 0) continue;
    const mutations = kept.map(({ body, at }) => {
      const held = body.name === 'case.create'
        ? { ...body, args: { record: { ...body.args.record, committeeId: committee.id, committeeName: committee.name, private: { ...body.args.record.private, place: committee.name.endsWith("调解室") ? committee.name : `${committee.name}调解室` } } } }
        : body;
      return {
        ...held, mutationId: seededUuid(rand, at.getTime()), clientId, seq: ++seq, schemaVersion: SCHEMA_VERSION, caseId: plan.id,
        baseVersion: 0, deviceTime: at.toISOString(), userId: user.id,
      } as Mutation;
    });
    const last = kept[kept.length - 1]?.at ?? now;
    const request: PushRequest = { protocolVersion: PROTOCOL_VERSION, clientId, mutations };
    const response = await push(makeCtx({ store, now: () => last }), principal, request, 'demo-seed');
    const rejected = response.results.find((r) => r.status === 'rejected');
    if (rejected) throw new Error(`demo ${committee.name} case ${plan.id} rejected: ${JSON.stringify(rejected)}`);
    count++;
  }
  return count;
}
