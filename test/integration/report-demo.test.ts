// The official report of the demo county 开鲁县 for 2023 (issue #15), read back with a real XLSX
// reader: every sheet (调解案件, 组织队伍, 分乡镇), every measure against the statistics API and
// the registry, the form footer filled from the signed-off month, the print setup, the by-town
// sheet adding up to the county, and each sheet's CSV twin carrying the same cells.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Env } from '../../src/server/deps.ts';
import { DEMO_PASSWORD, seedIfEmpty } from '../../src/server/seed/demo.ts';
import type { Store } from '../../src/server/store/open.ts';
import { BOM, parseCsv } from '../../src/shared/csv.ts';
import { statisticsRows } from '../../src/shared/categories.ts';
import { committeeTypes } from '../../src/shared/network.ts';
import { reportColumns } from '../../src/shared/report.ts';
import { preventionKeys, satisfactionLevels, type Rollup } from '../../src/shared/stats.ts';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import { t } from '../../src/shared/i18n/index.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';

afterAll(closeTestStores);

const YEAR = 'from=2023-01-01&to=2023-12-31';
type Row = ExcelJS.CellValue[];

/** A sheet's rows as plain values (column A first), blank rows kept as []. */
function rowsOf(sheet: ExcelJS.Worksheet): Row[] {
  const out: Row[] = [];
  // Array.from: exceljs leaves empty cells as holes, which map() would skip.
  for (let i = 1; i <= sheet.rowCount; i++) out.push(Array.from(sheet.getRow(i).values as Row).slice(1));
  return out;
}
const labelled = (rows: Row[], label: string): Row | undefined => rows.find((r) => r[0] === label);
const indexOf = (rows: Row[], label: string): number => rows.findIndex((r) => r[0] === label);
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);

describe.each(storeKinds)('report.xlsx of 开鲁县 2023 on %s', (kind) => {
  let store: Store;
  let app: Hono<Env>;
  let token: string;
  let summary: StatsSummary;
  let book: ExcelJS.Workbook;
  let xianName: string;
  const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    store = await openTestStore(kind);
    await seedIfEmpty(store, { demo: true });
    // The county signs off December 2023 on 2024-03-01 10:00 Beijing time (after all its towns).
    app = createApp({ store, now: () => new Date('2024-03-01T02:00:00Z') });
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'xian', password: DEMO_PASSWORD, clientId: crypto.randomUUID() }) });
    token = ((await res.json()) as { token: string }).token;
    const towns = await store.db.selectFrom('areas').select('code').where('parent', '=', '150523').execute();
    await store.db.insertInto('stat_signoffs').values(towns.map((town) => ({ area_code: town.code, month: '2023-12', signed_at: '2024-02-20T02:00:00.000Z', signed_by: 'zhen' }))).execute();
    const signed = await app.request('/api/stats/signoffs', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ area: '150523', month: '2023-12' }) });
    expect(signed.status).toBe(200);
    xianName = (await store.db.selectFrom('users').select('display_name').where('username', '=', 'xian').executeTakeFirstOrThrow()).display_name;
    summary = (await (await get(`/api/stats?area=150523&${YEAR}`)).json()) as StatsSummary;
    const xlsx = await get(`/api/stats/report.xlsx?area=150523&${YEAR}`);
    expect(xlsx.status).toBe(200);
    book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
  }, 300_000);

  const sheet = (name: string) => {
    const found = book.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };

  test('three sheets, each printable as the form: landscape, fitted to the width, header repeated, 合计 bold', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['调解案件', '组织队伍', '分乡镇']);
    for (const s of book.worksheets) {
      expect(s.pageSetup.orientation).toBe('landscape');
      expect(s.pageSetup.fitToPage).toBe(true);
      expect(s.pageSetup.fitToWidth).toBe(1);
      expect(s.pageSetup.fitToHeight).toBe(0);
      const rows = rowsOf(s);
      const header = Number(String(s.pageSetup.printTitlesRow).split(':')[0]);
      expect(s.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
      // The repeated row is the first table's header (a cell per measure), bold.
      expect(rows[header - 1]?.length).toBeGreaterThan(1);
      expect(s.getRow(header).font?.bold).toBe(true);
      const total = indexOf(rows, '合计');
      expect(total).toBeGreaterThan(header - 1);
      expect(s.getRow(total + 1).font?.bold).toBe(true);
    }
  });

  test('调解案件: every official row and the 其中 line, every measure equal to the API', () => {
    const s = sheet('调解案件');
    const rows = rowsOf(s);
    const h = indexOf(rows, '纠纷类型');
    expect(rows[h]).toEqual(['纠纷类型', ...reportColumns.map((c) => t(c.label))]);
    // Every measure the issue names is a column, in the table's order.
    for (const label of ['受理（件）', '调解成功（件）', '调解成功率（%）', '协议涉及金额（万元）', '协议履行（件）', '协议履行率（%）', '涉及当事人数（人）',
      '防止民间纠纷引起自杀（件）', '防止民间纠纷引起自杀（人）', '防止民间纠纷转化为刑事案件（件）', '防止群体性上访（件）', '防止群体性械斗（人）']) {
      expect(rows[h]).toContain(label);
    }
    const col = (label: string) => (rows[h] as Row).indexOf(label);
    const expectLine = (line: Row | undefined, r: Omit<Rollup, 'successRate' | 'byRow' | 'bySplit' | 'bySource' | 'court' | 'prevention' | 'satisfaction'>) => {
      expect(line?.[col('受理（件）')]).toBe(r.accepted);
      expect(line?.[col('调解成功（件）')]).toBe(r.succeeded);
      expect(line?.[col('调解不成（件）')]).toBe(r.failed);
      expect(line?.[col('未结（件）')]).toBe(r.open);
      expect(line?.[col('协议履行（件）')]).toBe(r.performed);
      expect(line?.[col('协议履行率（%）')]).toBe(pct(r.performed, r.succeeded));
      expect(line?.[col('司法确认（件）')]).toBe(r.confirmed);
      expect(line?.[col('疑难复杂（件）')]).toBe(r.difficult);
      expect(line?.[col('涉及当事人数（人）')]).toBe(r.partiesInvolved);
      expect(line?.[col('协议涉及金额（万元）')]).toBe(Math.round(r.amountYuan / 100) / 100);
      expect(line?.[col('防止民间纠纷引起自杀（件）')]).toBe(r.suicideCases);
      expect(line?.[col('防止民间纠纷引起自杀（人）')]).toBe(r.suicidePersons);
      expect(line?.[col('防止民间纠纷转化为刑事案件（件）')]).toBe(r.criminalCases);
      expect(line?.[col('防止民间纠纷转化为刑事案件（人）')]).toBe(r.criminalPersons);
      expect(line?.[col('防止群体性上访（件）')]).toBe(r.petitionCases);
      expect(line?.[col('防止群体性上访（人）')]).toBe(r.petitionPersons);
      expect(line?.[col('防止群体性械斗（件）')]).toBe(r.fightCases);
      expect(line?.[col('防止群体性械斗（人）')]).toBe(r.fightPersons);
    };
    const total = labelled(rows, '合计');
    expect(total?.[col('受理（件）')]).toBe(297);
    expectLine(total, summary.total);
    for (const r of statisticsRows) {
      const counts = summary.total.byRow[r.code];
      const line = labelled(rows, r.name);
      expect(line).toBeDefined();
      if (counts) expectLine(line, counts);
      else expect(line?.[col('受理（件）')]).toBe(0);
    }
    // 其中：拖欠农民工工资纠纷 sits right under 劳动争议纠纷, from the split's own roll-up.
    const split = indexOf(rows, '　其中：拖欠农民工工资纠纷');
    expect(split).toBe(indexOf(rows, '劳动争议纠纷') + 1);
    expect(rows[split]?.[col('受理（件）')]).toBe(summary.total.bySplit['10.1']?.accepted ?? 0);
    // 防止激化 per category adds up to the prevention block's totals.
    for (const [key, cases] of [['suicide', '防止民间纠纷引起自杀（件）'], ['criminal', '防止民间纠纷转化为刑事案件（件）']] as const) {
      const sum = statisticsRows.reduce((n, r) => n + Number(labelled(rows, r.name)?.[col(cases)] ?? 0), 0);
      expect(sum).toBe(summary.total.prevention[key].cases);
    }
    // 万元 printed with two places.
    expect(s.getRow(indexOf(rows, '合计') + 1).getCell(col('协议涉及金额（万元）') + 1).numFmt).toBe('0.00');
  });

  test('调解案件: the 按调解主体 block, every type a row adding up to the sheet\'s totals; the demo\'s 2023 all under 村/居', async () => {
    const rows = rowsOf(sheet('调解案件'));
    const main = rows[indexOf(rows, '纠纷类型')] as Row;
    const h = indexOf(rows, t('stats.committeeType'));
    // After the category table, with the same measures as columns.
    expect(h).toBeGreaterThan(indexOf(rows, '合计'));
    expect(rows[h]).toEqual([t('stats.committeeType'), ...main.slice(1)]);
    const total = rows.findIndex((r, i) => i > h && r[0] === '合计');
    const types = rows.slice(h + 1, total);
    // Every type, zeros included; no 未分 row: every demo case is the county's own.
    expect(types.map((r) => r[0])).toEqual([...committeeTypes]);
    // The 合计 is the category table's 合计, and the types add up to it in every counted column.
    expect(rows[total]).toEqual(labelled(rows, '合计'));
    for (const [i, label] of main.entries()) {
      if (i === 0 || String(label).includes('率')) continue;
      expect(types.reduce((n, r) => n + Number(r[i]), 0)).toBeCloseTo(Number(rows[total]?.[i]), 6);
    }
    // The published 2023 figures are unchanged: all 297 under 村/居, none under another type.
    const accepted = main.indexOf('受理（件）');
    expect(types[0]?.[accepted]).toBe(297);
    expect(types.slice(1).every((r) => r[accepted] === 0)).toBe(true);
    expect(summary.byCommitteeType.map((r) => [r.type, r.rollup.accepted])).toEqual([['村/居', 297]]);
    for (const c of ['调解成功（件）', '调解成功率（%）', '协议涉及金额（万元）']) expect(types[0]?.[main.indexOf(c)]).toBe(rows[total]?.[main.indexOf(c)]);
    // The CSV twin prints the same block, rates with their two places.
    const csv = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await (await get(`/api/stats/report.csv?area=150523&${YEAR}&sheet=cases`)).arrayBuffer())));
    const ch = csv.findIndex((r) => r[0] === t('stats.committeeType'));
    expect(csv.slice(ch, ch + committeeTypes.length + 2).map((r) => r[0])).toEqual([t('stats.committeeType'), ...committeeTypes, '合计']);
    expect(csv[ch + 1]?.[accepted]).toBe('297');
    expect(csv[ch + 1]?.[main.indexOf('调解成功率（%）')]).toMatch(/^\d+\.\d{2}$/);
  });

  test('调解案件: 排查 and 预防 lines from the 排查 records (none in 2023) with their note, prevention, sources, 满意度 and 满意率', () => {
    const rows = rowsOf(sheet('调解案件'));
    // The demo's 排查 records are of the current year only (seed/demo-screening.ts): 2023 has none.
    expect(summary.screening).toEqual({ rounds: 0, found: 0, prevented: 0 });
    expect(labelled(rows, '开展矛盾纠纷排查（次）')?.[1]).toBe(summary.screening.rounds);
    expect(labelled(rows, '排查发现矛盾纠纷（件）')?.[1]).toBe(summary.screening.found);
    expect(labelled(rows, '预防纠纷（件）')?.[1]).toBe(summary.screening.prevented);
    expect(rows.some((r) => String(r[0]).includes('排查、预防数字来自本系统登记的排查记录'))).toBe(true);
    for (const key of preventionKeys) {
      const label = { suicide: '防止民间纠纷引起自杀', criminal: '防止民间纠纷转化为刑事案件', groupPetition: '防止群体性上访', groupFight: '防止群体性械斗' }[key];
      expect(labelled(rows, label)?.slice(1, 3)).toEqual([summary.total.prevention[key].cases, summary.total.prevention[key].persons]);
    }
    for (const [source, n] of Object.entries(summary.total.bySource)) expect(labelled(rows, source)?.[1]).toBe(n);
    const sat = summary.total.satisfaction;
    // The demo's 2023 visits recorded an answer: the figure is not empty.
    expect(sat.满意 + sat.基本满意).toBeGreaterThan(0);
    for (const level of satisfactionLevels) expect(labelled(rows, level)?.[1]).toBe(sat[level]);
    expect(labelled(rows, '群众满意率（%）')?.[1]).toBe(pct(sat.满意 + sat.基本满意, sat.满意 + sat.基本满意 + sat.不满意));
    expect(rows.some((r) => String(r[0]).includes('不计入分母'))).toBe(true);
  });

  test('the footer: 表号, 制表机关, 单位负责人 and 报出日期 from the signed month, 填表人, 生成时间 in Beijing time', () => {
    for (const s of book.worksheets) {
      const lines = rowsOf(s).flat().filter((v): v is string => typeof v === 'string');
      expect(lines).toContain('表号：');
      expect(lines).toContain('制表机关：开鲁县司法局');
      expect(lines).toContain(`单位负责人：${xianName}`);
      expect(lines).toContain(`填表人：${xianName}`);
      expect(lines).toContain('报出日期：2024年3月1日');
      expect(lines).toContain('生成时间：2024年3月1日 10:00（北京时间）');
      expect(lines.some((l) => /\d{4}-\d{2}-\d{2}T/.test(l))).toBe(false);
    }
  });

  test('组织队伍: the registry\'s staffing lines equal the registry', async () => {
    const rows = rowsOf(sheet('组织队伍'));
    const value = (label: string) => labelled(rows, label)?.[1];
    const inOffice = store.db.selectFrom('mediators').innerJoin('committees', 'committees.id', 'mediators.committee_id')
      .where('committees.location', 'like', '150523%').where((eb) => eb.or([eb('mediators.left_on', 'is', null), eb('mediators.left_on', '>', '2023-12-31')]));
    const count = async (where: ReturnType<typeof sql<boolean>>) => Number((await inOffice.select(sql<number>`count(*)`.as('n')).where(where).executeTakeFirstOrThrow()).n);
    expect(value('人民调解员（人）')).toBe(890);
    const minority = await count(sql<boolean>`mediators.ethnicity <> '汉族'`);
    expect(minority).toBeGreaterThan(0);
    expect(value('　其中：少数民族')).toBe(minority);
    const members = await count(sql<boolean>`mediators.member_role is not null`);
    expect(value('　其中：调委会委员（含主任、副主任）')).toBe(members);
    expect(value('　　　　聘任调解员')).toBe(890 - members);
    // 培训人次 and 学时 of the year: the registry's trainings of mediators of this county.
    const trained = await store.db.selectFrom('mediator_trainings').innerJoin('mediators', 'mediators.id', 'mediator_trainings.mediator_id')
      .innerJoin('committees', 'committees.id', 'mediators.committee_id').where('committees.location', 'like', '150523%')
      .where('mediator_trainings.on_date', '>=', '2023-01-01').where('mediator_trainings.on_date', '<=', '2023-12-31')
      .select([sql<number>`count(*)`.as('n'), sql<number>`sum(mediator_trainings.hours)`.as('hours')]).executeTakeFirstOrThrow();
    expect(Number(trained.n)).toBeGreaterThan(0);
    expect(value('调解员培训（人次）')).toBe(Number(trained.n));
    expect(value('调解员培训（学时）')).toBe(Number(trained.hours));
    // 专职/兼职 by level add up to the county's mediators.
    const byLevel = committeeTypes.map((type) => labelled(rows, type));
    expect(byLevel.every((r) => r !== undefined)).toBe(true);
    const total = labelled(rows, '合计');
    expect(total?.slice(1, 4)).toEqual([890, summary.org.fullTime, 890 - summary.org.fullTime]);
    expect(byLevel.reduce((n, r) => n + Number(r?.[1]), 0)).toBe(890);
    expect(byLevel.reduce((n, r) => n + Number(r?.[2]), 0)).toBe(summary.org.fullTime);
    expect(rows.some((r) => String(r[0]).includes('学历、经费和补贴本系统尚未登记'))).toBe(true);
  });

  test('分乡镇: one row per town, exact 元, every column adding up to the county total', () => {
    const s = sheet('分乡镇');
    const rows = rowsOf(s);
    const h = indexOf(rows, '地区');
    const header = rows[h] as Row;
    const total = indexOf(rows, '合计');
    const towns = rows.slice(h + 1, total);
    expect(towns).toHaveLength(13);
    expect(towns.map((r) => r[1])).toEqual(summary.children.map((c) => c.code));
    for (const label of ['受理（件）', '调解成功（件）', '调解不成（件）', '未结（件）', '口头协议（件）', '书面协议（件）', '协议履行（件）', '司法确认（件）', '疑难复杂（件）', '涉及当事人数（人）']) {
      const i = header.indexOf(label);
      expect(i).toBeGreaterThan(1);
      expect(towns.reduce((n, r) => n + Number(r[i]), 0)).toBe(rows[total]?.[i]);
    }
    const amount = header.indexOf('协议涉及金额（元）');
    expect(rows[total]?.[amount]).toBe(summary.total.amountYuan);
    expect(towns.reduce((n, r) => n + Number(r[amount]) * 100, 0)).toBeCloseTo(summary.total.amountYuan * 100, 6);
    expect(s.getRow(total + 1).getCell(amount + 1).numFmt).toBe('0.00');
    expect(rows[total]?.[header.indexOf('受理（件）')]).toBe(297);
    for (const [i, town] of summary.children.entries()) {
      expect(towns[i]?.[0]).toBe(town.name);
      expect(towns[i]?.[header.indexOf('受理（件）')]).toBe(town.rollup.accepted);
      expect(towns[i]?.[amount]).toBe(town.rollup.amountYuan);
    }
  });

  test('满意率 opens the cases behind it: the drill lists equal the roll-up', async () => {
    const count = async (measure: string) => ((await (await get(`/api/cases?area=150523&${YEAR}&pageSize=1&measure=${measure}`)).json()) as { total: number }).total;
    const sat = summary.total.satisfaction;
    expect(await count('rated')).toBe(sat.满意 + sat.基本满意 + sat.不满意);
    expect(await count('satisfied')).toBe(sat.满意 + sat.基本满意);
    expect(await count('dissatisfied')).toBe(sat.不满意);
    // Each town's figure too, and the towns add up to the county.
    const town = summary.children.find((c) => c.rollup.satisfaction.满意 > 0);
    const inTown = ((await (await get(`/api/cases?area=${town?.code}&${YEAR}&pageSize=1&measure=satisfied`)).json()) as { total: number }).total;
    expect(inTown).toBe((town?.rollup.satisfaction.满意 ?? 0) + (town?.rollup.satisfaction.基本满意 ?? 0));
    expect(summary.children.reduce((n, c) => n + c.rollup.satisfaction.满意, 0)).toBe(sat.满意);
  });

  test('each sheet\'s CSV twin (UTF-8 with BOM) carries the XLSX sheet\'s cells', async () => {
    for (const [key, name] of [['cases', '调解案件'], ['org', '组织队伍'], ['areas', '分乡镇']] as const) {
      const res = await get(`/api/stats/report.csv?area=150523&${YEAR}&sheet=${key}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(encodeURIComponent(name));
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
      expect(text.startsWith(BOM)).toBe(true);
      const csv = parseCsv(text);
      const xlsx = rowsOf(sheet(name));
      expect(csv).toHaveLength(xlsx.length);
      for (const [i, row] of xlsx.entries()) {
        const expected = row.map((v) => (v === null || v === undefined ? '' : v));
        const got = (csv[i] ?? []).slice(0, expected.length);
        expect(got.map((v, j) => (typeof expected[j] === 'number' ? Number(v) : v))).toEqual(expected);
      }
    }
    expect((await get(`/api/stats/report.csv?area=150523&${YEAR}&sheet=nope`)).status).toBe(400);
  });
});
