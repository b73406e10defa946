// 评理说事点 (SQLite, then PostgreSQL): the town registers one under a village's 调委会; a mediator
// may not; the village's public contacts list it, a resident's request names it, the committee's
// list of requests carries it, and the case made from the request records it (field intakePoint).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createCase } from '../../src/state/actions.ts';
import type { AreaContacts } from '../../src/shared/public-api.ts';
import type { ReceivedRequest } from '../../src/shared/requests-api.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { startHarness, simDevice, login, VILLAGE_A, type Harness } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { newCaseInput } from '../support/case-factory.ts';

function suite(label: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`评理说事点 (${label})`, () => {
    let h: Harness;
    let town = '';
    let mediator = '';
    const call = (path: string, token: string, body?: unknown, method?: string) => h.fetch(path, {
      method: method ?? (body === undefined ? 'GET' : 'POST'), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    beforeAll(async () => {
      h = await startHarness(await databaseUrl());
      town = await login(h, 'zhen');
      mediator = await login(h, 'a');
    });
    afterAll(async () => {
      await h?.close();
    });

    it('is registered by the town under the village committee, not by a mediator', async () => {
      const refused = await call('/api/registry/intake-points', mediator, { villageCode: VILLAGE_A, name: '村部说事点' });
      expect(refused.status).toBe(403);
      const res = await call('/api/registry/intake-points', town, { villageCode: VILLAGE_A, name: '村部说事点', keeper: '村民组长', address: '村部一楼' });
      expect(res.status).toBe(201);
      const list = (await (await call(`/api/registry/intake-points?area=${VILLAGE_A.slice(0, 9)}`, town)).json()) as { points: { name: string; villageCode: string }[] };
      expect(list.points.map((p) => [p.name, p.villageCode])).toEqual([['村部说事点', VILLAGE_A]]);
    });

    it('is named by a resident’s request and recorded on the case made from it', async () => {
      const contacts = (await (await h.fetch(`/api/public/areas/${VILLAGE_A}/contacts`)).json()) as AreaContacts;
      expect(contacts.intakePoints?.map((p) => p.name)).toEqual(['村部说事点']);
      const id = uuidv7();
      const sent = await h.fetch('/api/public/requests', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, villageCode: VILLAGE_A, applicantName: '王秀英', phone: '13800001234', otherParty: '', categoryCode: '02', facts: '排水沟堵塞', createdAt: new Date().toISOString(), intakePoint: '村部说事点' }),
      });
      expect(sent.status).toBe(201);
      const received = (await (await call('/api/requests?status=new', mediator)).json()) as { requests: ReceivedRequest[] };
      expect(received.requests.find((r) => r.id === id)?.intakePoint).toBe('村部说事点');

      const phone = await simDevice(h, 'a', VILLAGE_A);
      const record = await createCase(phone, { ...newCaseInput({ villageCode: VILLAGE_A }), intakePoint: '村部说事点' });
      await phone.sync();
      const row = await h.store.read.selectFrom('cases').select('data').where('id', '=', record.id).executeTakeFirstOrThrow();
      expect((JSON.parse(row.data) as CaseRecord).intakePoint).toBe('村部说事点');
    });

    it('is renamed and moved by the town, closed, then no longer offered — and its history stays', async () => {
      type Listed = { id: string; name: string; address: string; closedOn?: string };
      const listOf = async (query: string) => ((await (await call(`/api/registry/intake-points?area=${VILLAGE_A.slice(0, 9)}${query}`, town)).json()) as { points: Listed[] }).points;
      const [point] = await listOf('');
      expect(point).toBeDefined();
      const id = point!.id;
      expect((await call(`/api/registry/intake-points/${id}`, mediator, { name: '新名' }, 'PUT')).status).toBe(403);
      const renamed = await call(`/api/registry/intake-points/${id}`, town, { name: '村广场说事点', address: '村广场东侧' }, 'PUT');
      expect(renamed.status).toBe(200);
      expect((await listOf('')).map((p) => [p.name, p.address])).toEqual([['村广场说事点', '村广场东侧']]);
      const contacts = (await (await h.fetch(`/api/public/areas/${VILLAGE_A}/contacts`)).json()) as AreaContacts;
      expect(contacts.intakePoints?.map((p) => p.name)).toEqual(['村广场说事点']);

      // Another town's staff cannot see nor touch it.
      await createUser(h.store.db, { username: 'zhen-other', displayName: '别镇', role: 'town', scope: '150523101', password: 'pw-12345678' });
      const elsewhere = await call(`/api/registry/intake-points/${id}`, await login(h, 'zhen-other'), { name: '越权' }, 'PUT');
      expect(elsewhere.status).toBe(404);

      expect((await call(`/api/registry/intake-points/${id}/close`, town, { closedOn: '2026-12-01' })).status).toBe(200);
      expect(await listOf('')).toEqual([]);
      const all = await listOf('&all=1');
      expect(all.map((p) => [p.name, p.closedOn])).toEqual([['村广场说事点', '2026-12-01']]);
      const after = (await (await h.fetch(`/api/public/areas/${VILLAGE_A}/contacts`)).json()) as AreaContacts;
      expect(after.intakePoints ?? []).toEqual([]);
      // A closed point is history: it cannot be edited or closed again.
      expect((await call(`/api/registry/intake-points/${id}`, town, { name: '再改' }, 'PUT')).status).toBe(409);
      expect((await call(`/api/registry/intake-points/${id}/close`, town, { closedOn: '2026-12-02' })).status).toBe(409);
      // The case that came through it keeps the name it was recorded with.
      const rows = await h.store.read.selectFrom('cases').select('data').execute();
      expect(rows.map((r) => (JSON.parse(r.data) as CaseRecord).intakePoint)).toContain('村部说事点');
    });
  });
}

afterAll(closeTestStores);
for (const kind of storeKinds) suite(storeLabel[kind], () => testDatabaseUrl(kind));
