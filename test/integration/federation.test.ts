// Federation: two county servers (SQLite) each sign off a month and export it as a signed file; a
// province server (PostgreSQL) registers their keys, imports both, and its roll-up is the sum of
// the two counties' own; a tampered file and a replayed older version are refused with clear
// messages; a re-signing after an audited unlock replaces its predecessor visibly; and the file
// carries no personal data (scanned for every name, phone, ID number and text of the county).
import { afterAll, describe, expect, test } from 'vitest';
import { toCsv } from '../../src/shared/csv.ts';
import type { FederationFile } from '../../src/shared/federation.ts';
import { closeTestStores } from '../support/stores.ts';
import { makeHarness, type Harness, type TestUser } from '../support/server.ts';

afterAll(closeTestStores);

const MONTH = '2025-11';
const header = ['台账编号', '受理日期', '村（社区）', '纠纷类型', '当事人', '调解结果', '协议形式', '金额（元）', '结案日期'];
const marker = (county: string, i: number) => `秘${county}${i}号当事人`;

/** n ledger rows in MONTH for the given villages, with a unique party text each (to scan for). */
function ledger(county: string, villages: string[], n: number): string {
  const types = ['邻里纠纷', '婚姻家庭', '山林土地纠纷', '03'];
  const rows = Array.from({ length: n }, (_, i) => {
    const success = i % 7 !== 3;
    return [
      `F${i + 1}`, `2025-11-${String((i % 27) + 1).padStart(2, '0')}`, villages[i % villages.length] as string, types[i % types.length] as string,
      `${marker(county, i)}与李${i}`, success ? '成功' : '不成', success ? (i % 2 === 0 ? '书面' : '口头') : '', success ? String(500 * (i % 4)) : '', '2025-11-28',
    ];
  });
  return toCsv([header, ...rows]);
}

async function importLedger(h: Harness, user: TestUser, csv: string): Promise<void> {
  const res = await h.app.request('/api/import/ledger', {
    method: 'POST', headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/octet-stream' }, body: csv,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Every town of the county signs MONTH (as the administrator), then the county itself. */
async function signOff(h: Harness, countyUser: TestUser, county: string): Promise<void> {
  const status = await h.call('GET', `/api/stats/signoffs?area=${county}&year=2025`, { token: countyUser.token });
  const towns: { code: string }[] = status.body.months[10].towns;
  for (const town of towns) {
    expect((await h.call('POST', '/api/stats/signoffs', { token: h.users.admin.token, body: { area: town.code, month: MONTH } })).status).toBe(200);
  }
  expect((await h.call('POST', '/api/stats/signoffs', { token: countyUser.token, body: { area: county, month: MONTH } })).status).toBe(200);
}

const monthQuery = (area: string) => `/api/stats?area=${area}&from=2025-11-01&to=2025-11-30`;

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

/** Adds two roll-ups field by field (every figure of a roll-up is a count or a sum). */
function addUp(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' || typeof b === 'number') return Number(a ?? 0) + Number(b ?? 0);
  const keys = new Set([...Object.keys((a ?? {}) as object), ...Object.keys((b ?? {}) as object)]);
  return Object.fromEntries([...keys].map((k) => [k, addUp((a as Record<string, unknown> | undefined)?.[k], (b as Record<string, unknown> | undefined)?.[k])]));
}

describe('federation: two county servers (SQLite) and a province server (PostgreSQL)', () => {
  test('signed months travel upward, add up, and refuse tampering and replay; no personal data leaves', async () => {
    const countyA = await makeHarness('sqlite');
    const countyB = await makeHarness('sqlite');
    const province = await makeHarness('postgres');
    // The harness seeds every server with the two counties' networks; the province hosts neither.
    await province.store.db.deleteFrom('committees').execute();

    await importLedger(countyA, countyA.users.county, ledger('A', ['五家村', '南四合村委会', '民主社区'], 40));
    await importLedger(countyB, countyB.users.countyX, ledger('B', ['测试社区居委会'], 25));
    await signOff(countyA, countyA.users.county, '150523');
    await signOff(countyB, countyB.users.countyX, '150502');

    // An unsigned month cannot leave.
    const early = await countyA.call('GET', '/api/federation/export?county=150523&month=2025-10', { token: countyA.users.county.token });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('还没有签收');
    // Another county's month is not this account's to export.
    expect((await countyA.call('GET', `/api/federation/export?county=150502&month=${MONTH}`, { token: countyA.users.county.token })).status).toBe(403);

    const fileA: FederationFile = (await countyA.call('GET', `/api/federation/export?county=150523&month=${MONTH}`, { token: countyA.users.county.token })).body;
    const fileB: FederationFile = (await countyB.call('GET', `/api/federation/export?county=150502&month=${MONTH}`, { token: countyB.users.countyX.token })).body;
    // Asked again, the same version is the same file.
    expect((await countyA.call('GET', `/api/federation/export?county=150523&month=${MONTH}`, { token: countyA.users.county.token })).body).toEqual(fileA);

    // No personal data: not a party's text, name, phone or ID number of the county's cases.
    for (const [h, file, county] of [[countyA, fileA, 'A'], [countyB, fileB, 'B']] as const) {
      const text = JSON.stringify(file);
      for (let i = 0; i < 25; i++) expect(text).not.toContain(marker(county, i));
      const cases = await h.store.db.selectFrom('cases').select('data').execute();
      expect(cases.length).toBeGreaterThan(0);
      for (const row of cases) {
        // Every personal value of a case lives under `private` (names, phones, ID numbers, facts).
        const personal = strings((JSON.parse(row.data) as { private: unknown }).private).filter((s) => s.length >= 3);
        expect(personal.length).toBeGreaterThan(0);
        for (const value of personal) expect(text).not.toContain(value);
      }
      const payload = JSON.parse(file.signed) as Record<string, unknown>;
      expect(Object.keys(payload).sort()).toEqual(['cells', 'county', 'generatedAt', 'keyFingerprint', 'month', 'org', 'previousHash', 'province', 'signedAt', 'version']);
    }

    // Before its key is registered a county's file is refused.
    const admin = province.users.admin.token;
    const unknown = await province.call('POST', '/api/federation/import', { token: admin, body: fileA });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('federation.keyUnknown');

    for (const [h, user, code, name] of [[countyA, countyA.users.county, '150523', '开鲁县'], [countyB, countyB.users.countyX, '150502', '科尔沁区']] as const) {
      const identity = (await h.call('GET', '/api/federation/identity', { token: user.token })).body;
      const registered = await province.call('POST', '/api/federation/keys', { token: admin, body: { countyCode: code, countyName: name, publicKey: identity.publicKey } });
      expect(registered.status).toBe(201);
      expect(registered.body.fingerprint).toBe(identity.fingerprint);
    }
    // A county whose network is kept on the province server itself is counted from it, never imported.
    const hosted = await makeHarness('sqlite');
    const hostedKey = (await countyA.call('GET', '/api/federation/identity', { token: countyA.users.county.token })).body.publicKey;
    await hosted.call('POST', '/api/federation/keys', { token: hosted.users.admin.token, body: { countyCode: '150523', countyName: '开鲁县', publicKey: hostedKey } });
    const here = await hosted.call('POST', '/api/federation/import', { token: hosted.users.admin.token, body: fileA });
    expect(here.status).toBe(409);
    expect(here.body.error.code).toBe('federation.hostedHere');
    // Only an administrator registers keys and imports.
    expect((await province.call('POST', '/api/federation/import', { token: province.users.county.token, body: fileA })).status).toBe(403);

    // A changed figure breaks the signature.
    const tampered = { ...fileA, signed: fileA.signed.replace(/"n":(\d+)/, (_, n: string) => `"n":${Number(n) + 1}`) };
    expect(tampered.signed).not.toBe(fileA.signed);
    const refused = await province.call('POST', '/api/federation/import', { token: admin, body: tampered });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('federation.signatureInvalid');
    expect(refused.body.error.message).toContain('开鲁县');
    // File B signed by A's key is refused too (a county cannot report for another).
    const swapped = { ...fileB, signature: fileA.signature };
    expect((await province.call('POST', '/api/federation/import', { token: admin, body: swapped })).body.error.code).toBe('federation.signatureInvalid');
    const notAFile = await province.call('POST', '/api/federation/import', { token: admin, body: { hello: 'world' } });
    expect(notAFile.status).toBe(400);
    expect(notAFile.body.error.code).toBe('federation.fileInvalid');
    // Nothing arrived from the refusals.
    expect((await province.call('GET', '/api/federation/months', { token: admin })).body.months).toEqual([]);
    expect(await province.store.db.selectFrom('federation_imports').select('county_code').execute()).toEqual([]);

    // Several files at once are all or none: one tampered file refuses the whole batch.
    const batch = await province.call('POST', '/api/federation/import', { token: admin, body: [fileB, tampered] });
    expect(batch.status).toBe(422);
    expect((await province.call('GET', '/api/federation/months', { token: admin })).body.months).toEqual([]);

    expect((await province.call('POST', '/api/federation/import', { token: admin, body: fileA })).body).toMatchObject({ county: '150523', version: 1, replaced: null });
    expect((await province.call('POST', '/api/federation/import', { token: admin, body: fileB })).body).toMatchObject({ county: '150502', version: 1, replaced: null });
    const again = await province.call('POST', '/api/federation/import', { token: admin, body: fileA });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('federation.already');

    // The province's roll-up is the sum of the two counties' own.
    const totalA = (await countyA.call('GET', monthQuery('150523'), { token: countyA.users.county.token })).body.total;
    const totalB = (await countyB.call('GET', monthQuery('150502'), { token: countyB.users.countyX.token })).body.total;
    expect(totalA.accepted).toBe(40);
    expect(totalB.accepted).toBe(25);
    const provinceStats = (await province.call('GET', monthQuery('15'), { token: admin })).body;
    expect(provinceStats.total).toEqual(addUp(totalA, totalB));
    expect(Object.fromEntries(provinceStats.children.map((c: { code: string; rollup: { accepted: number } }) => [c.code, c.rollup.accepted])))
      .toMatchObject({ '150523': 40, '150502': 25 });
    // …for the year too (the year cells are rebuilt from the months).
    const yearStats = (await province.call('GET', '/api/stats?area=15&from=2025-01-01&to=2025-12-31', { token: admin })).body;
    expect(yearStats.total.accepted).toBe(65);
    // The organisation figures travel with the month.
    const orgA = (await countyA.call('GET', monthQuery('150523'), { token: countyA.users.county.token })).body.org;
    const orgB = (await countyB.call('GET', monthQuery('150502'), { token: countyB.users.countyX.token })).body.org;
    expect(provinceStats.org.committeesTotal).toBe(orgA.committeesTotal + orgB.committeesTotal);

    // An audited unlock and a new sign-off make version 2, which replaces version 1 visibly…
    // (the town of 五家村 is unlocked, which releases the county's sign-off too)
    const unlocked = await countyA.call('POST', '/api/stats/signoffs/unlock', { token: countyA.users.county.token, body: { area: '150523100', month: MONTH, reason: '补录漏报案件' } });
    expect(unlocked.status).toBe(200);
    await importLedger(countyA, countyA.users.county, toCsv([header, ['G1', '2025-11-30', '五家村', '邻里纠纷', '补录甲与补录乙', '成功', '书面', '800', '2025-11-30']]));
    expect((await countyA.call('POST', '/api/stats/signoffs', { token: countyA.users.admin.token, body: { area: '150523100', month: MONTH } })).status).toBe(200);
    expect((await countyA.call('POST', '/api/stats/signoffs', { token: countyA.users.county.token, body: { area: '150523', month: MONTH } })).status).toBe(200);
    const fileA2: FederationFile = (await countyA.call('GET', `/api/federation/export?county=150523&month=${MONTH}`, { token: countyA.users.county.token })).body;
    const payload2 = JSON.parse(fileA2.signed) as { version: number; previousHash: string };
    expect(payload2.version).toBe(2);
    expect((await province.call('POST', '/api/federation/import', { token: admin, body: fileA2 })).body).toMatchObject({ version: 2, replaced: 1 });
    expect((await province.call('GET', monthQuery('15'), { token: admin })).body.total.accepted).toBe(66);
    const months = (await province.call('GET', '/api/federation/months?area=150523', { token: admin })).body.months;
    expect(months.map((m: { version: number; replacedAt: string | null }) => [m.version, m.replacedAt === null])).toEqual([[2, true], [1, false]]);

    // …and the old file, replayed, is refused and changes nothing.
    const replay = await province.call('POST', '/api/federation/import', { token: admin, body: fileA });
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('federation.replayed');
    expect(replay.body.error.message).toContain('旧版本');
    expect((await province.call('GET', monthQuery('15'), { token: admin })).body.total.accepted).toBe(66);
  });
});
