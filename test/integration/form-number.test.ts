// 表号 (issue #15): the county's 司法局 sets the form number its province uses; the report's footer
// prints it (report.csv read back, and the XLSX's footer through its CSV twin); only county staff
// of that county (or the administrator) may set it; the federation file carries it upward, the
// province lists it with the month, and the province's own report prints the province's number.
import { afterAll, describe, expect, test } from 'vitest';
import { toCsv, parseCsv } from '../../src/shared/csv.ts';
import type { FederationFile, FederationPayload, FederatedMonth } from '../../src/shared/federation.ts';
import { closeTestStores } from '../support/stores.ts';
import { makeHarness, type Harness, type TestUser } from '../support/server.ts';

afterAll(closeTestStores);

const MONTH = '2025-11';
const header = ['台账编号', '受理日期', '村（社区）', '纠纷类型', '当事人', '调解结果', '协议形式', '金额（元）', '结案日期'];

async function importLedger(h: Harness, user: TestUser): Promise<void> {
  const rows = Array.from({ length: 6 }, (_, i) => [`F${i + 1}`, `2025-11-0${i + 1}`, '五家村', '邻里纠纷', `张${i}与李${i}`, '成功', '书面', '0', '2025-11-28']);
  const res = await h.app.request('/api/import/ledger', {
    method: 'POST', headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/octet-stream' }, body: toCsv([header, ...rows]),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function signOff(h: Harness, countyUser: TestUser, county: string): Promise<void> {
  const status = await h.call('GET', `/api/stats/signoffs?area=${county}&year=2025`, { token: countyUser.token });
  for (const town of status.body.months[10].towns as { code: string }[]) {
    expect((await h.call('POST', '/api/stats/signoffs', { token: h.users.admin.token, body: { area: town.code, month: MONTH } })).status).toBe(200);
  }
  expect((await h.call('POST', '/api/stats/signoffs', { token: countyUser.token, body: { area: county, month: MONTH } })).status).toBe(200);
}

/** The footer's 表号 line of the report's 调解案件 sheet (CSV twin), as printed. */
async function formNoLine(h: Harness, token: string, area: string): Promise<string | undefined> {
  const res = await h.app.request(`/api/stats/report.csv?area=${area}&from=2025-11-01&to=2025-11-30&sheet=cases`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
  return rows.find((r) => (r[0] ?? '').startsWith('表号：'))?.[0];
}

describe('表号 as a county setting', () => {
  test('set on the desk, printed in the footer, carried upward; the province prints its own', async () => {
    const county = await makeHarness('sqlite');
    const province = await makeHarness('postgres');
    await province.store.db.deleteFrom('committees').execute();
    const token = county.users.county.token;

    // Not set: the footer says so by leaving it blank.
    expect(await formNoLine(county, token, '150523')).toBe('表号：');
    // Only the county's 司法局 (or the administrator) sets it.
    expect((await county.call('PUT', '/api/stats/form-number', { token: county.users.town.token, body: { area: '150523', formNo: '司调统1表' } })).status).toBe(403);
    expect((await county.call('PUT', '/api/stats/form-number', { token, body: { area: '150502', formNo: '司调统1表' } })).status).toBe(403);
    expect((await county.call('PUT', '/api/stats/form-number', { token, body: { area: '15', formNo: '司调统1表' } })).status).toBe(403);
    expect((await county.call('PUT', '/api/stats/form-number', { token, body: { area: '150523', formNo: ' 蒙司调统1表 ' } })).status).toBe(200);
    expect((await county.call('GET', '/api/stats/form-number?area=150523100', { token: county.users.town.token })).body).toMatchObject({ area: '150523', formNo: '蒙司调统1表' });

    // Printed on the county's and its towns' reports.
    expect(await formNoLine(county, token, '150523')).toBe('表号：蒙司调统1表');
    expect(await formNoLine(county, county.users.town.token, '150523100')).toBe('表号：蒙司调统1表');

    // Carried in the signed file, listed by the province with the month.
    await importLedger(county, county.users.county);
    await signOff(county, county.users.county, '150523');
    const file: FederationFile = (await county.call('GET', `/api/federation/export?county=150523&month=${MONTH}`, { token })).body;
    expect((JSON.parse(file.signed) as FederationPayload).formNo).toBe('蒙司调统1表');
    const admin = province.users.admin.token;
    const identity = (await county.call('GET', '/api/federation/identity', { token })).body;
    expect((await province.call('POST', '/api/federation/keys', { token: admin, body: { countyCode: '150523', countyName: '开鲁县', publicKey: identity.publicKey } })).status).toBe(201);
    expect((await province.call('POST', '/api/federation/import', { token: admin, body: file })).status).toBe(200);
    const months = (await province.call('GET', '/api/federation/months', { token: admin })).body.months as FederatedMonth[];
    expect(months.map((m) => [m.countyCode, m.formNo])).toEqual([['150523', '蒙司调统1表']]);

    // The province prints its own number, not the county's.
    expect(await formNoLine(province, admin, '15')).toBe('表号：');
    expect((await province.call('PUT', '/api/stats/form-number', { token: admin, body: { area: '15', formNo: '蒙司统表1' } })).status).toBe(200);
    expect(await formNoLine(province, admin, '15')).toBe('表号：蒙司统表1');
    // Cleared with an empty number.
    expect((await county.call('PUT', '/api/stats/form-number', { token, body: { area: '150523', formNo: '' } })).status).toBe(200);
    expect(await formNoLine(county, token, '150523')).toBe('表号：');
  });
});
