// Another county end to end: 松山区 (赤峰), whose village names repeat across towns, set up from
// the bundled national list on an empty (DEMO=0) server; its county account imports a generated
// 1,000-row ledger with 序号, town, name and code columns. Every figure of GET /api/stats and of
// report.xlsx (read back with exceljs) matches the rows; the ledger corrected in 3 rows and
// re-sorted updates 3 cases and changes no total; a bad copy (impossible date, unknown category,
// unknown code) changes nothing and names all three rows by 序号 and row.
import { afterAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { createApp } from '../../src/server/app.ts';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { addCounty } from '../../src/server/divisions/add-county.ts';
import { nationalCounty } from '../../src/server/divisions/national.ts';
import { mulberry32 } from '../../src/server/seed/random.ts';
import { toCsv } from '../../src/shared/csv.ts';
import { statisticsRows } from '../../src/shared/categories.ts';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';
import { fingerprint } from '../support/fingerprint.ts';

afterAll(closeTestStores);

const COUNTY = '150404';
const areas = nationalCounty(COUNTY) ?? [];
const towns = new Map(areas.filter((a) => a.level === 'town').map((a) => [a.code, a.name]));
const villages = areas.filter((a) => a.level === 'village');
const header = ['序号', '受理日期', '所属镇（街道）', '村（社区）', '村（社区）代码', '纠纷类型', '申请人', '被申请人', '调解结果', '协议形式', '金额（元）', '案件来源', '结案日期'];
const sources = [['当事人申请', '申请'], ['信访转办', '信访移送'], ['人民法院委派', '法院移送'], ['派出所', '公安移送'], ['检察院移送', '其他移送'], ['主动调解', '主动调解']] as const;

interface Row {
  cells: string[];
  category: string;
  result: '成功' | '不成' | '未结';
  amount: number;
  source: string;
}

function generate(): Row[] {
  const rand = mulberry32(404);
  return Array.from({ length: 1000 }, (_, i) => {
    const v = villages[Math.floor(rand() * villages.length)] ?? villages[0];
    if (!v) throw new Error('no villages');
    const category = statisticsRows[Math.floor(rand() * statisticsRows.length)]?.code ?? '01';
    const r = rand();
    const result = r < 0.85 ? '成功' : r < 0.93 ? '不成' : '未结';
    const amount = result === '成功' ? Math.floor(rand() * 50) * 100 : 0;
    const [spelled, source] = sources[i % sources.length] ?? sources[0];
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    return {
      category, result, amount, source,
      cells: [String(i + 1), `2025年${month}月${day}日`, towns.get(v.code.slice(0, 9)) ?? '', v.name, v.code, category, `张${i}`, `李${i}`, result,
        result === '成功' ? (i % 2 ? '书面' : '口头') : '', String(amount), spelled, result === '未结' ? '' : `2025-${String(month).padStart(2, '0')}-28`],
    };
  });
}

describe.each(storeKinds)('松山区 from the national list on %s', (kind) => {
  test('1,000 ledger rows: every figure, a corrected re-import, a bad copy', async () => {
    const store = await openTestStore(kind);
    await seedIfEmpty(store, { demo: false });
    await addCounty(store, COUNTY);
    const app = createApp({ store, now: () => new Date('2026-03-10T02:00:00Z') });
    const adminId = await createUser(store.db, { username: 'root', displayName: '管理员', role: 'admin', scope: '', password: 'root-password-1' });
    const admin = (await createSession(store.db, adminId, crypto.randomUUID(), new Date())).token;
    const made = await app.request('/api/accounts', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username: 'songshan', displayName: '松山区司法局', role: 'county', scope: COUNTY, password: 'county-first-1' }),
    });
    expect(made.status).toBe(201);
    const countyUser = await store.db.selectFrom('users').select('id').where('username', '=', 'songshan').executeTakeFirstOrThrow();
    const token = (await createSession(store.db, countyUser.id, crypto.randomUUID(), new Date())).token;
    const upload = async (body: string) => {
      const res = await app.request('/api/import/ledger', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
      return { status: res.status, body: await res.json() };
    };
    const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });

    const rows = generate();
    // The county really has village names in several towns, and the file uses them.
    const repeated = villages.filter((v) => villages.filter((w) => w.name === v.name).length > 1).map((v) => v.code);
    expect(rows.some((r) => repeated.includes(r.cells[4] ?? ''))).toBe(true);
    const first = await upload(toCsv([header, ...rows.map((r) => r.cells)]));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 1000, updated: 0, unchanged: 0, message: '新增 1000 件，更新 0 件，未变 0 件' });

    const count = (f: (r: Row) => boolean) => rows.filter(f).length;
    const period = 'area=150404&from=2025-01-01&to=2025-12-31';
    const stats = async () => (await (await get(`/api/stats?${period}`)).json()) as StatsSummary;
    const summary = await stats();
    expect(summary.total).toMatchObject({
      accepted: 1000, succeeded: count((r) => r.result === '成功'), failed: count((r) => r.result === '不成'), open: count((r) => r.result === '未结'),
      amountYuan: rows.reduce((n, r) => n + r.amount, 0), oral: count((r) => r.result === '成功' && r.cells[9] === '口头'), written: count((r) => r.result === '成功' && r.cells[9] === '书面'),
    });
    for (const row of statisticsRows) expect(summary.total.byRow[row.code]?.accepted ?? 0, row.name).toBe(count((r) => r.category === row.code));
    for (const [, source] of sources) expect(summary.total.bySource[source as keyof typeof summary.total.bySource] ?? 0, source).toBe(count((r) => r.source === source));
    for (const [code, name] of towns) {
      const child = summary.children.find((c) => c.code === code);
      expect(child?.name).toBe(name);
      expect(child?.rollup.accepted ?? 0, name).toBe(count((r) => (r.cells[4] ?? '').startsWith(code)));
    }

    const xlsx = await get(`/api/stats/report.xlsx?${period}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const lines = new Map<string, ExcelJS.CellValue[]>();
    book.worksheets[0]?.eachRow((row) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (typeof values[0] === 'string') lines.set(values[0], values);
    });
    const succeeded = count((r) => r.result === '成功');
    expect(lines.get('合计')?.slice(1, 6)).toEqual([1000, succeeded, Math.round((succeeded / 1000) * 10_000) / 100, count((r) => r.result === '不成'), count((r) => r.result === '未结')]);
    expect(lines.get('合计')?.[8]).toBeCloseTo(rows.reduce((n, r) => n + r.amount, 0) / 10_000, 2);
    for (const row of statisticsRows) expect(lines.get(row.name)?.[1], row.name).toBe(count((r) => r.category === row.code));

    // Corrected: three amounts (or categories) changed, and the file sorted the other way round.
    const corrected = rows.map((r) => [...r.cells]);
    const successes = corrected.filter((c) => c[8] === '成功');
    for (const c of successes.slice(0, 3)) c[10] = String(Number(c[10]) + 100);
    const again = await upload(toCsv([header, ...corrected.reverse()]));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 0, updated: 3, unchanged: 997 });
    expect(again.body.message).toContain('更新 3 件');
    const after = await stats();
    expect(after.total.accepted).toBe(1000);
    expect(after.total.succeeded).toBe(summary.total.succeeded);
    expect(after.total.amountYuan).toBe(summary.total.amountYuan + 300);
    // Each update is in its case's history, with who imported it.
    const changedNo = successes[0]?.[0] ?? '';
    const notes = await store.db.selectFrom('events').select('data').where('kind', '=', 'note').execute();
    expect(notes).toHaveLength(3);
    expect(notes.map((n) => n.data).join()).toContain(`序号 ${changedNo}`);
    expect(notes[0]?.data).toContain('松山区司法局');
    expect((await upload(toCsv([header, ...corrected]))).body).toMatchObject({ imported: 0, updated: 0, unchanged: 1000 });

    // A bad copy: an impossible date, an unknown category, an unknown code — refused whole.
    const bad = rows.map((r) => [...r.cells]);
    (bad[9] as string[])[1] = '2022年2月30日';
    (bad[99] as string[])[5] = '外星人纠纷';
    (bad[499] as string[])[4] = '150404999999';
    const before = await fingerprint(store);
    const refused = await upload(toCsv([header, ...bad]));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([
      { row: 11, ledgerNo: '10', field: '受理日期', message: expect.stringContaining('2022年2月30日不存在') },
      { row: 101, ledgerNo: '100', field: '纠纷类型', message: expect.stringContaining('外星人纠纷') },
      { row: 501, ledgerNo: '500', field: '村（社区）代码', message: expect.stringContaining('150404999999') },
    ]);
    expect(await fingerprint(store)).toEqual(before);
  }, 240_000);
});
