// 以案定补 against the in-process server on SQLite and PostgreSQL: the county's rules (county staff
// only, every version logged), the 司法所 scoring case files, the month's sheet computed from the
// rules and the scores (per mediator and per committee, exact 分), locked with the town's sign-off
// and open again after an audited unlock, scope, and the XLSX read back with ExcelJS.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { agreement, caseRecord } from '../support/server-device.ts';
import type { SubsidyRules, SubsidySheet } from '../../src/shared/subsidy.ts';

afterAll(closeTestStores);

const rules: SubsidyRules = {
  byDifficulty: { 简易: 100_00, 一般: 200_00, 疑难: 500_00 },
  // 房屋宅基地纠纷 (03) pays its own amount whatever the difficulty.
  byCategory: { '03': 300_00 },
  checklist: [
    { id: 'application', label: '调解申请书或口头申请笔录齐全', points: 20 },
    { id: 'record', label: '调解笔录记载完整', points: 30 },
    { id: 'agreement', label: '调解协议书规范', points: 40 },
    { id: 'visit', label: '回访记录', points: 10 },
  ],
  passPercent: 60,
  payment: 'full',
  trainingHoursPerYear: 24,
};

describe.each(storeKinds)('以案定补 on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
    h.clock.now = new Date('2026-03-10T02:00:00Z');
  });

  test('rules, scores, the month\'s sheet, its lock with the sign-off, scope and the XLSX', async () => {
    const { med, med2, town, townB, county, countyX } = h.users;
    // County staff set the rules; a town reads them but cannot change them.
    expect((await h.call('PUT', '/api/subsidy/rules', { token: town.token, body: { county: '150523', rules } })).body.error.code).toBe('subsidy.err.countyOnly');
    expect((await h.call('PUT', '/api/subsidy/rules', { token: countyX.token, body: { county: '150523', rules } })).status).toBe(403);
    expect((await h.call('PUT', '/api/subsidy/rules', { token: county.token, body: { county: '150523', rules: { ...rules, passPercent: 101 } } })).status).toBe(400);
    const saved = await h.call('PUT', '/api/subsidy/rules', { token: county.token, body: { county: '150523', rules } });
    expect(saved.body.version).toBe(1);
    const read = await h.call('GET', '/api/subsidy/rules', { token: town.token });
    expect(read.body.rules.byDifficulty.疑难).toBe(500_00);
    expect(read.body.log).toHaveLength(1);
    expect((await h.call('GET', '/api/subsidy/rules?county=150502', { token: town.token })).status).toBe(403);
    expect((await h.call('GET', '/api/subsidy/rules', { token: med.token })).status).toBe(403);

    // February: three successful cases in two villages of 开鲁镇 (two mediators share one), one failed.
    const easy = caseRecord('150523100200', { acceptedOn: '2026-02-03', mediators: ['李建国', '王红'] });
    const hard = caseRecord('150523100200', { acceptedOn: '2026-02-04', isDifficult: true });
    const byCategory = caseRecord('150523100201', { acceptedOn: '2026-02-05', categoryCode: '03', mediators: ['赵文'] });
    const failed = caseRecord('150523100200', { acceptedOn: '2026-02-06' });
    const agreed = (c: typeof easy, device = med.device) => [device.create(c), device.transition(c.id, { from: 'accepted', to: 'agreed', agreement })];
    const pushed = await h.push(med, med.device.request([...agreed(easy), ...agreed(hard), med.device.create(failed),
      med.device.transition(failed.id, { from: 'accepted', to: 'terminated', termination: { reason: '一方拒绝继续调解', otherRoutesTold: true } })]));
    expect(pushed.body.results.every((r) => r.status === 'applied')).toBe(true);
    const other = await h.push(med2, med2.device.request(agreed(byCategory, med2.device)));
    expect(other.body.results.every((r) => r.status === 'applied')).toBe(true);

    // Before any score: every successful case is listed, none earns anything yet.
    let sheet: SubsidySheet = (await h.call('GET', '/api/subsidy/sheet?area=150523100&month=2026-02', { token: town.token })).body;
    expect(sheet.lines.map((l) => l.caseId).sort()).toEqual([easy.id, hard.id, byCategory.id].sort());
    expect(sheet.unscored).toBe(3);
    expect(sheet.total).toBe(0);

    // Scoring: a failed case cannot be scored; another town's staff cannot score this town's case.
    expect((await h.call('PUT', `/api/subsidy/scores/${failed.id}`, { token: town.token, body: { met: [], difficulty: '一般', note: null } })).body.error.code).toBe('subsidy.err.notSucceeded');
    expect((await h.call('PUT', `/api/subsidy/scores/${easy.id}`, { token: townB.token, body: { met: [], difficulty: '一般', note: null } })).status).toBe(403);
    expect((await h.call('PUT', `/api/subsidy/scores/${easy.id}`, { token: med.token, body: { met: [], difficulty: '一般', note: null } })).status).toBe(403);
    const score = (id: string, met: string[], difficulty: string) => h.call('PUT', `/api/subsidy/scores/${id}`, { token: town.token, body: { met, difficulty, note: null } });
    // 简易, 90/100 → 100 元 split between two mediators; 疑难 but 50/100 (under 60 %) → nothing;
    // category 03 → 300 元 whatever its difficulty, at 70/100.
    const first = await score(easy.id, ['application', 'record', 'agreement'], '简易');
    expect(first.status).toBe(200);
    expect(first.body.score).toMatchObject({ score: 90, maxScore: 100 });
    expect(first.body.amount).toBe(100_00);
    expect((await score(hard.id, ['application', 'record'], '疑难')).body.amount).toBe(0);
    expect((await score(byCategory.id, ['record', 'agreement'], '一般')).body.amount).toBe(300_00);

    sheet = (await h.call('GET', '/api/subsidy/sheet?area=150523100&month=2026-02', { token: town.token })).body;
    expect(sheet.total).toBe(400_00);
    expect(sheet.unscored).toBe(0);
    expect(sheet.byMediator.map((p) => [p.name, p.cases, p.amount]).sort()).toEqual([['李建国', 2, 50_00], ['王红', 1, 50_00], ['赵文', 1, 300_00]].sort());
    expect(sheet.byCommittee.reduce((s, c) => s + c.amount, 0)).toBe(400_00);
    expect(sheet.byCommittee).toHaveLength(2);
    expect(sheet.locked).toBe(false);
    // The county sees the same lines among its towns; another county's staff see nothing of it.
    const countySheet: SubsidySheet = (await h.call('GET', '/api/subsidy/sheet?area=150523&month=2026-02', { token: county.token })).body;
    expect(countySheet.total).toBe(400_00);
    expect((await h.call('GET', '/api/subsidy/sheet?area=150523100&month=2026-02', { token: townB.token })).status).toBe(403);
    expect((await h.call('GET', '/api/subsidy/sheet?area=150523&month=2026-02', { token: countyX.token })).status).toBe(403);

    // The town signs February off: the sheet is frozen. A new score is refused, and a change of
    // the rules leaves the signed sheet as it was.
    expect((await h.call('POST', '/api/stats/signoffs', { token: town.token, body: { area: '150523100', month: '2026-02' } })).status).toBe(200);
    const refused = await score(hard.id, ['application', 'record', 'agreement', 'visit'], '疑难');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('subsidy.err.locked');
    expect(refused.body.error.message).toContain('解锁');
    expect((await h.call('PUT', '/api/subsidy/rules', { token: county.token, body: { county: '150523', rules: { ...rules, byDifficulty: { 简易: 1_00, 一般: 1_00, 疑难: 1_00 } } } })).body.version).toBe(2);
    sheet = (await h.call('GET', '/api/subsidy/sheet?area=150523100&month=2026-02', { token: town.token })).body;
    expect(sheet.locked).toBe(true);
    expect(sheet.total).toBe(400_00);
    expect(sheet.towns[0]?.signed).toBe(true);

    // The XLSX of the signed month, read back.
    const xlsx = await h.app.request('/api/subsidy/sheet.xlsx?area=150523100&month=2026-02', { headers: { authorization: `Bearer ${town.token}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['按调解员', '按调委会', '案件明细']);
    const rowsOf = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const people = rowsOf('按调解员');
    expect(people.some((r) => r[0] === '赵文' && r[3] === 300)).toBe(true);
    expect(people.find((r) => r[0] === '合计')?.[3]).toBe(400);
    expect(String(people[2]?.[0])).toContain('已签收锁定');
    const detail = rowsOf('案件明细');
    expect(detail.find((r) => r[0] === '合计')?.[9]).toBe(400);
    expect(detail.filter((r) => r[6] === '50/100')).toHaveLength(1);
    const csv = await h.call('GET', '/api/subsidy/sheet.csv?area=150523100&month=2026-02&part=committees', { token: town.token });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('400.00');
    expect(String(csv.body)).not.toContain('案件明细');

    // An audited unlock (reason required, kept in the sign-off log) opens the month: the sheet is
    // computed again, now under version 2 of the rules, and scores can change.
    expect((await h.call('POST', '/api/stats/signoffs/unlock', { token: town.token, body: { area: '150523100', month: '2026-02', reason: '补评一件疑难案件的卷宗' } })).status).toBe(200);
    expect((await score(hard.id, ['application', 'record', 'agreement', 'visit'], '疑难')).body.amount).toBe(1_00);
    sheet = (await h.call('GET', '/api/subsidy/sheet?area=150523100&month=2026-02', { token: town.token })).body;
    expect(sheet.locked).toBe(false);
    expect(sheet.total).toBe(1_00 + 1_00 + 300_00);
    const log = (await h.call('GET', '/api/stats/signoffs?area=150523100&year=2026', { token: town.token })).body.log;
    expect(log[0]).toMatchObject({ action: 'unlock', reason: '补评一件疑难案件的卷宗' });
  });

  test('调解员考核: training against the requirement, cases, 回访 on time, file scores; scope; 学历 and 经费 on the 组织队伍 sheet', async () => {
    const { med, town, townB, county } = h.users;
    // The registry: a mediator of 五家村 with 学历, two trainings of the year (10 h of the 24 h asked).
    const added = await h.call('POST', '/api/registry/mediators', { token: town.token, body: {
      committeeId: 'committee-150523100200', name: '孙考核', gender: '女', ethnicity: '蒙古族', phone: null, isPhonePublic: false, memberRole: '委员',
      isFullTime: true, termStart: '2025-01-01', termEnd: '2028-01-01', leftOn: null, education: '大学本科' } });
    expect(added.status).toBe(201);
    const mediatorId = added.body.id as string;
    for (const [on, hours] of [['2026-01-05', 6], ['2026-02-01', 4], ['2025-11-01', 8]] as const) {
      expect((await h.call('POST', `/api/registry/mediators/${mediatorId}/trainings`, { token: town.token, body: { on, title: '业务培训', hours } })).status).toBe(201);
    }
    // Cases naming her: two succeeded (one visited on time, one late), one failed; one scored 90/100.
    const ok = caseRecord('150523100200', { acceptedOn: '2026-01-02', mediators: ['孙考核'] });
    const late = caseRecord('150523100200', { acceptedOn: '2026-01-03', mediators: ['孙考核', '李建国'] });
    const no = caseRecord('150523100200', { acceptedOn: '2026-01-04', mediators: ['孙考核'] });
    const deal = { ...agreement, effectiveOn: '2026-01-10', performanceDeadline: '2026-01-20' };
    const visit = (on: string) => ({ kind: 'visit' as const, data: { on, visitedPerson: '王秀英', performance: '已履行' as const, satisfaction: '满意' as const, notes: '' } });
    const d = med.device;
    const pushed = await h.push(med, d.request([
      d.create(ok), d.transition(ok.id, { from: 'accepted', to: 'agreed', agreement: deal }), d.event(ok, visit('2026-01-18')),
      d.create(late), d.transition(late.id, { from: 'accepted', to: 'agreed', agreement: deal }), d.event(late, visit('2026-02-02')),
      d.create(no), d.transition(no.id, { from: 'accepted', to: 'terminated', termination: { reason: '一方拒绝继续调解', otherRoutesTold: true } }),
    ]));
    expect(pushed.body.results.every((r) => r.status === 'applied')).toBe(true);
    expect((await h.call('PUT', `/api/subsidy/scores/${ok.id}`, { token: town.token, body: { met: ['application', 'record', 'agreement'], difficulty: '一般', note: null } })).status).toBe(200);

    const table = await h.call('GET', '/api/appraisal?year=2026', { token: town.token });
    expect(table.status).toBe(200);
    expect(table.body.requiredHours).toBe(24);
    const row = table.body.rows.find((r: { mediatorId: string }) => r.mediatorId === mediatorId);
    expect(row).toMatchObject({ trainings: 2, trainingHours: 10, cases: 3, succeeded: 2, visitsDue: 2, visitsOnTime: 1, averageScore: 90, scoredFiles: 1 });
    expect(row.successRate).toBeCloseTo(66.67, 1);
    // Scope: another town's staff do not see her, nor may they ask for this town; the county sees her.
    expect((await h.call('GET', '/api/appraisal?year=2026', { token: townB.token })).body.rows.some((r: { mediatorId: string }) => r.mediatorId === mediatorId)).toBe(false);
    expect((await h.call('GET', '/api/appraisal?year=2026&town=150523100', { token: townB.token })).status).toBe(403);
    expect((await h.call(`GET`, `/api/appraisal/mediators/${mediatorId}?year=2026`, { token: townB.token })).status).toBe(404);
    expect((await h.call('GET', '/api/appraisal?year=2026&town=150523100', { token: county.token })).body.rows.some((r: { mediatorId: string }) => r.mediatorId === mediatorId)).toBe(true);
    expect((await h.call('GET', '/api/appraisal?year=2026', { token: med.token })).status).toBe(403);
    const page = await h.call('GET', `/api/appraisal/mediators/${mediatorId}?year=2026`, { token: town.token });
    expect(page.body.trainings).toHaveLength(2);
    expect(page.body.cases.find((c: { id: string }) => c.id === late.id)).toMatchObject({ visitDue: '2026-01-20', visitedOn: '2026-02-02' });
    // The export, read back.
    const xlsx = await h.app.request('/api/appraisal.xlsx?year=2026', { headers: { authorization: `Bearer ${town.token}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const rows: unknown[][] = [];
    book.worksheets[0]?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === '孙考核')?.slice(3, 11)).toEqual([10, 24, 3, 2, 66.67, 2, 1, 90]);
    expect(String((await h.call('GET', '/api/appraisal.csv?year=2026', { token: town.token })).body)).toContain('孙考核');

    // 组织队伍: 学历 and the committee's 经费/补贴 of the year, in 万元.
    expect((await h.call('PUT', '/api/registry/committees/committee-150523100200/funding', { token: townB.token, body: { year: 2026, fundingCents: 1, subsidyCents: 1 } })).status).toBe(403);
    expect((await h.call('PUT', '/api/registry/committees/committee-150523100200/funding', { token: town.token, body: { year: 2026, fundingCents: 3_500_000, subsidyCents: 1_234_500 } })).status).toBe(200);
    const reg = await h.call('GET', '/api/registry?area=150523100', { token: town.token });
    expect(reg.body.committees.find((c: { id: string }) => c.id === 'committee-150523100200').funding).toEqual([{ year: 2026, fundingCents: 3_500_000, subsidyCents: 1_234_500 }]);
    expect(reg.body.org).toMatchObject({ college: 1, fundingCents: 3_500_000, subsidyCents: 1_234_500 });
    const org = String((await h.call('GET', '/api/stats/report.csv?area=150523100&from=2026-01-01&to=2026-03-09&sheet=org', { token: town.token })).body);
    expect(org).toContain('其中：大专以上学历,1');
    expect(org).toContain('人民调解工作经费（万元）,3.5');
    expect(org).toContain('调解员补贴（万元）,1.23');
  });
});
