// The demo county's 排查 and 上报 for the current year (issue #14), pushed through the real sync
// push like the demo's cases, so every row is checked and has its change_log row. Each village's
// committee holds about one round a month up to today; a few villages miss a month here and there
// and about a quarter have not reported this month yet, so the town's coverage shows gaps. Most
// rounds find nothing or one or two disputes, mostly 已化解 on the spot (预防); in the home village
// three of this year's cases began as a finding of the round held the day they were accepted.
// One red and two yellow 上报 wait, unacknowledged, at the town.
import type { Area } from '../../shared/areas.ts';
import { addDays, localDate } from '../../shared/dates.ts';
import { PROTOCOL_VERSION, type PushRequest } from '../../shared/protocol.ts';
import { SCHEMA_VERSION, type Mutation, type MutationBody } from '../../shared/mutations.ts';
import type { ScreeningFinding, ScreeningRecord } from '../../shared/screening.ts';
import type { AlertRecord } from '../../shared/alerts.ts';
import { PUSH_BATCH } from '../../shared/protocol.ts';
import type { Store } from '../store/open.ts';
import type { Principal } from '../auth/principal.ts';
import { makeCtx } from '../deps.ts';
import { push } from '../sync/push.ts';
import type { PlannedCase } from './demo-cases.ts';
import { int, mulberry32, pick, seededUuid, type Rand } from './random.ts';

const findingsTold = [
  ['两户因院墙滴水发生口角', '调解员到场讲明相邻关系，双方同意加装接水槽'],
  ['承包地地头界址不清引发争执', '对照确权图现场划界，双方认可'],
  ['儿女对老人赡养分工有意见', '召集兄妹三人商定轮流赡养'],
  ['邻里因散养家禽毁坏菜地争吵', '养殖户当场赔偿菜苗，承诺圈养'],
  ['农机作业压坏邻地青苗', '双方商定按市价赔偿'],
  ['宅基地通道被柴草堵占', '当场清理通道，双方和解'],
] as const;

const participantsTold = ['调委会主任、网格员、法律明白人', '调委会委员、村民小组长', '调解员、驻村干部、法律明白人'];
const placesTold = ['一组、二组', '三组及村部周边', '全村各组', '四组、五组'];

function round(rand: Rand, village: string, heldOn: string, findings: ScreeningFinding[]): ScreeningRecord {
  const at = `${heldOn}T02:00:00.000Z`;
  return {
    id: seededUuid(rand, Date.parse(at)), areaCode: village, townCode: village.slice(0, 9), countyCode: village.slice(0, 6), heldOn,
    participants: pick(rand, participantsTold), place: pick(rand, placesTold), findings,
    keyPersons: rand() < 0.2 ? '独居老人一户，已安排邻居照看' : '', hazards: rand() < 0.15 ? '灌溉用水分配时间未定，春灌时易起争执' : '',
    author: '', createdAt: at, updatedAt: at, version: 0,
  };
}

function someFindings(rand: Rand, heldOn: string): ScreeningFinding[] {
  const n = rand() < 0.55 ? 0 : rand() < 0.75 ? 1 : 2;
  return Array.from({ length: n }, () => {
    const [summary, note] = pick(rand, findingsTold);
    const resolved = rand() < 0.8;
    return { id: seededUuid(rand, Date.parse(`${heldOn}T02:00:00Z`)), summary, persons: int(rand, 2, 4), state: resolved ? 'resolved' as const : 'open' as const, caseId: null, note: resolved ? note : '' };
  });
}

/** The months from January up to (and including) today's, as their 10th day or today if earlier. */
function roundDays(rand: Rand, today: string): string[] {
  const year = today.slice(0, 4);
  const days: string[] = [];
  for (let m = 1; m <= Number(today.slice(5, 7)); m++) {
    const day = `${year}-${String(m).padStart(2, '0')}-${String(int(rand, 3, 25)).padStart(2, '0')}`;
    days.push(day > today ? today : day);
  }
  return days;
}

async function pushAll(store: Store, principal: Principal, clientId: string, bodies: { body: MutationBody; id: string }[], at: Date): Promise<void> {
  const rand = mulberry32(Number.parseInt(clientId.slice(0, 8), 16));
  let seq = 0;
  for (let i = 0; i < bodies.length; i += PUSH_BATCH) {
    const mutations = bodies.slice(i, i + PUSH_BATCH).map(({ body, id }) => ({
      ...body, mutationId: seededUuid(rand, at.getTime()), clientId, seq: ++seq, schemaVersion: SCHEMA_VERSION, caseId: id,
      baseVersion: 0, deviceTime: at.toISOString(), userId: principal.userId,
    }) as Mutation);
    const request: PushRequest = { protocolVersion: PROTOCOL_VERSION, clientId, mutations };
    const response = await push(makeCtx({ store, now: () => at }), principal, request, 'demo-seed');
    const rejected = response.results.find((r) => r.status === 'rejected');
    if (rejected) throw new Error(`demo 排查/上报 rejected: ${JSON.stringify(rejected)}`);
  }
}

export async function seedScreening(store: Store, villages: readonly Area[], county: Principal, home: Principal, current: readonly PlannedCase[], now: Date): Promise<void> {
  const rand = mulberry32(20260214);
  const today = localDate(now);
  // The home village's 评理说事点 (domain.md §6.3), where residents bring matters to the 说事员.
  const committee = await store.db.selectFrom('committees').select('id').where('area_code', '=', home.scope).executeTakeFirst();
  if (committee) {
    await store.db.insertInto('intake_points').values([
      { id: seededUuid(rand, now.getTime()), committee_id: committee.id, village_code: home.scope, name: '村部评理说事点', keeper: '村民组长', address: '村部一楼', closed_on: null, updated_at: now.toISOString(), updated_by: 'demo' },
      { id: seededUuid(rand, now.getTime()), committee_id: committee.id, village_code: home.scope, name: '三组说事点', keeper: '法律明白人', address: '三组文化大院', closed_on: null, updated_at: now.toISOString(), updated_by: 'demo' },
    ]).execute();
  }
  const thisMonth = today.slice(0, 7);
  const rounds: ScreeningRecord[] = [];
  for (const village of villages) {
    if (village.code === home.scope) continue;
    for (const day of roundDays(rand, today)) {
      // A missed month now and then; this month, about a quarter have not reported yet.
      if (rand() < (day.startsWith(thisMonth) ? 0.25 : 0.08)) continue;
      rounds.push(round(rand, village.code, day, someFindings(rand, day)));
    }
  }
  await pushAll(store, county, seededUuid(mulberry32(77), Date.parse(`${today}T00:00:00Z`)), rounds.map((r) => ({ body: { name: 'screening.save', args: { record: r } }, id: r.id })), now);

  // The home village: a round each month; three of this year's cases began as a finding of the
  // round held the day they were accepted (linked), and the round of this month found one dispute
  // that is reported upward.
  const accepted = current.filter((p) => p.villageCode === home.scope).map((p) => ({ id: p.id, on: acceptedOn(p) })).filter((p) => p.on !== undefined).slice(-3);
  const homeRounds: ScreeningRecord[] = roundDays(rand, today).map((day) => round(rand, home.scope, day, someFindings(rand, day)));
  for (const c of accepted) {
    const [summary] = pick(rand, findingsTold);
    homeRounds.push(round(rand, home.scope, c.on as string, [{ id: seededUuid(rand, Date.parse(`${c.on}T02:00:00Z`)), summary, persons: 2, state: 'case', caseId: c.id, note: '' }]));
  }
  const hard: ScreeningFinding = { id: seededUuid(rand, now.getTime()), summary: '三户与养殖场因粪污排放争执多年，村里调解两次未成', persons: 4, state: 'open', caseId: null, note: '' };
  const latest = round(rand, home.scope, addDays(today, -1) < `${thisMonth}-01` ? today : addDays(today, -1), [hard]);
  homeRounds.push(latest);
  const homeClient = seededUuid(mulberry32(78), Date.parse(`${today}T00:00:00Z`));
  const reportedAt = new Date(now.getTime() - 5 * 3_600_000);
  const alert = (grade: AlertRecord['grade'], reasons: AlertRecord['reasons'], persons: number, summary: string, source: Partial<AlertRecord>): AlertRecord => ({
    id: seededUuid(rand, reportedAt.getTime()), grade, reasons, persons, summary, caseId: null, screeningId: null, findingId: null,
    areaCode: home.scope, townCode: home.scope.slice(0, 9), countyCode: home.scope.slice(0, 6), reportedBy: '', reportedByName: '', reportedAt: '', ack: null, version: 0, ...source,
  });
  const open = current.filter((p) => p.villageCode === home.scope);
  const redCase = open[open.length - 1];
  const yellowCase = open[open.length - 2];
  const alerts: AlertRecord[] = [
    ...(redCase ? [alert('red', ['group', 'safety'], 7, '七户因灌溉机井使用顺序发生推搡，有人扬言动手，需乡镇和派出所介入', { caseId: redCase.id })] : []),
    ...(yellowCase ? [alert('yellow', ['difficult'], 2, '遗产分割涉及多名在外子女，村里难以召集，请司法所指导', { caseId: yellowCase.id })] : []),
    alert('yellow', ['difficult'], 4, hard.summary, { screeningId: latest.id, findingId: hard.id }),
  ];
  await pushAll(store, home, homeClient, [
    ...homeRounds.map((r) => ({ body: { name: 'screening.save', args: { record: r } } as MutationBody, id: r.id })),
    ...alerts.map((a) => ({ body: { name: 'alert.raise', args: { alert: a } } as MutationBody, id: a.id })),
  ], reportedAt);
}

function acceptedOn(p: PlannedCase): string | undefined {
  const create = p.mutations.find((m) => m.body.name === 'case.create');
  return create && create.body.name === 'case.create' ? create.body.args.record.acceptedOn : undefined;
}
