// A county from the bundled national 统计用区划代码: an empty server (DEMO=0) lists no areas; the
// administrator picks 省 → 市 → 县 from GET /api/divisions and sets the county up — towns,
// villages and default committees in one go, twice without duplicates; phones read the county's
// whole tree by GET /api/areas/tree.
import { afterAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { nationalCounty } from '../../src/server/divisions/national.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('county set-up on %s', (kind) => {
  test('DEMO=0 lists nothing; the administrator sets up 松山区 from the national list, idempotently', async () => {
    const store = await openTestStore(kind);
    expect(await seedIfEmpty(store, { demo: false })).toEqual({ seeded: false, cases: 0 });
    const app = createApp({ store });
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const res = await app.request(path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, body: await res.json() };
    };
    expect((await call('GET', '/api/areas')).body).toEqual({ areas: [] });
    for (const table of ['areas', 'committees', 'users', 'cases'] as const) {
      expect(await store.db.selectFrom(table).selectAll().execute(), table).toEqual([]);
    }

    const admin = await createUser(store.db, { username: 'root', displayName: '管理员', role: 'admin', scope: '', passwordHash: 'x' });
    const { token } = await createSession(store.db, admin, crypto.randomUUID(), new Date());
    const provinces = (await call('GET', '/api/divisions')).body.divisions;
    expect(provinces).toHaveLength(31);
    expect(provinces).toContainEqual({ code: '15', name: '内蒙古自治区', level: 'province', parent: null });
    expect((await call('GET', '/api/divisions?parent=15')).body.divisions).toContainEqual({ code: '1504', name: '赤峰市', level: 'city', parent: '15' });
    const counties = (await call('GET', '/api/divisions?parent=1504')).body.divisions;
    expect(counties).toContainEqual({ code: '150404', name: '松山区', level: 'county', parent: '1504', setUp: false });

    const mediator = await createUser(store.db, { username: 'm', displayName: '调解员', role: 'mediator', scope: '150523100200', passwordHash: 'x' });
    expect((await call('POST', '/api/divisions/counties', (await createSession(store.db, mediator, crypto.randomUUID(), new Date())).token, { county: '150404' })).status).toBe(403);
    expect((await call('POST', '/api/divisions/counties', undefined, { county: '150404' })).status).toBe(401);
    const unknown = await call('POST', '/api/divisions/counties', token, { county: '159999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('159999');

    const national = nationalCounty('150404') ?? [];
    const towns = national.filter((a) => a.level === 'town').length;
    const villages = national.filter((a) => a.level === 'village').length;
    const first = await call('POST', '/api/divisions/counties', token, { county: '150404' });
    expect(first.body).toEqual({ county: '150404', name: '松山区', towns, villages, added: 1 + towns + villages });
    const again = await call('POST', '/api/divisions/counties', token, { county: '150404' });
    expect(again.body).toEqual({ ...first.body, added: 0 });
    const committees = await store.db.selectFrom('committees').select(['area_code', 'name']).execute();
    expect(committees).toHaveLength(towns + villages);
    expect(committees.some((c) => c.area_code === '150404')).toBe(false);

    const top = (await call('GET', '/api/areas')).body.areas;
    expect(top).toEqual([expect.objectContaining({ code: '150404', name: '松山区', province: { code: '15', name: '内蒙古自治区' }, city: { code: '1504', name: '赤峰市' } })]);
    expect((await call('GET', '/api/divisions?parent=1504')).body.divisions).toContainEqual(expect.objectContaining({ code: '150404', setUp: true }));
    const tree = (await call('GET', '/api/areas/tree?county=150404')).body;
    expect(tree.areas).toHaveLength(1 + towns + villages);
    const repeated = tree.areas.filter((a: { name: string }) => a.name === '马架子村委会');
    expect(repeated).toHaveLength(3);
    expect(repeated.every((a: { committee: string }) => a.committee === '马架子村人民调解委员会')).toBe(true);
    expect((await call('GET', '/api/areas/tree?county=150523')).status).toBe(404);
  });
});
