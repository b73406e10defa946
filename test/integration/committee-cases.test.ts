// Any registered committee holds cases (issue #14): a 镇调委会 mediator made on the accounts API
// pushes cases under the town committee, numbered by its short name; their phone pulls those and
// none of the villages'; the village mediator's phone is unchanged; town and county staff see
// both; the server refuses a case or a write for a committee the account does not belong to; and
// the statistics count each case once, by the type of the committee that holds it.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { Change } from '../../src/shared/protocol.ts';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import { BOM, parseCsv } from '../../src/shared/csv.ts';
import { t } from '../../src/shared/i18n/index.ts';
import { committeeTypes } from '../../src/shared/network.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser } from '../support/server.ts';
import { Device, caseRecord } from '../support/server-device.ts';

afterAll(closeTestStores);

const caseIds = (changes: Change[]) => changes.filter((c) => c.entity === 'case' && c.op === 'upsert').map((c) => c.id);

describe.each(storeKinds)('committees hold cases on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  /** A 镇调委会 mediator, created by town staff through the accounts API, signed in on a phone. */
  async function townMediator(townCommittee: string): Promise<TestUser> {
    const made = await h.call('POST', '/api/accounts', {
      token: h.users.town.token,
      body: { username: `zhentiao-${kind}`, displayName: '镇调解员', role: 'mediator', scope: '', password: 'a long one-time password', committees: [townCommittee] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.account.scope).toBe('150523100000');
    const id = made.body.account.id as string;
    const device = new Device(id);
    const { token } = await createSession(h.store.db, id, device.clientId, h.clock.now);
    return { id, username: `zhentiao-${kind}`, role: 'mediator', scope: '150523100000', token, device };
  }

  test('a 镇调委会 mediator pulls its committee\'s cases and none of the villages\'; staff see both; counted once by 调解主体', async () => {
    const { med, town, townB, county } = h.users;
    const committees = await h.store.db.selectFrom('committees').select(['id', 'area_code']).where('area_code', 'in', ['150523100', '150523100200']).execute();
    const townCommittee = committees.find((c) => c.area_code === '150523100')?.id as string;
    const villageCommittee = committees.find((c) => c.area_code === '150523100200')?.id as string;
    expect(townCommittee).toBeTruthy();
    await h.store.db.updateTable('committees').set({ short_name: '开鲁镇调' }).where('id', '=', townCommittee).execute();

    // The accounts screen offers the town's committees, its own among them.
    const offered = await h.call('GET', '/api/accounts/committees', { token: town.token });
    expect(offered.body.committees.map((c: { id: string }) => c.id)).toContain(townCommittee);
    const zhen = await townMediator(townCommittee);
    const me = await h.call('GET', '/api/me', { token: zhen.token });
    expect(me.body.committees).toEqual([{ id: townCommittee, name: '开鲁镇人民调解委员会', type: '乡镇/街道', areaCode: '150523100000' }]);

    // The town committee's case: its area is the town's, in 12 digits; its number the committee's.
    const townCase = caseRecord('150523100000', { committeeId: townCommittee, committeeName: '开鲁镇人民调解委员会' });
    const pushed = await h.push(zhen, zhen.device.request([zhen.device.create(townCase)]));
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.results[0]?.status).toBe('applied');
    // A village case, pushed by a phone that knows nothing of committees (as before #14).
    const villageCase = caseRecord('150523100200');
    expect((await h.push(med, med.device.request([med.device.create(villageCase)]))).body.results[0]?.status).toBe('applied');

    const rows = await h.store.db.selectFrom('cases').select(['id', 'committee_id', 'case_no', 'village_code', 'town_code']).where('id', 'in', [townCase.id, villageCase.id]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(townCase.id)).toMatchObject({ committee_id: townCommittee, case_no: '（2026）开鲁镇调字第1号', village_code: '150523100000', town_code: '150523100' });
    expect(byId.get(villageCase.id)?.committee_id).toBe(villageCommittee);

    // Phones: each gets its own committee's case only.
    const zhenPull = caseIds((await h.pullAll(zhen)).changes);
    expect(zhenPull).toContain(townCase.id);
    expect(zhenPull).not.toContain(villageCase.id);
    const medPull = caseIds((await h.pullAll(med)).changes);
    expect(medPull).toContain(villageCase.id);
    expect(medPull).not.toContain(townCase.id);
    // Town staff see every case of their town, the county all; another town neither.
    const townPull = caseIds((await h.pullAll(town)).changes);
    expect(townPull).toEqual(expect.arrayContaining([townCase.id, villageCase.id]));
    const otherTown = caseIds((await h.pullAll(townB)).changes);
    expect(otherTown).not.toContain(townCase.id);
    expect(otherTown).not.toContain(villageCase.id);

    // Reads: the case API follows the committee too.
    expect((await h.call('GET', `/api/cases/${villageCase.id}`, { token: zhen.token })).status).toBe(403);
    expect((await h.call('GET', `/api/cases/${townCase.id}`, { token: med.token })).status).toBe(403);
    expect((await h.call('GET', `/api/cases/${townCase.id}`, { token: zhen.token })).status).toBe(200);

    // Writes: never trust the phone (a fresh phone each time: a refused push leaves a gap in seq).
    const refused = async (user: TestUser, build: (d: Device) => ReturnType<Device['create']>) => {
      const phone = new Device(user.id);
      return (await h.push(user, phone.request([build(phone)]))).status;
    };
    expect(await refused(zhen, (d) => d.create(caseRecord('150523100200', { committeeId: villageCommittee })))).toBe(403);
    expect(await refused(zhen, (d) => d.patch(villageCase.id, { mediators: { base: ['李建国'], next: ['赵'] } }))).toBe(403);
    expect(await refused(med, (d) => d.create(caseRecord('150523100000', { committeeId: townCommittee })))).toBe(403);
    expect(await refused(med, (d) => d.patch(townCase.id, { mediators: { base: ['李建国'], next: ['赵'] } }))).toBe(403);
    // A case whose area is not its committee's is refused, with a sentence saying what to do.
    const misplaced = await h.push(zhen, zhen.device.request([zhen.device.create(caseRecord('150523100200', { committeeId: townCommittee }))]));
    expect(misplaced.body.results[0]).toMatchObject({ status: 'rejected', code: 'push.committeeArea' });

    // Statistics: each case once; by 调解主体 the two add up to the total.
    const stats = await h.call<StatsSummary>('GET', '/api/stats?area=150523&from=2026-01-01&to=2026-12-31', { token: county.token });
    expect(stats.status).toBe(200);
    expect(stats.body.total.accepted).toBe(2);
    const byType = Object.fromEntries(stats.body.byCommitteeType.map((r) => [r.type, r.rollup.accepted]));
    expect(byType).toEqual({ '村/居': 1, '乡镇/街道': 1 });
    // The report's 按调解主体 block splits them the same way (its CSV twin: the same cells as the XLSX).
    const report = await h.call<string>('GET', '/api/stats/report.csv?area=150523&from=2026-01-01&to=2026-12-31&sheet=cases', { token: county.token });
    expect(report.status).toBe(200);
    const csv = parseCsv(report.body.replace(BOM, ''));
    const head = csv.findIndex((r) => r[0] === t('stats.committeeType'));
    expect(head).toBeGreaterThan(0);
    const accepted = (csv[head] ?? []).indexOf('受理（件）');
    const block = Object.fromEntries(csv.slice(head + 1, head + committeeTypes.length + 2).map((r) => [r[0], r[accepted]]));
    expect(block).toEqual({ '村/居': '1', '乡镇/街道': '1', 企事业: '0', 行业性专业性: '0', 派驻: '0', 个人工作室: '0', 合计: '2' });
    // The town's own cases show as one row of the town: its 本级.
    const townStats = await h.call<StatsSummary>('GET', '/api/stats?area=150523100&from=2026-01-01&to=2026-12-31', { token: town.token });
    const own = townStats.body.children.find((c) => c.code === '150523100000');
    expect(own?.rollup.accepted).toBe(1);
    expect(own?.name).toBe('开鲁镇本级');
  });
});
