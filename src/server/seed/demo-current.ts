// The demo's current year, dated from the server's clock so a newcomer finds work waiting today:
// cases of the year so far (each as far along as its own timeline has reached by today), in the
// home village a few still 调解中 and due within the week and two agreements waiting for their
// 回访, a same-field conflict between two of the mediator's phones in 待核对, and new 申请调解
// from residents. The published 2023 year is planned before this and stays exactly as it was.
import type { Area } from '../../shared/areas.ts';
import { addDays, daysBetween, localDate } from '../../shared/dates.ts';
import { categoryWeights } from './stories.ts';
import { PROTOCOL_VERSION, type PushRequest } from '../../shared/protocol.ts';
import { SCHEMA_VERSION, type Mutation } from '../../shared/mutations.ts';
import type { Store } from '../store/open.ts';
import type { Principal } from '../auth/principal.ts';
import { makeCtx } from '../deps.ts';
import { push } from '../sync/push.ts';
import { planCase, type PlannedCase } from './demo-cases.ts';
import { personName } from './people.ts';
import { int, mulberry32, pick, seededUuid, weighted, type Rand } from './random.ts';

const CASES = 60;

interface Network {
  villages: readonly (readonly [Area, number])[];
  byCode: ReadonlyMap<string, Area>;
  teams: Map<string, readonly [string, string]>;
  home: string;
}

/** Keeps a case's mutations up to the first one `keep` refuses (its lifecycle stays a prefix). */
function upTo(plan: PlannedCase, keep: (m: PlannedCase['mutations'][number]) => boolean): PlannedCase {
  const cut = plan.mutations.findIndex((m) => !keep(m));
  return cut < 0 ? plan : { ...plan, mutations: plan.mutations.slice(0, cut) };
}

const isTransitionTo = (m: PlannedCase['mutations'][number], to: string) => m.body.name === 'case.transition' && m.body.args.to === to;

export function planCurrentYear(rand: Rand, network: Network, now: Date): PlannedCase[] {
  const today = localDate(now);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const span = Math.max(0, daysBetween(yearStart, today));
  const teamOf = (village: Area) => {
    let team = network.teams.get(village.code);
    if (!team) {
      team = [personName(rand, rand() < 0.5 ? '男' : '女'), personName(rand, '男')] as const;
      network.teams.set(village.code, team);
    }
    return team;
  };
  const plan = (village: Area, acceptedOn: string, n: number) => planCase(rand, village, network.byCode.get(village.parent ?? '') as Area, teamOf(village), acceptedOn, n);
  const notLater = (m: PlannedCase['mutations'][number]) => m.at.getTime() <= now.getTime();
  const plans: PlannedCase[] = [];
  for (let n = 1; n <= CASES; n++) {
    const village = weighted(rand, network.villages);
    plans.push(upTo(plan(village, addDays(today, -int(rand, 1, Math.max(1, Math.min(span, 330)))), 5000 + n), notLater));
  }
  const home = network.byCode.get(network.home) as Area;
  // Due this week: accepted 24–28 days ago and still being mediated (一个月内调结, 若干规定 Art 20).
  for (const [i, daysAgo] of [24, 26, 28].entries()) {
    const open = plan(home, addDays(today, -daysAgo), 5100 + i);
    plans.push(upTo(open, (m) => notLater(m) && (m.body.name === 'case.create' || isTransitionTo(m, 'mediating') || m.body.name === 'event.append') && !isSessionEvent(m)));
  }
  // Agreed two to three weeks ago, 回访 not yet made.
  for (const [i, daysAgo] of [15, 19].entries()) {
    let agreed = plan(home, addDays(today, -daysAgo - 5), 5200 + i);
    for (let tries = 0; !agreed.mutations.some((m) => isTransitionTo(m, 'agreed')) && tries < 20; tries++) agreed = plan(home, addDays(today, -daysAgo - 5), 5200 + i);
    let seen = false;
    plans.push(upTo(agreed, (m) => {
      if (seen) return false;
      if (isTransitionTo(m, 'agreed')) seen = true;
      return notLater(m);
    }));
  }
  return plans.filter((p) => p.mutations.length > 0).sort((a, b) => (a.mutations[0]?.at.getTime() ?? 0) - (b.mutations[0]?.at.getTime() ?? 0));
}

function isSessionEvent(m: PlannedCase['mutations'][number]): boolean {
  return m.body.name === 'event.append' && m.body.args.event.kind === 'session';
}

/**
 * Work that waits for people today: two of the home mediator's phones changed the 纠纷类型 of one
 * open case differently while offline (a conflict for 待核对), and residents' new 申请调解.
 */
export async function seedTodaysWork(store: Store, mediator: Principal, plans: readonly PlannedCase[], now: Date): Promise<void> {
  const rand = mulberry32(7);
  const today = localDate(now);
  const open = [...plans].reverse().find((p) => p.villageCode === mediator.scope && p.mutations.every((m) => !isTransitionTo(m, 'agreed') && !isTransitionTo(m, 'terminated') && !isTransitionTo(m, 'rejected')));
  if (open) {
    const row = await store.db.selectFrom('cases').select(['data', 'version']).where('id', '=', open.id).executeTakeFirstOrThrow();
    const category = (JSON.parse(row.data) as { categoryCode: string }).categoryCode;
    const others = categoryWeights.map(([code]) => code).filter((code) => code !== category);
    const choices = [pick(rand, others), ''];
    choices[1] = pick(rand, others.filter((c) => c !== choices[0]));
    for (const [i, next] of choices.entries()) {
      const clientId = seededUuid(mulberry32(900 + i), Date.parse(`${today}T00:00:00Z`));
      const at = new Date(Math.min(now.getTime(), Date.parse(`${today}T01:00:00Z`) + i * 600_000));
      const mutation = {
        name: 'case.patch', patch: { categoryCode: { base: category, next } }, mutationId: seededUuid(rand, at.getTime()), clientId, seq: 1,
        schemaVersion: SCHEMA_VERSION, caseId: open.id, baseVersion: Number(row.version), deviceTime: at.toISOString(), userId: mediator.userId,
      } as Mutation;
      const request: PushRequest = { protocolVersion: PROTOCOL_VERSION, clientId, mutations: [mutation] };
      await push(makeCtx({ store, now: () => at }), mediator, request, 'demo-seed');
    }
  }
  const requests = [
    { village: mediator.scope, daysAgo: 0, category: '02', facts: '邻居在两家之间的通道上堆放柴草，出入不便，多次协商无果，希望村调委会出面调解。' },
    { village: mediator.scope, daysAgo: 1, category: '01', facts: '儿子儿媳不按约定支付赡养费，老人生活困难，希望调解员帮忙说和。' },
  ];
  for (const [i, r] of requests.entries()) {
    const created = new Date(Math.min(now.getTime(), Date.parse(`${addDays(today, -r.daysAgo)}T02:00:00Z`) + i * 60_000));
    await store.db.insertInto('mediation_requests').values({
      id: seededUuid(rand, created.getTime()), village_code: r.village, town_code: r.village.slice(0, 9), county_code: r.village.slice(0, 6),
      applicant_name: personName(rand, '女'), phone: `139${String(int(rand, 10_000_000, 99_999_999))}`, other_party: personName(rand, '男'),
      category_code: r.category, facts: r.facts, status: 'new', refuse_reason: null, created_at: created.toISOString(), received_at: created.toISOString(),
      decided_at: null, decided_by: null, secret_hash: null,
    }).execute();
  }
}
