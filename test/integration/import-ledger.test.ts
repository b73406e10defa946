// Paper ledgers imported through the same apply path as a phone's push: a 62-case ledger with 58
// successes reports 93.55%; one bad row refuses the whole file with a row-by-row report and
// changes nothing; the same file twice counts once; XLSX works like CSV; imported cases reach
// the village's phones through the ordinary pull.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { toCsv } from '../../src/shared/csv.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { fingerprint } from '../support/fingerprint.ts';

afterAll(closeTestStores);

const header = ['台账编号', '受理日期', '村（社区）', '纠纷类型', '当事人', '调解结果', '协议形式', '金额（元）', '结案日期'];
const villages = ['五家村', '150523100201', '南四合村委会', '民主社区'];
const types = ['邻里纠纷', '婚姻家庭', '03', '山林土地纠纷'];

/** 62 rows of 2025: 58 成功 (口头 and 书面), 4 不成. */
function ledgerRows(prefix = 'A'): string[][] {
  return Array.from({ length: 62 }, (_, i) => {
    const success = i % 15 !== 7;
    const month = String((i % 12) + 1).padStart(2, '0');
    return [
      `${prefix}${i + 1}`, `2025/${Number(month)}/${(i % 27) + 1}`, villages[i % villages.length] as string, types[i % types.length] as string,
      `张${i}与李${i}`, success ? '成功' : '不成', success ? (i % 3 === 0 ? '口头' : '书面') : '', success ? String(100 * (i % 5)) : '',
      `2025-${month}-28`,
    ];
  });
}

const csv = (rows: string[][]) => toCsv([header, ...rows]);

describe.each(storeKinds)('ledger import on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });
  const upload = (body: string | Uint8Array, token: string, query = '') =>
    h.app.request(`/api/import/ledger${query}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]),
    });

  test('62 cases of which 58 succeeded: 93.55%, imported once however often the file comes', async () => {
    const { town, med } = h.users;
    const file = csv(ledgerRows());
    const checked = await upload(file, town.token, '?check=1');
    expect(checked.status).toBe(200);
    expect((await checked.json()).summary.successRateText).toBe('93.55%');
    expect((await h.call('GET', '/api/stats?area=150523100&from=2025-01-01&to=2025-12-31', { token: town.token })).body.total.accepted).toBe(0);

    const first = await upload(file, town.token);
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body).toMatchObject({ rows: 62, imported: 62, skipped: 0 });
    expect(body.summary).toMatchObject({ accepted: 62, succeeded: 58, failed: 4, successRate: { numerator: 58, denominator: 62 }, successRateText: '93.55%' });

    const stats = async () => (await h.call('GET', '/api/stats?area=150523100&from=2025-01-01&to=2025-12-31', { token: town.token })).body.total;
    expect(await stats()).toMatchObject({ accepted: 62, succeeded: 58, failed: 4, successRate: { numerator: 58, denominator: 62 } });

    const again = await (await upload(file, town.token)).json();
    expect(again).toMatchObject({ imported: 0, skipped: 62 });
    // The same rows inside a longer file (one more case) add only the new one.
    const longer = csv([...ledgerRows(), ['A63', '2025-12-01', '五家村', '邻里纠纷', '王甲与赵乙', '未结', '', '', '']]);
    expect(await (await upload(longer, town.token)).json()).toMatchObject({ imported: 1, skipped: 62 });
    expect(await stats()).toMatchObject({ accepted: 63, succeeded: 58, failed: 4, open: 1 });

    // The village's phone pulls its imported cases like any other.
    const { changes } = await h.pullAll(med);
    const pulled = changes.flatMap((c) => (c.entity === 'case' && c.op === 'upsert' && c.data.villageCode === '150523100200' ? [c.data] : []));
    expect(pulled.length).toBe(17);
    expect(pulled.every((c) => /调字第\d+号/.test(c.caseNo ?? ''))).toBe(true);
  });

  test('履行 and 司法确认 noted in a ledger become the 回访 and the confirmation the statistics count', async () => {
    const { town } = h.users;
    const rows = [
      ['受理日期', '村', '纠纷类型', '当事人', '调解结果', '协议形式', '结案日期', '履行情况', '司法确认'],
      ['2024-05-02', '五家村', '邻里纠纷', '甲一与乙一', '成功', '书面', '2024-05-20', '已履行', '确认有效'],
      ['2024-05-03', '五家村', '邻里纠纷', '甲二与乙二', '成功', '书面', '2024-05-21', '部分履行', '审查中'],
      ['2024-05-04', '五家村', '邻里纠纷', '甲三与乙三', '成功', '口头', '2024-05-22', '已履行', ''],
      ['2024-05-05', '五家村', '邻里纠纷', '甲四与乙四', '成功', '书面', '2024-05-23', '', ''],
      ['2024-05-06', '五家村', '邻里纠纷', '甲五与乙五', '不成', '', '2024-05-24', '', ''],
    ];
    const reply = await upload(toCsv(rows), town.token);
    expect(reply.status).toBe(200);
    const body = await reply.json();
    expect(body.summary).toMatchObject({ accepted: 5, succeeded: 4, performed: 2, confirmed: 1 });
    const total = (await h.call('GET', '/api/stats?area=150523100&from=2024-05-01&to=2024-05-31', { token: town.token })).body.total;
    expect(total).toMatchObject({ accepted: 5, succeeded: 4, failed: 1, performed: 2, confirmed: 1 });

    const listed = (await h.call('GET', '/api/cases?area=150523100&from=2024-05-01&to=2024-05-31&measure=confirmed', { token: town.token })).body.cases;
    expect(listed).toHaveLength(1);
    const one = (await h.call('GET', `/api/cases/${listed[0].id}`, { token: town.token })).body;
    expect(one.case.status).toBe('visited');
    expect(one.case.judicialConfirmation).toMatchObject({ result: '确认有效', appliedOn: '2024-05-20', decidedOn: '2024-05-20' });
    const visit = one.events.find((e: { kind: string }) => e.kind === 'visit');
    // The ledger says nothing of satisfaction, and the record does not pretend it does.
    expect(visit.data).toMatchObject({ on: '2024-05-20', performance: '已履行', satisfaction: '未记载' });
  });

  test('one bad row refuses the whole file, naming the row and the field; nothing is imported', async () => {
    const { town } = h.users;
    const rows = ledgerRows('B');
    (rows[29] as string[])[5] = '成了';
    (rows[40] as string[])[2] = '不存在村';
    (rows[50] as string[])[7] = '一千';
    const before = await fingerprint(h.store);
    const res = await upload(csv(rows), town.token);
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('ledger.invalid');
    expect(error.message).toContain('整个文件都没有导入');
    expect(error.details).toEqual([
      { row: 31, ledgerNo: 'B30', field: '调解结果', message: '调解结果“成了”应填写 成功、不成 或 未结' },
      { row: 42, ledgerNo: 'B41', field: '村（社区）', message: expect.stringContaining('辖区内找不到名为“不存在村”的村（社区）') },
      { row: 52, ledgerNo: 'B51', field: '金额（元）', message: expect.stringContaining('金额“一千”应为数字') },
    ]);
    expect(await fingerprint(h.store)).toEqual(before);
  });

  test('staff import only into their own area; mediators not at all', async () => {
    const { town, med } = h.users;
    const rows = ledgerRows('C').slice(0, 3);
    (rows[1] as string[])[2] = '150523101200';
    const res = await upload(csv(rows), town.token);
    expect(res.status).toBe(422);
    expect((await res.json()).error.details).toEqual([{ row: 3, ledgerNo: 'C2', field: '村（社区）', message: expect.stringContaining('不在您的辖区内') }]);
    expect((await upload(csv(ledgerRows('C')), med.token)).status).toBe(403);
  });

  test('an Excel ledger imports like a CSV one, dates in date cells included', async () => {
    const { county } = h.users;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台账');
    sheet.addRow(['受理日期', '村', '纠纷类型', '申请人', '被申请人', '调解结果', '协议形式', '协议涉及金额（万元）']);
    sheet.addRow([new Date(Date.UTC(2025, 4, 6)), '150523101200', '合同纠纷', '孙甲', '周乙、吴丙', '成功', '书面', 1.5]);
    sheet.addRow(['2025年5月7日', '150523101201', '损害赔偿纠纷', '郑丁', '冯戊', '未结', '', '']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const res = await upload(bytes, county.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 2, summary: { accepted: 2, succeeded: 1, open: 1, amountYuan: 15_000 } });
    const list = await h.call('GET', '/api/cases?area=150523101&from=2025-05-01&to=2025-05-31', { token: county.token });
    const sold = list.body.cases.find((c: { categoryCode: string }) => c.categoryCode === '04');
    expect(sold).toMatchObject({ acceptedOn: '2025-05-06', status: 'agreed', agreement: { form: '书面', amountYuan: 15_000 } });
    expect(sold.private.parties.map((p: { role: string; name: string }) => `${p.role}${p.name}`)).toEqual(['申请人孙甲', '被申请人周乙', '被申请人吴丙']);
  });
});
