// 移交 never counts a case twice nor loses one (issue #14). Random referral chains over a few
// village cases — refer up to the 镇调委会 or a county committee, 接收, 退回, re-refer, two desks
// deciding at once, close — pushed through the real sync path on SQLite and PostgreSQL. After each
// chain: every case sits once in the cases table, held by the committee the model says (the one
// that last accepted it, else its village); the county roll-up counts every case exactly once and
// its 调解主体 rows add up to it; and the stored totals (cells, stat_totals) equal a live count.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import { rollupByKey, rollupGroups, type Period } from '../../src/shared/stats.ts';
import { liveGroups } from '../../src/server/stats/sql.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser } from '../support/server.ts';
import { Device, agreement, caseRecord } from '../support/server-device.ts';

afterAll(closeTestStores);

const VILLAGES = ['150523100200', '150523100201'] as const;
const period: Period = { from: '2026-01-01', to: '2027-01-01' };

type Action = 'referTown' | 'referCounty' | 'accept' | 'return' | 'race' | 'close';
const actionArb = fc.constantFrom<Action>('referTown', 'referCounty', 'accept', 'return', 'race', 'close', 'referTown', 'accept');

interface Model {
  id: string;
  holder: string;
  open: boolean;
  /** The waiting referral: its id and target. */
  pending: { id: string; to: string } | null;
}

describe.each(storeKinds)('移交 chains on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  let zhentiao: TestUser;
  const committees = { town: '', county: '', village: new Map<string, string>() };
  beforeEach(async () => {
    h = await harness();
    if (zhentiao) return;
    const rows = await h.store.db.selectFrom('committees').select(['id', 'area_code']).where('area_code', 'in', ['150523100', ...VILLAGES]).execute();
    committees.town = rows.find((r) => r.area_code === '150523100')?.id as string;
    for (const v of VILLAGES) committees.village.set(v, rows.find((r) => r.area_code === v)?.id as string);
    // A committee serving the whole county (一站式中心), registered at the county.
    committees.county = uuidv7();
    await h.store.db.insertInto('committees').values({ id: committees.county, area_code: null, located_in: '150523', type: '派驻', name: '开鲁县矛盾纠纷多元化解中心' }).execute();
    const made = await h.call('POST', '/api/accounts', {
      token: h.users.town.token,
      body: { username: `zt-${kind}`, displayName: '镇调解员', role: 'mediator', scope: '', password: 'a long one-time password', committees: [committees.town] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.account.id as string;
    const device = new Device(id);
    zhentiao = { id, username: `zt-${kind}`, role: 'mediator', scope: '150523100000', token: (await createSession(h.store.db, id, device.clientId, h.clock.now)).token, device };
  });

  /** Who acts for the holder (sends, closes): its village's mediator, the town's, or county staff. */
  const holderActor = (m: Model): TestUser => {
    if (m.holder === committees.town) return zhentiao;
    if (m.holder === committees.county) return h.users.county;
    return m.holder === committees.village.get(VILLAGES[0]) ? h.users.med : h.users.med2;
  };
  /** Who decides for the receiver: the 镇调委会 mediator or town staff for the town; county staff for the county. */
  const deciders = (to: string, alt: boolean): TestUser[] => (to === committees.town ? (alt ? [h.users.town, zhentiao] : [zhentiao, h.users.town]) : [h.users.county, h.users.county]);

  async function run(user: TestUser, build: (d: Device) => ReturnType<Device['build']>): Promise<string> {
    const m = build(user.device);
    const reply = await h.push(user, user.device.request([m]));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.results[0]?.status === 'applied' ? 'applied' : `rejected:${reply.body.results[0] && 'code' in reply.body.results[0] ? reply.body.results[0].code : ''}`;
  }

  test('random chains never count a case twice or lose one, and stored totals equal live ones', async () => {
    const all: Model[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...VILLAGES), fc.array(actionArb, { maxLength: 6 })), { minLength: 1, maxLength: 3 }), fc.boolean(),
        async (chains, alt) => {
          for (const [village, actions] of chains) {
            const record = caseRecord(village);
            const creator = village === VILLAGES[0] ? h.users.med : h.users.med2;
            expect(await run(creator, (d) => d.create(record))).toBe('applied');
            const m: Model = { id: record.id, holder: committees.village.get(village) as string, open: true, pending: null };
            all.push(m);
            for (const action of actions) {
              if (action === 'referTown' || action === 'referCounty') {
                const to = action === 'referTown' ? committees.town : committees.county;
                const out = await run(holderActor(m), (d) => d.refer(m.id, to));
                // Never to itself, never down (the county's committee back to a town's).
                const down = to === m.holder || (m.holder === committees.county && to === committees.town);
                const expected = !m.open ? 'rejected:referral.caseClosed' : down ? 'rejected:referral.targetNotAllowed' : m.pending ? 'rejected:referral.alreadyPending' : 'applied';
                expect(out).toBe(expected);
                if (out === 'applied') {
                  const row = await h.store.db.selectFrom('referrals').select('id').where('case_id', '=', m.id).where('status', '=', 'sent').executeTakeFirstOrThrow();
                  m.pending = { id: row.id, to };
                }
              } else if ((action === 'accept' || action === 'return' || action === 'race') && m.pending) {
                const [first, second] = deciders(m.pending.to, alt) as [TestUser, TestUser];
                const accept = action !== 'return';
                const pending = m.pending;
                expect(await run(first, (d) => (accept ? d.acceptReferral(m.id, pending.id) : d.returnReferral(m.id, pending.id)))).toBe('applied');
                if (action === 'race') {
                  // The other desk, offline meanwhile, returned it: refused, and kept on record.
                  expect(await run(second, (d) => d.returnReferral(m.id, pending.id))).toBe('rejected:referral.alreadyDecided');
                }
                if (accept) m.holder = pending.to;
                m.pending = null;
              } else if (action === 'close' && m.open) {
                const actor = holderActor(m);
                const current = await h.store.db.selectFrom('cases').select('status').where('id', '=', m.id).executeTakeFirstOrThrow();
                expect(await run(actor, (d) => d.transition(m.id, { from: current.status as 'accepted', to: 'agreed', agreement }))).toBe('applied');
                m.open = false;
              }
            }
          }
          // Every case once, held where the model says.
          const rows = await h.store.db.selectFrom('cases').select(['id', 'committee_id']).where('id', 'in', all.map((c) => c.id)).execute();
          expect(rows).toHaveLength(all.length);
          expect(Object.fromEntries(rows.map((r) => [r.id, r.committee_id]))).toEqual(Object.fromEntries(all.map((c) => [c.id, c.holder])));
          // The county roll-up: each case once, the 调解主体 rows adding up to it.
          const stats = await h.call<StatsSummary>('GET', `/api/stats?area=150523&from=${period.from}&to=2026-12-31`, { token: h.users.county.token });
          expect(stats.status).toBe(200);
          expect(stats.body.total.accepted).toBe(all.length);
          expect(stats.body.total.succeeded).toBe(all.filter((c) => !c.open).length);
          expect(stats.body.byCommitteeType.reduce((n, r) => n + r.rollup.accepted, 0)).toBe(all.length);
          // Stored (cells and stat_totals) = live, in total and town by town.
          const live = await liveGroups(h.store.read, h.store.kind, { area: '150523', period, by: 'child' });
          expect(stats.body.total).toEqual(rollupGroups(live));
          const byChild = rollupByKey(live);
          for (const child of stats.body.children) if (child.rollup.accepted > 0) expect(child.rollup).toEqual(byChild.get(child.code));
        }),
      {
        numRuns: kind === 'sqlite' ? 12 : 6,
        // Always run besides the random ones: a case referred up twice (accepted, then won by the
        // first of two desks), and one referred, returned and closed. A few random runs may hold
        // no accepted referral at all (seen once in CI), so the check below is not left to chance.
        examples: [[[[VILLAGES[0], ['referTown', 'accept', 'referCounty', 'race']], [VILLAGES[1], ['referTown', 'return', 'close']]], false]],
      },
    );
    // The chains did move cases: some ended with the town's or the county's committee.
    expect(all.some((c) => c.holder === committees.town || c.holder === committees.county)).toBe(true);
  });
});
