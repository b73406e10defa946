// Federation's batched import (federation/import.ts) on SQLite as well as PostgreSQL: a county's
// signed month goes in through the JSON bulk insert of either database and the province's
// roll-up equals the county's own; a batch naming one county month twice takes it in order (the
// second replaces the first, as two requests would); and a province server that hosts no cases
// answers its first roll-up from the totals its imports wrote.
import { afterAll, describe, expect, test } from 'vitest';
import { toCsv } from '../../src/shared/csv.ts';
import type { FederationFile } from '../../src/shared/federation.ts';
import { closeTestStores, type StoreKind } from '../support/stores.ts';
import { makeHarness, type Harness } from '../support/server.ts';

afterAll(closeTestStores);

const MONTH = '2025-11';
const header = ['台账编号', '受理日期', '村（社区）', '纠纷类型', '当事人', '调解结果', '协议形式', '金额（元）', '结案日期'];
const monthQuery = (area: string) => `/api/stats?area=${area}&from=2025-11-01&to=2025-11-30`;

async function ledger(county: Harness, prefix: string, rows: number, villages: string[]): Promise<void> {
  const lines = Array.from({ length: rows }, (_, i) => [`${prefix}${i + 1}`, `2025-11-${String((i % 27) + 1).padStart(2, '0')}`, villages[i % villages.length] as string, i % 3 ? '邻里纠纷' : '婚姻家庭',
    `张${i}与李${i}`, i % 5 === 3 ? '不成' : '成功', i % 5 === 3 ? '' : '书面', i % 5 === 3 ? '' : String(100 * (i % 4)), '2025-11-28']);
  const res = await county.app.request('/api/import/ledger', {
    method: 'POST', headers: { authorization: `Bearer ${county.users.county.token}`, 'content-type': 'application/octet-stream' }, body: toCsv([header, ...lines]),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function signedMonth(county: Harness): Promise<FederationFile> {
  const status = await county.call('GET', '/api/stats/signoffs?area=150523&year=2025', { token: county.users.county.token });
  for (const town of status.body.months[10].towns as { code: string }[]) {
    expect((await county.call('POST', '/api/stats/signoffs', { token: county.users.admin.token, body: { area: town.code, month: MONTH } })).status).toBe(200);
  }
  expect((await county.call('POST', '/api/stats/signoffs', { token: county.users.county.token, body: { area: '150523', month: MONTH } })).status).toBe(200);
  return (await county.call('GET', `/api/federation/export?county=150523&month=${MONTH}`, { token: county.users.county.token })).body as FederationFile;
}

describe.each(['sqlite', 'postgres'] as StoreKind[])('batched federation import (province on %s)', (kind) => {
  test('the province adds up to the county, re-signed months replace in order', async () => {
    const county = await makeHarness('sqlite');
    const province = await makeHarness(kind);
    await province.store.db.deleteFrom('committees').execute();
    await ledger(county, 'F', 17, ['五家村', '民主社区']);
    const first = await signedMonth(county);
    const identity = (await county.call('GET', '/api/federation/identity', { token: county.users.county.token })).body;
    const admin = province.users.admin.token;
    expect((await province.call('POST', '/api/federation/keys', { token: admin, body: { countyCode: '150523', countyName: '开鲁县', publicKey: identity.publicKey } })).status).toBe(201);

    // An audited unlock, more cases, a re-signing: version 2 of the same month.
    // (the town of 五家村 is unlocked, which releases the county's sign-off too)
    expect((await county.call('POST', '/api/stats/signoffs/unlock', { token: county.users.county.token, body: { area: '150523100', month: MONTH, reason: '补录漏报的案件' } })).status).toBe(200);
    await ledger(county, 'G', 9, ['五家村']);
    expect((await county.call('POST', '/api/stats/signoffs', { token: county.users.admin.token, body: { area: '150523100', month: MONTH } })).status).toBe(200);
    expect((await county.call('POST', '/api/stats/signoffs', { token: county.users.county.token, body: { area: '150523', month: MONTH } })).status).toBe(200);
    const second = (await county.call('GET', `/api/federation/export?county=150523&month=${MONTH}`, { token: county.users.county.token })).body as FederationFile;
    const own = (await county.call('GET', monthQuery('150523'), { token: county.users.county.token })).body.total;
    expect(own.accepted).toBe(26);

    // Both versions in one batch: taken in order, the second replacing the first.
    const batch = await province.call('POST', '/api/federation/import', { token: admin, body: [first, second] });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    const months = (await province.call('GET', '/api/federation/months', { token: admin })).body.months as { version: number; replacedAt: string | null }[];
    expect(months.map((m) => [m.version, m.replacedAt === null])).toEqual([[2, true], [1, false]]);
    const stats = (await province.call('GET', monthQuery('15'), { token: admin })).body;
    expect(stats.total).toEqual(own);
    const year = (await province.call('GET', '/api/stats?area=15&from=2025-01-01&to=2025-12-31', { token: admin })).body;
    expect(year.total.accepted).toBe(26);
  });
});
