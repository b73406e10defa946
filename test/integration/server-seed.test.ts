// The demo county: seeded through the real push path, deterministic, numbered, with working
// demo logins — and the laptop list API over it.
import { afterAll, describe, expect, test } from 'vitest';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD, demoLogins, seedIfEmpty } from '../../src/server/seed/demo.ts';
import type { Store } from '../../src/server/store/open.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';
import { fingerprint } from '../support/fingerprint.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { shouldBeWritten } from '../../src/shared/case-rules.ts';
import { isValidIdNumber } from '../../src/shared/id-number.ts';
import { isValidCreditCode } from '../../src/shared/credit-code.ts';
import { buildDocument } from '../../src/shared/documents/build.ts';
import '../../src/shared/i18n/later.ts';

afterAll(closeTestStores);

async function call(store: Store, method: string, path: string, token?: string, body?: unknown) {
  const app = createApp({ store });
  const res = await app.request(path, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

describe.each(storeKinds)('demo county on %s', (kind) => {
  test('an empty database gets 开鲁县, ~300 numbered cases of 2023 and the demo logins', async () => {
    const store = await openTestStore(kind);
    expect(await seedIfEmpty(store, { demo: true })).toEqual({ seeded: true, cases: 300 });
    expect(await seedIfEmpty(store, { demo: true })).toEqual({ seeded: false, cases: 0 });

    const areas = await store.db.selectFrom('areas').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(areas.n)).toBe(kailuAreas.length);
    const cases = await store.db.selectFrom('cases').select(['case_no', 'accepted_on', 'status', 'outcome', 'village_code']).execute();
    expect(cases).toHaveLength(300);
    expect(cases.every((c) => /^（2023）\S+人调字第\d+号$/.test(c.case_no ?? ''))).toBe(true);
    expect(cases.every((c) => c.accepted_on.startsWith('2023-'))).toBe(true);
    const succeeded = cases.filter((c) => c.outcome === 'success').length;
    expect(succeeded / cases.length).toBeGreaterThan(0.85);
    expect(new Set(cases.map((c) => c.status)).size).toBeGreaterThanOrEqual(5);
    const rejected = await store.db.selectFrom('mutation_log').select('seq').where('result', '!=', 'applied').execute();
    expect(rejected).toEqual([]);
    // Every demo agreement prints whole: each sum with its payer, way, time and place; each oral
    // one with money or later performance carries the parties' recorded choice (若干规定 Art 34);
    // each case that went to the court has the 身份证号 its package needs.
    const records = (await store.db.selectFrom('cases').select('data').execute()).map((r) => JSON.parse(r.data) as CaseRecord);
    const agreements = records.flatMap((r) => (r.agreement ? [r.agreement] : []));
    expect(agreements.filter((a) => a.amountYuan > 0).every((a) => (a.money ?? []).length > 0 && a.money?.every((m) => m.place !== '' && m.method !== ''))).toBe(true);
    expect(agreements.some((a) => a.terms.includes('双方按协商结果各自履行'))).toBe(false);
    expect(agreements.filter(shouldBeWritten).every((a) => a.oralChosen === true)).toBe(true);
    const confirmed = records.filter((r) => r.judicialConfirmation?.result === '确认有效');
    expect(confirmed.length).toBeGreaterThan(10);
    // A person by 身份证号, a company (单位) by its 统一社会信用代码 and 法定代表人.
    const identified = (p: CaseRecord['private']['parties'][number]) =>
      p.kind === '单位' ? isValidCreditCode(p.creditCode ?? '') && (p.legalRep ?? '') !== '' : p.idNumber !== undefined && isValidIdNumber(p.idNumber);
    expect(confirmed.every((r) => r.private.parties.every(identified))).toBe(true);
    // Some disputes are against a company: a 单位 party with a valid code, whose agreement prints.
    const withFirm = records.filter((r) => r.private.parties.some((p) => p.kind === '单位'));
    expect(withFirm.length).toBeGreaterThan(3);
    expect(withFirm.every((r) => r.private.parties.every((p) => p.kind !== '单位' || identified(p)))).toBe(true);
    expect(withFirm.filter((r) => r.agreement?.form === '书面').every((r) => buildDocument('agreement', r, [], { today: '2024-03-01' }).ok)).toBe(true);
    const options = { today: '2024-03-01' };
    expect(confirmed.every((r) => buildDocument('confirmation', r, [], options).ok)).toBe(true);
    const events = await store.db.selectFrom('events').select('kind').execute();
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['session', 'investigation', 'visit', 'transition']));

    for (const account of demoLogins()) {
      const login = await call(store, 'POST', '/api/auth/login', undefined, { username: account.username, password: DEMO_PASSWORD, clientId: crypto.randomUUID() });
      expect(login.status).toBe(200);
      expect(login.body.me.scope).toBe(account.scope);
    }
    const mediator = (await call(store, 'POST', '/api/auth/login', undefined, { username: 'tiaojie', password: DEMO_PASSWORD, clientId: crypto.randomUUID() })).body.token;
    const town = (await call(store, 'POST', '/api/auth/login', undefined, { username: 'zhen', password: DEMO_PASSWORD, clientId: crypto.randomUUID() })).body.token;
    const own = await call(store, 'GET', '/api/cases?pageSize=5', mediator);
    const inVillage = cases.filter((c) => c.village_code === '150523100200').length;
    expect(own.body.total).toBe(inVillage);
    expect(own.body.cases).toHaveLength(Math.min(5, inVillage));
    expect(own.body.cases.every((c: { villageCode: string }) => c.villageCode === '150523100200')).toBe(true);
    const townList = await call(store, 'GET', '/api/cases?year=2023&page=2&pageSize=20', town);
    expect(townList.body.total).toBe(cases.filter((c) => c.village_code.startsWith('150523100')).length);
    expect(townList.body.cases).toHaveLength(20);
    const one = await call(store, 'GET', `/api/cases/${townList.body.cases[0].id}`, town);
    expect(one.body.events.length).toBeGreaterThan(0);
  });

  test('seeding is deterministic', async () => {
    const a = await openTestStore(kind);
    const b = await openTestStore(kind);
    await seedIfEmpty(a, { demo: true });
    await seedIfEmpty(b, { demo: true });
    const [fa, fb] = [await fingerprint(a), await fingerprint(b)];
    for (const table of ['cases', 'events', 'change_log', 'case_numbers', 'mutation_log']) expect(fa[table], table).toBe(fb[table]);
  });
});
