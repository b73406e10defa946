// The demo county's 移交 (issue #14), pushed through the real sync push like the rest of the demo,
// so each is checked by the server's rules and has its change_log rows and case history. Three
// open cases of the home village (五家村, `tiaojie`) go to 开鲁镇人民调解委员会 (`zhentiao`):
// - one waits at the town (sent two days ago): the town's inbox and 待办 show it with its clock;
// - one was accepted by `zhentiao` and mediated there to an agreement: the village's 移交 screen
//   shows the outcome, the case itself is the town's now;
// - one was returned by the 司法所 (`zhen`) with a reason: it stays with the village.
// The three are cases of their own, accepted in the village in the last weeks, so the rest of the
// demo (the week's due cases, the published year) stays as it was.
import { addDays, localDate } from '../../shared/dates.ts';
import { PROTOCOL_VERSION, type PushRequest } from '../../shared/protocol.ts';
import { SCHEMA_VERSION, type Mutation, type MutationBody } from '../../shared/mutations.ts';
import { noPrevention, type CaseRecord } from '../../shared/case.ts';
import type { Store } from '../store/open.ts';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../store/schema.ts';
import { committeeIdsOf } from '../committees/membership.ts';
import { makeCtx } from '../deps.ts';
import { push } from '../sync/push.ts';
import { mulberry32, seededUuid } from './random.ts';

const HOME = '150523100200';
const TOWN = '150523100';

async function principalOf(store: Store, username: string): Promise<Principal> {
  const u = await store.db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'scope_code']).where('username', '=', username).executeTakeFirstOrThrow();
  const role = u.role as Role;
  return { userId: u.id, username: u.username, displayName: u.display_name, role, scope: u.scope_code, committeeIds: await committeeIdsOf(store.db, u.id, role, u.scope_code) };
}

const told = [
  ['07', '李桂兰', '赵德胜', '两户承包地地界因新修机耕路改道产生争议，涉及邻村三户，已争执两个月。', '重新确认地界'],
  ['03', '孙玉梅', '孙国富', '兄弟二人因父母遗留宅基地上的偏房归属争执，互不相让。', '确认偏房归属'],
  ['05', '刘春生', '周建华', '多户村民流转给合作社的土地，合作社拖欠第二年流转费。', '支付拖欠的土地流转费'],
] as const;

function heldCase(rand: () => number, n: number, acceptedOn: string, mediator: string): CaseRecord {
  const [categoryCode, applicant, respondent, facts, claim] = told[n] as (typeof told)[number];
  const at = `${acceptedOn}T02:00:00.000Z`;
  return {
    id: seededUuid(rand, Date.parse(at)), version: 0, villageCode: HOME, townCode: TOWN, countyCode: HOME.slice(0, 6),
    committeeName: '五家村人民调解委员会', caseNo: null, provisionalNo: `临${String(9001 + n)}`, status: 'accepted', outcome: null,
    categoryCode, source: '申请', acceptedOn, mediators: [mediator], isDifficult: true, prevention: noPrevention(),
    agreement: null, termination: null, rejection: null,
    private: {
      parties: [{ id: seededUuid(rand, Date.parse(at)), role: '申请人', name: applicant }, { id: seededUuid(rand, Date.parse(at)), role: '被申请人', name: respondent }],
      facts, claims: [claim], place: '五家村',
    },
    needsReview: false, voided: null, createdAt: at, updatedAt: at,
  };
}

/** Seeds the three; returns how many cases it created. */
export async function seedReferrals(store: Store, now: Date): Promise<number> {
  const rand = mulberry32(20261207);
  const today = localDate(now);
  const town = await store.db.selectFrom('committees').select('id').where('area_code', '=', TOWN).executeTakeFirstOrThrow();
  const [village, zhentiao, zhen] = [await principalOf(store, 'tiaojie'), await principalOf(store, 'zhentiao'), await principalOf(store, 'zhen')];
  const [accepted, returned, waiting] = [heldCase(rand, 0, addDays(today, -16), village.displayName), heldCase(rand, 1, addDays(today, -10), village.displayName), heldCase(rand, 2, addDays(today, -3), village.displayName)];
  const seqs = new Map<string, number>();
  // One phone each (a UUIDv7's first digits are its time: seeded apart by who it is, not by the id).
  const phones = new Map([village, zhentiao, zhen].map((p, i) => [p.userId, seededUuid(mulberry32(300 + i), Date.parse(`${today}T00:00:00Z`))]));
  const send = async (who: Principal, at: Date, caseId: string, body: MutationBody) => {
    const clientId = phones.get(who.userId) as string;
    const seq = (seqs.get(clientId) ?? 0) + 1;
    seqs.set(clientId, seq);
    const m = { ...body, mutationId: seededUuid(rand, at.getTime()), clientId, seq, schemaVersion: SCHEMA_VERSION, caseId, baseVersion: 0, deviceTime: at.toISOString(), userId: who.userId } as Mutation;
    const request: PushRequest = { protocolVersion: PROTOCOL_VERSION, clientId, mutations: [m] };
    const response = await push(makeCtx({ store, now: () => at }), who, request, 'demo-seed');
    const rejected = response.results.find((r) => r.status === 'rejected');
    if (rejected) throw new Error(`demo 移交 rejected: ${JSON.stringify(rejected)}`);
  };
  const daysAgo = (d: number, hour = 2) => new Date(Date.parse(`${addDays(today, -d)}T0${hour}:00:00.000Z`));
  const refer = (c: CaseRecord, d: number, reason: string) => {
    const id = seededUuid(rand, daysAgo(d).getTime());
    return send(village, daysAgo(d), c.id, { name: 'referral.send', args: { referral: { id, toCommitteeId: town.id, reason, at: daysAgo(d).toISOString() } } }).then(() => id);
  };

  for (const [c, d] of [[accepted, 16], [returned, 10], [waiting, 3]] as const) await send(village, daysAgo(d), c.id, { name: 'case.create', args: { record: c } });
  // Accepted on the day after it was sent, mediated to a written agreement a week later.
  const acceptedId = await refer(accepted, 14, '纠纷涉及邻村村民，村调委会两次调解未成，请镇调委会主持调解');
  await send(zhentiao, daysAgo(13), accepted.id, { name: 'referral.accept', args: { referralId: acceptedId, at: daysAgo(13).toISOString() } });
  const agreedOn = addDays(today, -6);
  await send(zhentiao, daysAgo(6, 6), accepted.id, {
    name: 'case.transition',
    args: {
      from: accepted.status, to: 'agreed', eventId: seededUuid(rand, daysAgo(6).getTime()), at: daysAgo(6, 6).toISOString(),
      agreement: { form: '书面', terms: ['双方按镇调委会现场划定的界线各自管理，互不越界耕种'], performanceMethod: '当场履行', performanceDeadline: addDays(today, 24), amountYuan: 0, effectiveOn: agreedOn },
    },
  });
  // Returned by the 司法所: the village can mediate it itself.
  const returnedId = await refer(returned, 9, '当事人情绪激动，申请镇里出面');
  await send(zhen, daysAgo(8), returned.id, { name: 'referral.return', args: { referralId: returnedId, reason: '争议标的小、双方同村，宜由村调委会先行调解；镇调委会可派员协助', at: daysAgo(8).toISOString() } });
  // Waiting at the town.
  await refer(waiting, 2, '涉及多户村民的土地流转纠纷，需镇调委会统一调解');
  return 3;
}
