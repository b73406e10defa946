// Push (sync.md §2.2, §3): idempotence, gaps, rejections kept for review, case numbers, and the
// 426 for an outdated app — on SQLite and on PostgreSQL.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { CaseRecord } from '../../src/shared/case.ts';
import type { Change } from '../../src/shared/protocol.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';
import { fingerprint } from '../support/fingerprint.ts';

afterAll(closeTestStores);

const casesIn = (changes: Change[]) => changes.filter((c): c is Extract<Change, { entity: 'case'; op: 'upsert' }> => c.entity === 'case' && c.op === 'upsert');
const latest = (changes: Change[], id: string): CaseRecord | undefined => casesIn(changes).filter((c) => c.id === id).pop()?.data;

describe.each(storeKinds)('push on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('a new case is applied, numbered per village and year, and comes back in a pull', async () => {
    const { med, med2, town } = h.users;
    const first = caseRecord(med.scope);
    const second = caseRecord(med.scope);
    const older = caseRecord(med.scope, { acceptedOn: '2025-12-30' });
    const reply = await h.push(med, med.device.request([med.device.create(first), med.device.create(second), med.device.create(older)]));
    expect(reply.status).toBe(200);
    expect(reply.body.lastProcessedSeq).toBe(3);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const other = caseRecord(med2.scope);
    expect((await h.push(med2, med2.device.request([med2.device.create(other)]))).body.results[0]?.status).toBe('applied');

    const { changes } = await h.pullAll(town);
    expect(latest(changes, first.id)?.caseNo).toBe('（2026）开鲁五家人调字第1号');
    expect(latest(changes, second.id)?.caseNo).toBe('（2026）开鲁五家人调字第2号');
    expect(latest(changes, older.id)?.caseNo).toBe('（2025）开鲁五家人调字第1号');
    // Another village of the same town counts on its own, and its number says whose it is.
    expect(latest(changes, other.id)?.caseNo).toBe('（2026）开鲁杨秀峰人调字第1号');
    expect(latest(changes, first.id)?.version).toBe(1);
  });

  test('the same batch sent twice is applied once, and the repeat reports the stored results', async () => {
    const dev = new Device(h.users.med.id);
    const record = caseRecord(h.users.med.scope);
    const request = dev.request([dev.create(record), dev.event(record, session()), dev.transition(record.id, { from: 'accepted', to: 'mediating' })]);
    expect((await h.push(h.users.med, request)).body.results.every((r) => r.status === 'applied')).toBe(true);
    const before = await fingerprint(h.store);
    const again = await h.push(h.users.med, request);
    expect(again.status).toBe(200);
    expect(again.body.lastProcessedSeq).toBe(3);
    expect(again.body.results.map((r) => [r.status, r.status === 'duplicate' ? r.original : ''])).toEqual([
      ['duplicate', 'applied'], ['duplicate', 'applied'], ['duplicate', 'applied'],
    ]);
    expect(await fingerprint(h.store)).toEqual(before);
    const detail = await h.call('GET', `/api/cases/${record.id}`, { token: h.users.med.token });
    expect(detail.body.case.version).toBe(2);
    expect(detail.body.events.map((e: { kind: string }) => e.kind).sort()).toEqual(['session', 'transition']);
  });

  test('a gap is refused with the seq to resend from, and nothing changes', async () => {
    const dev = new Device(h.users.med.id);
    const a = caseRecord(h.users.med.scope);
    const b = caseRecord(h.users.med.scope);
    const m1 = dev.create(a);
    const m2 = dev.create(b);
    const m3 = dev.patch(b.id, { isDifficult: { base: false, next: true } });
    expect((await h.push(h.users.med, dev.request([m1]))).body.lastProcessedSeq).toBe(1);
    const before = await fingerprint(h.store);
    const gap = await h.push(h.users.med, dev.request([m3]));
    expect(gap.status).toBe(200);
    expect(gap.body).toEqual({ lastProcessedSeq: 1, results: [], expectedSeq: 2, epoch: expect.any(String) });
    expect(await fingerprint(h.store)).toEqual(before);
    const resent = await h.push(h.users.med, dev.request([m2, m3]));
    expect(resent.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(resent.body.lastProcessedSeq).toBe(3);
  });

  test('a mutationId replayed from a restored outbox under a new clientId is not applied again', async () => {
    const original = new Device(h.users.med.id);
    const record = caseRecord(h.users.med.scope);
    const create = original.create(record);
    const patch = original.patch(record.id, { 'private.place': { base: '五家村', next: '村委会' } });
    await h.push(h.users.med, original.request([create, patch]));
    const restored = new Device(h.users.med.id);
    const replay = [{ ...create, clientId: restored.clientId, seq: 1 }, { ...patch, clientId: restored.clientId, seq: 2 }];
    const reply = await h.push(h.users.med, restored.request(replay));
    expect(reply.body.results.map((r) => (r.status === 'duplicate' ? r.original : r.status))).toEqual(['duplicate', 'duplicate']);
    expect(reply.body.lastProcessedSeq).toBe(2);
    const detail = await h.call('GET', `/api/cases/${record.id}`, { token: h.users.med.token });
    expect(detail.body.case.version).toBe(2);
  });

  test('a mutation that cannot be applied is kept for review and still advances last_seq', async () => {
    const { med, town } = h.users;
    const dev = new Device(med.id);
    const record = caseRecord(med.scope);
    const invalid = caseRecord(med.scope, { private: { ...record.private, facts: '   ' } });
    const create = dev.create(record);
    const illegal = dev.transition(record.id, { from: 'accepted', to: 'archived' });
    const createInvalid = dev.create(invalid);
    const badSession = dev.event(record, { kind: 'session', data: { ...session().data, result: '' } } as never);
    const reply = await h.push(med, dev.request([create, illegal, createInvalid, badSession, dev.void(record.id, '重复登记')]));
    expect(reply.body, JSON.stringify(reply.body)).toMatchObject({ lastProcessedSeq: 5 });
    const results = reply.body.results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({ code: 'transition.illegal' });
    expect(results[1]?.status === 'rejected' && results[1].message).toContain('已受理');
    expect(results[2]).toMatchObject({ code: 'case.facts.required' });
    expect(results[3]).toMatchObject({ code: 'session.result.required' });

    const review = await h.call('GET', '/api/review?status=open', { token: town.token });
    const mine = review.body.items.filter((i: { rejected?: { mutation: { clientId: string } } }) => i.rejected?.mutation.clientId === dev.clientId);
    expect(mine).toHaveLength(3);
    expect(mine.map((i: { rejected: { code: string } }) => i.rejected.code).sort()).toEqual(['case.facts.required', 'session.result.required', 'transition.illegal']);
    const stored = await h.store.db.selectFrom('mutation_log').select(['seq', 'result', 'reason', 'payload']).where('client_id', '=', dev.clientId).orderBy('seq').execute();
    expect(stored.map((r) => [Number(r.seq), r.result, r.reason])).toEqual([
      [1, 'applied', null], [2, 'rejected', 'transition.illegal'], [3, 'rejected', 'case.facts.required'], [4, 'rejected', 'session.result.required'], [5, 'applied', null],
    ]);
    expect(JSON.parse(stored[2]?.payload ?? '{}').args.record.id).toBe(invalid.id);

    // Voided, not deleted: the record stays, and later edits are refused (and kept).
    const after = await h.push(med, dev.request([dev.patch(record.id, { isDifficult: { base: false, next: true } })]));
    expect(after.body.results[0]).toMatchObject({ status: 'rejected', code: 'case.voidedError' });
    const detail = await h.call('GET', `/api/cases/${record.id}`, { token: med.token });
    expect(detail.body.case.voided.reason).toBe('重复登记');
    // A repeat of a rejected mutation reports the stored rejection.
    const repeat = await h.push(med, dev.request([illegal]));
    expect(repeat.body.results[0]).toMatchObject({ status: 'duplicate', original: 'rejected', code: 'transition.illegal' });
  });

  test('a stale transition (the case moved on elsewhere) is rejected, not applied', async () => {
    const { med, town } = h.users;
    const record = caseRecord(med.scope);
    await h.push(med, med.device.request([med.device.create(record)]));
    const townDev = new Device(town.id);
    await h.push(town, townDev.request([townDev.transition(record.id, { from: 'accepted', to: 'mediating' })]));
    const reply = await h.push(med, med.device.request([med.device.transition(record.id, { from: 'accepted', to: 'rejected', rejection: { reason: '其他', note: '' } })]));
    expect(reply.body.results[0]).toMatchObject({ status: 'rejected', code: 'transition.stale' });
    expect((await h.call('GET', `/api/cases/${record.id}`, { token: med.token })).body.case.status).toBe('mediating');
  });

  test('an outdated app gets 426 with a Chinese message, and nothing changes', async () => {
    const { med } = h.users;
    const before = await fingerprint(h.store);
    const request = { ...med.device.request([]), protocolVersion: 0, mutations: [{ some: 'old format' }] };
    const reply = await h.call('POST', '/api/sync/push', { token: med.token, body: request });
    expect(reply.status).toBe(426);
    expect(reply.body.error.code).toBe('protocol.outdated');
    expect(reply.body.error.message).toMatch(/^请更新应用/);
    const pull = await h.call('POST', '/api/sync/pull', { token: med.token, body: { ...med.device.pullRequest(0), protocolVersion: 0 } });
    expect(pull.status).toBe(426);
    expect(await fingerprint(h.store)).toEqual(before);
  });
});
