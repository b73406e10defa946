// Issue #12, holes 5, 6 and 9 on SQLite and PostgreSQL: text the databases cannot keep is refused
// with 400 everywhere text comes in; pull cursors are validated, and one ahead of the server's
// clock is answered "resync from 0"; a seq reused with another mutation is refused with its own
// code and kept for review; another account's mutationId never makes yours a duplicate; weak
// passwords are refused.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, PASSWORD, type Harness } from '../support/server.ts';
import { Device, caseRecord } from '../support/server-device.ts';
import { fingerprint } from '../support/fingerprint.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';
import { weakPasswordReason } from '../../src/server/auth/password-policy.ts';
import { PROTOCOL_VERSION } from '../../src/shared/protocol.ts';

afterAll(closeTestStores);

/** JSON text with `bad` spliced into a string, as raw escapes (a lone surrogate has no other form). */
const withBad = (json: string, marker: string, bad: string): string => json.replace(marker, `${marker}${bad}`);
const BAD = { nul: '\\u0000', bell: '\\u0007', escape: '\\u001b', loneHigh: '\\ud800', loneLow: '\\udfff', c1: '\\u0085' };

describe.each(storeKinds)('bad text, cursors, seqs and passwords on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('NUL, control characters and lone surrogates are refused with 400 in every kind of text input, and nothing changes', async () => {
    const { med, county } = h.users;
    const record = caseRecord(med.scope, { private: { parties: [{ id: uuidv7(), role: '申请人', name: '王秀英' }], facts: 'FACTS-HERE', claims: [], place: '五家村' } });
    const push = JSON.stringify(med.device.request([med.device.create(record)]));
    const publicRequest = JSON.stringify({
      id: uuidv7(), villageCode: med.scope, applicantName: '李四', phone: '13800138000', otherParty: '张三', categoryCode: '02',
      facts: 'REQUEST-FACTS', createdAt: '2026-03-10T01:00:00.000Z',
    });
    const committee = JSON.stringify({ location: '150523101200', type: '村/居', name: 'COMMITTEE-NAME', phone: null, address: null, foundedOn: null, dissolvedOn: null });
    const before = await fingerprint(h.store);
    for (const [name, bad] of Object.entries(BAD)) {
      const replies = [
        await h.call('POST', '/api/auth/login', { raw: withBad(JSON.stringify({ username: 'med', password: 'PW' }), 'PW', bad) }),
        await h.call('POST', '/api/auth/login', { raw: withBad(JSON.stringify({ username: 'med', password: PASSWORD }), 'med', bad) }),
        await h.call('POST', '/api/public/requests', { raw: withBad(publicRequest, 'REQUEST-FACTS', bad) }),
        await h.call('POST', '/api/registry/committees', { token: county.token, raw: withBad(committee, 'COMMITTEE-NAME', bad) }),
        await h.call('POST', '/api/sync/push', { token: med.token, raw: withBad(push, 'FACTS-HERE', bad) }),
      ];
      for (const [i, reply] of replies.entries()) {
        expect(reply.status, `${name} #${i}: ${JSON.stringify(reply.body)}`).toBe(400);
        expect(reply.body.error.code, `${name} #${i}`).toBe('server.badText');
        expect(reply.body.error.message).toContain('特殊字符');
      }
    }
    // In a query string and a path too.
    for (const path of ['/api/cases?area=150523%00', '/api/cases/%00', '/api/requests?status=new%07']) {
      const reply = await h.call('GET', path, { token: med.token });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code).toBe('server.badText');
    }
    expect(await fingerprint(h.store)).toEqual(before);
    // Tabs, line breaks and characters outside the BMP (a surrogate pair) are ordinary text.
    const parties = caseRecord(med.scope).private.parties.map((p, i) => (i === 0 ? { ...p, name: '𠀀王秀英' } : p));
    const fine = caseRecord(med.scope, { private: { parties, facts: '第一行\n\t第二行\r\n', claims: [], place: '五家村' } });
    const phone = new Device(med.id);
    const ok = await h.push(med, phone.request([phone.create(fine)]));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.results[0]?.status, JSON.stringify(ok.body.results)).toBe('applied');
  });

  test('a pull cursor that is not a safe whole number is refused; one ahead of the clock answers "resync from 0"', async () => {
    const { med } = h.users;
    const device = new Device(med.id);
    const raw = (cursor: string) => `{"protocolVersion":${PROTOCOL_VERSION},"clientId":"${device.clientId}","cursor":${cursor}}`;
    const token = await h.tokenFor(med, device.clientId);
    for (const cursor of ['1e308', '-1', '1.5', '9007199254740993', '"5"']) {
      const reply = await h.call('POST', '/api/sync/pull', { token, raw: raw(cursor) });
      expect(reply.status, cursor).toBe(400);
      expect(reply.body.error.code).toBe('server.badRequest');
    }
    const pushCursor = await h.call('POST', '/api/sync/push', { token, raw: `{"protocolVersion":${PROTOCOL_VERSION},"clientId":"${device.clientId}","cursor":1e308,"mutations":[]}` });
    expect(pushCursor.status).toBe(400);

    const record = caseRecord(med.scope);
    expect((await h.push(med, device.request([device.create(record)]))).body.results[0]?.status).toBe('applied');
    const { last } = await h.pullAll(med, 0, { device });
    // As a device that synced with a later copy of this database would hold (a restored backup).
    const ahead = await h.pull(med, last.cursor + 1000, { device });
    expect(ahead.status).toBe(200);
    expect(ahead.body).toMatchObject({ changes: [], cursor: 0, hasMore: true, resync: true, lastProcessedSeq: 1 });
    // From 0 it gets everything again, its own case included.
    const again = await h.pullAll(med, ahead.body.cursor, { device });
    expect(again.changes.some((c) => c.entity === 'case' && c.id === record.id)).toBe(true);
    expect(again.last.cursor).toBe(last.cursor);
  });

  test('a seq reused with another mutationId is refused as push.seqReused and kept in 待核对, never acknowledged as a duplicate', async () => {
    const { med, town } = h.users;
    const device = new Device(med.id);
    const first = caseRecord(med.scope);
    expect((await h.push(med, device.request([device.create(first)]))).body.results[0]?.status).toBe('applied');
    // An old copy of the phone's database numbers its next change 1 again.
    device.seq = 0;
    const second = caseRecord(med.scope, { private: { parties: [{ id: uuidv7(), role: '申请人', name: '赵六' }], facts: '另一件事', claims: [], place: '五家村' } });
    const reused = device.create(second);
    const reply = await h.push(med, device.request([reused]));
    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([{ seq: 1, mutationId: reused.mutationId, status: 'rejected', code: 'push.seqReused', message: expect.stringContaining('待核对') }]);
    expect(reply.body.lastProcessedSeq).toBe(1);
    // Not applied, and not lost: the whole mutation waits in the inbox.
    expect((await h.call('GET', `/api/cases/${second.id}`, { token: med.token })).status).toBe(404);
    const inbox = await h.call('GET', '/api/review?status=open', { token: town.token });
    const item = inbox.body.items.find((i: { rejected?: { mutation: { mutationId: string } } }) => i.rejected?.mutation.mutationId === reused.mutationId);
    expect(item?.rejected.code).toBe('push.seqReused');
    expect(item?.rejected.mutation.args.record.private.facts).toBe('另一件事');
    // The true repeat of seq 1 is still a plain duplicate.
    device.seq = 0;
    const repeat = await h.push(med, device.request([{ ...device.create(first), mutationId: (await firstMutationId(h, device.clientId)) }]));
    expect(repeat.body.results[0]).toMatchObject({ status: 'duplicate', original: 'applied' });
  });

  test("another account's mutationId does not turn yours into a duplicate", async () => {
    const { med, med2 } = h.users;
    const mine = caseRecord(med.scope);
    const theirs = caseRecord(med2.scope);
    const [mediator, other] = [new Device(med.id), new Device(med2.id)];
    const stolen = other.create(theirs);
    // med2 pushes first with the mutationId that med's phone will use.
    const victim = mediator.create(mine);
    expect((await h.push(med2, other.request([{ ...stolen, mutationId: victim.mutationId }]))).body.results[0]?.status).toBe('applied');
    const reply = await h.push(med, mediator.request([victim]));
    expect(reply.body.results[0]?.status).toBe('applied');
    expect((await h.call('GET', `/api/cases/${mine.id}`, { token: med.token })).status).toBe(200);
    // The same user's own mutationId from a second install (a restored outbox) is still a duplicate.
    const restored = new Device(med.id);
    const replay = { ...victim, clientId: restored.clientId, seq: 1 };
    const again = await h.push(med, restored.request([replay]));
    expect(again.body.results[0], JSON.stringify(again.body)).toMatchObject({ status: 'duplicate' });
  });

  test('passwords: at least 10 characters, not the username, not a common password — on create, reset and change', async () => {
    const { county } = h.users;
    const body = (username: string, password: string) => ({ username, displayName: '赵敏', role: 'mediator', scope: '150523100200', password });
    const refused: [string, string, string][] = [
      ['zm1', '12345678', 'account.password.short'],
      ['zm2', 'password', 'account.password.short'],
      ['zm3', '1234567890', 'account.password.common'],
      ['zm4', 'qwertyuiop', 'account.password.common'],
      ['zm5', 'Password123', 'account.password.common'],
      ['zhaomin001', 'zhaomin001', 'account.password.username'],
      ['zhaomin02', 'ZHAOMIN02ZHAOMIN02', 'account.password.username'],
    ];
    const before = await fingerprint(h.store);
    for (const [username, password, code] of refused) {
      const reply = await h.call('POST', '/api/accounts', { token: county.token, body: body(username, password) });
      expect(reply.status, password).toBe(400);
      expect(reply.body.error.code, password).toBe(code);
      expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await fingerprint(h.store)).toEqual(before);
    const made = await h.call('POST', '/api/accounts', { token: county.token, body: body('zhaomin', 'long enough 1') });
    expect(made.status).toBe(201);
    const reset = await h.call('POST', `/api/accounts/${made.body.account.id}/password`, { token: county.token, body: { password: 'iloveyou12' } });
    expect(reset.body.error?.code).toBe('account.password.common');
    const change = await h.call('POST', '/api/auth/password', { body: { username: 'zhaomin', password: 'long enough 1', newPassword: 'zhaominzhaomin' } });
    expect(change.body.error?.code).toBe('account.password.username');
    const changed = await h.call('POST', '/api/auth/password', { body: { username: 'zhaomin', password: 'long enough 1', newPassword: 'pear river 77' } });
    expect(changed.status).toBe(200);
    // The demo password passes the same rules.
    expect(weakPasswordReason(DEMO_PASSWORD, 'tiaojie')).toBeUndefined();
  });
});

async function firstMutationId(h: Harness, clientId: string): Promise<string> {
  const row = await h.store.db.selectFrom('mutation_log').select('mutation_id').where('client_id', '=', clientId).where('seq', '=', 1).executeTakeFirstOrThrow();
  return row.mutation_id ?? '';
}
