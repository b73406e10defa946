// Malformed and hostile input: wrong types, huge strings, unknown fields, bad UUIDs, deep nesting,
// oversized bodies, someone else's identity. Each gets a 4xx with a stable code and a Chinese
// message, and the database is unchanged afterwards.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { PUSH_BATCH } from '../../src/shared/protocol.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';
import { fingerprint } from '../support/fingerprint.ts';

afterAll(closeTestStores);

type Case = [name: string, status: number, code: string, send: () => Promise<{ status: number; body: any }>];

function deep(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe.each(storeKinds)('hostile input on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('every malformed request is refused with its code and changes nothing', async () => {
    const { med, med2 } = h.users;
    const existing = caseRecord(med.scope);
    await h.push(med, med.device.request([med.device.create(existing)]));
    await h.pull(med2, 0); // registers med2's phone, whose clientId med will try to use
    const before = await fingerprint(h.store);

    const dev = med.device;
    const next = () => {
      const seq = dev.seq;
      const m = dev.create(caseRecord(med.scope));
      dev.seq = seq;
      return m;
    };
    const withMutation = (change: (m: Record<string, any>) => void) => {
      const m = structuredClone(next()) as Record<string, any>;
      change(m);
      return h.call('POST', '/api/sync/push', { token: med.token, body: { ...dev.request([]), mutations: [m] } });
    };
    const push = (body: unknown) => h.call('POST', '/api/sync/push', { token: med.token, body });
    const pull = (body: unknown) => h.call('POST', '/api/sync/pull', { token: med.token, body });
    const valid = dev.request([]);

    const cases: Case[] = [
      ['push: not JSON', 400, 'server.badRequest', () => h.call('POST', '/api/sync/push', { token: med.token, raw: '{"protocolVersion":1,' })],
      ['push: a JSON array', 400, 'server.badRequest', () => push([valid])],
      ['push: protocolVersion as text', 400, 'server.badRequest', () => push({ ...valid, protocolVersion: '1' })],
      ['push: newer protocol than the server', 400, 'protocol.tooNew', () => push({ ...valid, protocolVersion: 99 })],
      ['push: clientId not a UUID', 400, 'server.badRequest', () => push({ ...valid, clientId: 'phone-1' })],
      ['push: unknown top-level field', 400, 'server.badRequest', () => push({ ...valid, admin: true })],
      ['push: mutations not an array', 400, 'server.badRequest', () => push({ ...valid, mutations: {} })],
      ['push: more than a batch', 400, 'server.badRequest', () => push({ ...valid, mutations: Array.from({ length: PUSH_BATCH + 1 }, next) })],
      ['push: unknown mutation name', 400, 'server.badRequest', () => withMutation((m) => (m.name = 'case.delete'))],
      ['push: unknown field in a mutation', 400, 'server.badRequest', () => withMutation((m) => (m.sql = 'drop table cases'))],
      ['push: unknown field in a record', 400, 'server.badRequest', () => withMutation((m) => (m.args.record.owner = 'me'))],
      ['push: seq 0', 400, 'server.badRequest', () => withMutation((m) => (m.seq = 0))],
      ['push: seq 1.5', 400, 'server.badRequest', () => withMutation((m) => (m.seq = 1.5))],
      ['push: seq as text', 400, 'server.badRequest', () => withMutation((m) => (m.seq = '2'))],
      ['push: mutationId not a UUID', 400, 'server.badRequest', () => withMutation((m) => (m.mutationId = '1 or 1=1'))],
      ['push: caseId not a UUID', 400, 'server.badRequest', () => withMutation((m) => (m.caseId = '../../etc'))],
      ['push: record id differs from caseId', 400, 'server.badRequest', () => withMutation((m) => (m.args.record.id = uuidv7()))],
      ['push: parties as text', 400, 'server.badRequest', () => withMutation((m) => (m.args.record.private.parties = '王秀英'))],
      ['push: facts of 30,000 characters', 400, 'server.badRequest', () => withMutation((m) => (m.args.record.private.facts = '纠'.repeat(30_000)))],
      ['push: status not a status', 400, 'server.badRequest', () => withMutation((m) => (m.args.record.status = 'closed'))],
      ['push: isDifficult as text', 400, 'server.badRequest', () => withMutation((m) => (m.args.record.isDifficult = 'yes'))],
      ['push: patch of an unknown field', 400, 'server.badRequest', () => push(dev.request([{ ...next(), name: 'case.patch', patch: { version: { base: 1, next: 99 } } } as never]))],
      ['push: empty patch', 400, 'server.badRequest', () => push(dev.request([{ ...next(), name: 'case.patch', patch: {} } as never]))],
      ['push: patch nested 50 levels deep', 400, 'server.badRequest', () => push(dev.request([{ ...next(), name: 'case.patch', patch: { 'private.place': { base: deep(50), next: 'x' } } } as never]))],
      ['push: event for another case', 400, 'server.badRequest', () => push(dev.request([{ ...dev.event(existing, session()), seq: dev.seq, caseId: uuidv7() }]))],
      ['push: mutation of another client', 400, 'server.badRequest', () => withMutation((m) => (m.clientId = uuidv7()))],
      ['push: a future schema version', 400, 'protocol.tooNew', () => withMutation((m) => (m.schemaVersion = 99))],
      // The session is bound to its own phone: another phone's id is refused before anything else.
      ['push: another user\'s clientId', 403, 'auth.deviceMismatch', () => push({ ...new Device(med.id, med2.device.clientId).request([]), mutations: [] })],
      ['push: a 5 MB body', 413, 'server.tooLarge', () => push({ ...valid, padding: 'x'.repeat(5 * 1024 * 1024) })],
      ['pull: negative cursor', 400, 'server.badRequest', () => pull({ ...dev.pullRequest(0), cursor: -1 })],
      ['pull: cursor as text', 400, 'server.badRequest', () => pull({ ...dev.pullRequest(0), cursor: '0' })],
      ['pull: limit too large', 400, 'server.badRequest', () => pull(dev.pullRequest(0, 5000))],
      ['pull: unknown field', 400, 'server.badRequest', () => pull({ ...dev.pullRequest(0), scope: '15' })],
      ['pull: bad clientId', 400, 'server.badRequest', () => pull({ ...dev.pullRequest(0), clientId: 'x' })],
      ['login: username of 10,000 characters', 400, 'server.badRequest', () => h.call('POST', '/api/auth/login', { body: { username: 'a'.repeat(10_000), password: 'x' } })],
      ['login: password of 1,000 characters', 400, 'server.badRequest', () => h.call('POST', '/api/auth/login', { body: { username: 'med', password: 'p'.repeat(1000) } })],
      ['login: unknown field', 400, 'server.badRequest', () => h.call('POST', '/api/auth/login', { body: { username: 'med', password: 'x', role: 'admin' } })],
      ['login: password as a number', 400, 'server.badRequest', () => h.call('POST', '/api/auth/login', { body: { username: 'med', password: 123456 } })],
      ['cases: area not a code', 400, 'server.badRequest', () => h.call('GET', '/api/cases?area=15%25', { token: med.token })],
      ['cases: page size 9999', 400, 'server.badRequest', () => h.call('GET', '/api/cases?pageSize=9999', { token: med.token })],
      ['cases: unknown parameter', 400, 'server.badRequest', () => h.call('GET', '/api/cases?sort=1;drop', { token: med.token })],
      ['case: id not a UUID', 400, 'server.badRequest', () => h.call('GET', "/api/cases/1'or'1", { token: med.token })],
      ['review: unknown status', 400, 'server.badRequest', () => h.call('GET', '/api/review?status=all', { token: med.token })],
      ['revoke: clientId not a UUID', 400, 'server.badRequest', () => h.call('POST', '/api/devices/abc/revoke', { token: h.users.town.token })],
      ['areas: parent not a code', 400, 'server.badRequest', () => h.call('GET', '/api/areas?parent=xyz')],
      ['no token', 401, 'auth.required', () => h.call('GET', '/api/me')],
      ['a made-up token', 401, 'auth.required', () => h.call('GET', '/api/me', { token: 'A'.repeat(43) })],
      ['a malformed Authorization header', 401, 'auth.required', () => h.call('GET', '/api/me', { headers: { authorization: 'Basic bWVkOng=' } })],
    ];

    const wrong: string[] = [];
    for (const [name, status, code, send] of cases) {
      const reply = await send();
      const body = reply.body as { error?: { code?: string; message?: string } };
      if (reply.status !== status || body.error?.code !== code || !/[\u4e00-\u9fff]/.test(body.error?.message ?? '')) {
        wrong.push(`${name}: ${reply.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cases.length).toBe(48);
    expect(await fingerprint(h.store)).toEqual(before);
  });

  test('a mutation in someone else\'s name is attributed to the signed-in user', async () => {
    const { med, med2, town } = h.users;
    const dev = new Device(med.id);
    const record = caseRecord(med.scope);
    const create = { ...dev.create(record), userId: med2.id };
    const patch = { ...dev.patch(record.id, { 'private.facts': { base: record.private.facts, next: '补充' } }), userId: 'offline-name' };
    expect((await h.push(med, dev.request([create, patch]))).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    // A later conflicting edit shows who really wrote the kept value.
    const laptop = new Device(town.id);
    await h.push(town, laptop.request([laptop.patch(record.id, { 'private.facts': { base: record.private.facts, next: '另一个' } })]));
    const items = (await h.call('GET', `/api/review?caseId=${record.id}`, { token: town.token })).body.items;
    expect(items[0].conflict).toMatchObject({ keptBy: med.id, otherBy: town.id });
    const logged = await h.store.db.selectFrom('mutation_log').select(['user_id', 'payload']).where('client_id', '=', dev.clientId).orderBy('seq').execute();
    expect(logged.map((r) => [r.user_id, JSON.parse(r.payload).userId])).toEqual([[med.id, med2.id], [med.id, 'offline-name']]);
  });

  test('content a person typed wrongly is not a 400: it is kept for review', async () => {
    const { med } = h.users;
    const dev = new Device(med.id);
    const tooLong = caseRecord(med.scope, { private: { ...caseRecord(med.scope).private, facts: '纠'.repeat(6000) } });
    const badPhone = caseRecord(med.scope);
    badPhone.private.parties[0] = { ...badPhone.private.parties[0]!, phone: '12345', idNumber: '150523199001011234' };
    const reply = await h.push(med, dev.request([dev.create(tooLong), dev.create(badPhone)]));
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['validation.tooLong', 'party.phone.invalid']);
  });
});
