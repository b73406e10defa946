// The statistics and registry API against the in-process server: who may read and edit what,
// month sign-off locking the push path (refused into review, unlocked with an audit trail), the
// pre-aggregated cells following pushes, and a county re-imported with a re-coded village.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { agreement, caseRecord } from '../support/server-device.ts';
import { fingerprint } from '../support/fingerprint.ts';
import { makeCtx } from '../../src/server/deps.ts';
import { areaRollup } from '../../src/server/stats/summary.ts';

afterAll(closeTestStores);

const kailuCsv = readFileSync('/work/shared/fixtures/divisions/150523-kailu.csv', 'utf8');

describe.each(storeKinds)('statistics and registry API on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('a town\'s staff cannot read another town\'s statistics; a mediator cannot open the dashboard API at all', async () => {
    const { town, townB, med, county, countyX, admin } = h.users;
    expect((await h.call('GET', '/api/stats?area=150523101', { token: town.token })).status).toBe(403);
    expect((await h.call('GET', '/api/stats/report.csv?area=150523101', { token: town.token })).status).toBe(403);
    expect((await h.call('GET', '/api/stats?area=150523', { token: town.token })).status).toBe(403);
    expect((await h.call('GET', '/api/stats?area=150523101', { token: townB.token })).status).toBe(200);
    const own = await h.call('GET', '/api/stats', { token: town.token });
    expect(own.status).toBe(200);
    expect(own.body.area.code).toBe('150523100');
    for (const path of ['/api/stats', '/api/stats?area=150523100', '/api/stats?area=150523100200', '/api/stats/report.xlsx', '/api/stats/signoffs']) {
      const reply = await h.call('GET', path, { token: med.token });
      expect(reply.status, path).toBe(403);
      expect(reply.body.error.code).toBe('auth.roleForbidden');
    }
    expect((await h.call('GET', '/api/stats?area=150502', { token: county.token })).status).toBe(403);
    expect((await h.call('GET', '/api/stats?area=150502', { token: countyX.token })).status).toBe(200);
    expect((await h.call('GET', '/api/stats?area=150523', { token: admin.token })).status).toBe(200);
    expect((await h.call('GET', '/api/stats')).status).toBe(401);
  });

  test('registry: everyone reads inside their area, town and county staff edit inside theirs', async () => {
    const { town, townB, med, county } = h.users;
    const committee = { location: '150523100200', type: '村/居', name: '五家村人民调解委员会（新）', phone: null, address: null, foundedOn: null, dissolvedOn: null };
    // The harness seeded one committee per village; creating a second of the same kind is refused.
    expect((await h.call('POST', '/api/registry/committees', { token: town.token, body: committee })).status).toBe(409);
    expect((await h.call('POST', '/api/registry/committees', { token: med.token, body: { ...committee, type: '企事业' } })).status).toBe(403);
    expect((await h.call('POST', '/api/registry/committees', { token: townB.token, body: { ...committee, type: '企事业' } })).status).toBe(403);
    const firm = await h.call('POST', '/api/registry/committees', { token: town.token, body: { ...committee, type: '企事业', name: '开鲁镇测试企业人民调解委员会', location: '150523100' } });
    expect(firm.status).toBe(201);
    const countyLevel = { ...committee, type: '行业性专业性', name: '开鲁县测试专业调委会', location: '150523' };
    expect((await h.call('POST', '/api/registry/committees', { token: town.token, body: countyLevel })).status).toBe(403);
    expect((await h.call('POST', '/api/registry/committees', { token: county.token, body: countyLevel })).status).toBe(201);

    const member = (name: string, gender: '男' | '女', memberRole: string | null, termEnd: string) => ({
      committeeId: 'committee-150523100200', name, gender, ethnicity: '汉族', phone: '13900000000', isPhonePublic: false, memberRole,
      isFullTime: false, termStart: '2020-01-01', termEnd, leftOn: null,
    });
    for (const body of [member('王一', '男', '主任', '2022-12-31'), member('王二', '男', '委员', '2027-01-01')]) {
      expect((await h.call('POST', '/api/registry/mediators', { token: town.token, body })).status).toBe(201);
    }
    expect((await h.call('POST', '/api/registry/mediators', { token: townB.token, body: member('李三', '女', '委员', '2027-01-01') })).status).toBe(403);
    const read = await h.call('GET', '/api/registry', { token: med.token });
    expect(read.status).toBe(200);
    const own = read.body.committees.find((c: { id: string }) => c.id === 'committee-150523100200');
    expect(own.mediators).toHaveLength(2);
    // Two members, no woman, an expired term: three warnings from 人民调解法 Art 8–9.
    expect(own.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['network.warn.noWoman', 'network.warn.termExpired', 'network.warn.tooFew']);
    expect((await h.call('GET', '/api/registry?area=150523100', { token: med.token })).status).toBe(403);

    const person = { kind: '法律明白人', villageCode: '150523100200', name: '赵明白', phone: '13800000001', isPhonePublic: true, certifiedOn: '2022-05-01', leftOn: null };
    expect((await h.call('POST', '/api/registry/legal-persons', { token: med.token, body: person })).status).toBe(403);
    expect((await h.call('POST', '/api/registry/legal-persons', { token: town.token, body: person })).status).toBe(201);
    expect((await h.call('POST', '/api/registry/legal-persons', { token: town.token, body: { ...person, villageCode: '150523101200' } })).status).toBe(403);
    const contacts = await h.call('GET', '/api/public/areas/150523100200/contacts');
    expect(contacts.body.people).toEqual(expect.arrayContaining([{ name: '赵明白', role: 'legalAdvisor', phone: '13800000001' }, { name: '王一', role: 'mediator' }]));
    const coverage = (await h.call('GET', '/api/registry?area=150523100', { token: town.token })).body.coverage;
    expect(coverage.legalPersonsPerVillage.numerator).toBe(1);
  });

  test('a signed month refuses pushes that would change it into review; an audited unlock lets them through', async () => {
    const { med, town, county } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    const feb = caseRecord('150523100200', { acceptedOn: '2026-02-10' });
    expect((await h.push(med, med.device.request([med.device.create(feb)]))).body.results[0]?.status).toBe('applied');

    expect((await h.call('POST', '/api/stats/signoffs', { token: town.token, body: { area: '150523100', month: '2026-03' } })).body.error.code).toBe('signoff.notOver');
    expect((await h.call('POST', '/api/stats/signoffs', { token: county.token, body: { area: '150523', month: '2026-02' } })).body.error.code).toBe('signoff.townsMissing');
    expect((await h.call('POST', '/api/stats/signoffs', { token: county.token, body: { area: '150523100', month: '2026-02' } })).status).toBe(403);
    expect((await h.call('POST', '/api/stats/signoffs', { token: town.token, body: { area: '150523100', month: '2026-02' } })).status).toBe(200);

    // A late registration of February and a transition of a February case are both refused.
    const late = caseRecord('150523100200', { acceptedOn: '2026-02-20' });
    const refused = await h.push(med, med.device.request([med.device.create(late), med.device.transition(feb.id, { from: 'accepted', to: 'agreed', agreement })]));
    expect(refused.body.results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const result = refused.body.results[0];
    expect(result?.status === 'rejected' && result.code).toBe('stats.locked');
    expect(result?.status === 'rejected' && result.message).toContain('开鲁镇2026年2月的统计已签收锁定');
    const review = await h.call('GET', '/api/review?status=open', { token: town.token });
    expect(review.body.items.filter((i: { rejected?: { code: string } }) => i.rejected?.code === 'stats.locked')).toHaveLength(2);
    // A note does not change the figures and still goes through; March is open.
    const march = caseRecord('150523100200', { acceptedOn: '2026-03-02' });
    const fine = await h.push(med, med.device.request([med.device.patch(feb.id, { 'private.place': { base: feb.private.place, next: '村委会' } }), med.device.create(march)]));
    expect(fine.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    expect((await h.call('POST', '/api/stats/signoffs/unlock', { token: town.token, body: { area: '150523100', month: '2026-02', reason: '' } })).body.error.code).toBe('signoff.reasonRequired');
    expect((await h.call('POST', '/api/stats/signoffs/unlock', { token: town.token, body: { area: '150523100', month: '2026-02', reason: '补录一件漏登的纠纷' } })).status).toBe(200);
    const again = await h.push(med, med.device.request([med.device.create(late)]));
    expect(again.body.results[0]?.status).toBe('applied');
    const log = await h.call('GET', '/api/stats/signoffs?area=150523100&year=2026', { token: town.token });
    expect(log.body.log.map((e: { action: string; by: string; reason: string | null }) => [e.action, e.by, e.reason])).toEqual([
      ['unlock', 'town', '补录一件漏登的纠纷'], ['sign', 'town', null],
    ]);
    expect(log.body.months[1].state).toBe('open');
  });

  test('司法确认 is pushed as a case field, counted and drilled into; a signed month still takes the later facts', async () => {
    const { med, town } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    const written = caseRecord('150523100200', { acceptedOn: '2026-01-13' });
    const oral = caseRecord('150523100200', { acceptedOn: '2026-01-14' });
    const setup = await h.push(med, med.device.request([
      med.device.create(written), med.device.transition(written.id, { from: 'accepted', to: 'agreed', agreement }),
      med.device.create(oral), med.device.transition(oral.id, { from: 'accepted', to: 'agreed', agreement: { ...agreement, form: '口头' } }),
    ]));
    expect(setup.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect((await h.call('POST', '/api/stats/signoffs', { token: town.token, body: { area: '150523100', month: '2026-01' } })).status).toBe(200);

    const applied = { appliedOn: '2026-03-06', court: '开鲁县人民法院', result: '审查中', decidedOn: null };
    const confirmed = { ...applied, result: '确认有效', decidedOn: '2026-03-09' };
    const visit = { kind: 'visit' as const, data: { on: '2026-03-09', visitedPerson: '王秀英', performance: '已履行' as const, satisfaction: '满意' as const, notes: '' } };
    const later = await h.push(med, med.device.request([
      med.device.patch(written.id, { judicialConfirmation: { base: null, next: applied } }),
      med.device.patch(written.id, { judicialConfirmation: { base: applied, next: confirmed } }),
      med.device.event(written, visit),
      med.device.transition(written.id, { from: 'agreed', to: 'visited' }),
      med.device.transition(written.id, { from: 'visited', to: 'archived' }),
      // An oral agreement has nothing a court could confirm; a decision before the application is a typo.
      med.device.patch(oral.id, { judicialConfirmation: { base: null, next: confirmed } }),
      med.device.patch(written.id, { judicialConfirmation: { base: confirmed, next: { ...confirmed, decidedOn: '2026-03-01' } } }),
    ]));
    expect(later.body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'applied', 'applied', 'applied', 'applied', 'applied', 'confirmation.noWrittenAgreement', 'confirmation.decidedOn.beforeApplied',
    ]);

    const total = (await h.call('GET', '/api/stats?area=150523100&from=2026-01-01&to=2026-01-31', { token: town.token })).body.total;
    expect(total).toMatchObject({ accepted: 2, succeeded: 2, written: 1, oral: 1, performed: 1, confirmed: 1 });
    const behind = await h.call('GET', '/api/cases?area=150523100&from=2026-01-01&to=2026-01-31&measure=confirmed', { token: town.token });
    expect(behind.body.cases.map((c: { id: string }) => c.id)).toEqual([written.id]);
    const csv = await h.app.request('/api/stats/report.csv?area=150523100&from=2026-01-01&to=2026-01-31', { headers: { authorization: `Bearer ${town.token}` } });
    const header = (await csv.text()).split('\r\n').find((line) => line.startsWith('纠纷类型'));
    expect(header).toContain('司法确认（件）');
  });

  test('the county signs after all its towns; unlocking a town releases the county\'s month too', async () => {
    const { county, town } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    const towns = (await h.call('GET', '/api/stats/signoffs?area=150523&year=2025', { token: county.token })).body.months[0].towns;
    expect(towns).toHaveLength(13);
    // Stand in for each 司法所 (the admin may sign a town).
    for (const t of towns) {
      expect((await h.call('POST', '/api/stats/signoffs', { token: h.users.admin.token, body: { area: t.code, month: '2025-12' } })).status).toBe(200);
    }
    expect((await h.call('POST', '/api/stats/signoffs', { token: county.token, body: { area: '150523', month: '2025-12' } })).status).toBe(200);
    expect((await h.call('POST', '/api/stats/signoffs/unlock', { token: town.token, body: { area: '150523100', month: '2025-12', reason: '更正' } })).body.error.code).toBe('signoff.unlockCounty');
    expect((await h.call('POST', '/api/stats/signoffs/unlock', { token: county.token, body: { area: '150523100', month: '2025-12', reason: '开鲁镇更正一件案件' } })).status).toBe(200);
    const months = (await h.call('GET', '/api/stats/signoffs?area=150523&year=2025', { token: county.token })).body.months;
    expect(months[11].state).toBe('open');
    expect(months[11].towns.filter((t: { state: string }) => t.state === 'signed')).toHaveLength(12);
  });

  test('pre-aggregated cells follow the pushes (wide areas read them)', async () => {
    const { med, admin } = h.users;
    const ctx = makeCtx({ store: h.store, now: () => h.clock.now });
    const before = await areaRollup(ctx, '15', { from: '2025-01-01', to: '2025-02-01' });
    const done = caseRecord('150523100200', { acceptedOn: '2025-01-15' });
    await h.push(med, med.device.request([med.device.create(done), med.device.transition(done.id, { from: 'accepted', to: 'agreed', agreement })]));
    const after = await areaRollup(ctx, '15', { from: '2025-01-01', to: '2025-02-01' });
    expect(after.accepted).toBe(before.accepted + 1);
    expect(after.succeeded).toBe(before.succeeded + 1);
    const api = await h.call('GET', '/api/stats?from=2025-01-01&to=2025-01-31', { token: admin.token });
    expect(api.body.total.accepted).toBe(after.accepted);
    // The nation's table lists provinces, named even where the server holds only counties of one,
    // and its rows add up to the total; a province opens on its counties.
    const rows = api.body.children as { code: string; name: string; rollup: { accepted: number } }[];
    expect(rows.map((r) => r.code)).toEqual(['15']);
    expect(rows[0]?.name).toBe('内蒙古自治区');
    expect(rows.reduce((n, r) => n + r.rollup.accepted, 0)).toBe(api.body.total.accepted);
    const province = await h.call('GET', '/api/stats?area=15&from=2025-01-01&to=2025-01-31', { token: admin.token });
    expect(province.status).toBe(200);
    expect(province.body.area).toMatchObject({ code: '15', name: '内蒙古自治区' });
    expect((province.body.children as { rollup: { accepted: number } }[]).reduce((n, r) => n + r.rollup.accepted, 0)).toBe(after.accepted);
  });

  test('a county re-imported with a re-coded village keeps the old code\'s history', async () => {
    const { county, town } = h.users;
    const recoded = kailuCsv.replace('150523100201,杨秀峰村委会', '150523100299,杨秀峰村委会').replace('150523100202,南四合村委会', '150523100202,南四合嘎查村委会');
    expect((await h.call('POST', '/api/registry/areas/import?county=150523&validFrom=2027-01-01', { token: town.token, raw: recoded, headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    const before = await fingerprint(h.store);
    const bad = await h.call('POST', '/api/registry/areas/import?county=150523&validFrom=2027-01-01', { token: county.token, raw: `${recoded}150523100300,,village,150523100\n`, headers: { 'content-type': 'text/csv' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].message).toContain('150523100300');
    expect(await fingerprint(h.store)).toEqual(before);

    const res = await h.call('POST', '/api/registry/areas/import?county=150523&validFrom=2027-01-01', { token: county.token, raw: recoded, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 1, renamed: 1, retired: 0, recoded: [{ oldCode: '150523100201', newCode: '150523100299' }] });
    const old = await h.store.db.selectFrom('areas').select(['valid_to']).where('code', '=', '150523100201').executeTakeFirstOrThrow();
    expect(old.valid_to).toBe('2027-01-01');
    const moved = await h.store.db.selectFrom('committees').select('area_code').where('id', '=', 'committee-150523100201').executeTakeFirstOrThrow();
    expect(moved.area_code).toBe('150523100299');
    // The tree shows the old village for 2026 and the new one for 2027.
    const in2026 = (await h.call('GET', '/api/stats?area=150523100&from=2026-01-01&to=2026-12-31', { token: town.token })).body.children.map((c: { code: string }) => c.code);
    const in2027 = (await h.call('GET', '/api/stats?area=150523100&from=2027-01-01&to=2027-12-31', { token: town.token })).body.children.map((c: { code: string }) => c.code);
    expect(in2026).toContain('150523100201');
    expect(in2026).not.toContain('150523100299');
    expect(in2027).toContain('150523100299');
    expect(in2027).not.toContain('150523100201');
    const changes = await h.call('GET', '/api/registry/areas/changes?area=150523100', { token: town.token });
    expect(changes.body.changes.find((c: { kind: string }) => c.kind === 'recoded')).toMatchObject({ oldCode: '150523100201', newCode: '150523100299', changedOn: '2027-01-01' });
  });
});
