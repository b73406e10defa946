// 申请调解 requests end to end through the HTTP app: a resident's POST (no account) lands once per
// id in the village's and town's lists and nowhere else; bad input is a Chinese 400 that stores
// nothing; one IP is throttled; accept and refuse are scoped like cases.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser } from '../support/server.ts';
import { randomBytes } from 'node:crypto';
import { requestNumber, requestStatusPath, type MediationRequest, type PublicRequestStatus } from '../../src/shared/public-api.ts';
import { STATUS_CHECKS_PER_HOUR } from '../../src/server/requests/routes.ts';
import type { ReceivedRequest } from '../../src/shared/requests-api.ts';

afterAll(closeTestStores);

let ipSeq = 0;
/** A fresh client IP per test, so the rate limit of one test never touches another. */
const freshIp = () => `10.0.0.${++ipSeq}`;

function request(over: Partial<MediationRequest> = {}): MediationRequest {
  return {
    id: uuidv7(), villageCode: '150523100200', applicantName: '王秀英', phone: '13812345678', otherParty: '李建国',
    categoryCode: '02', facts: '邻居家的排水沟把水引到我家院子里，说了几次不改。', createdAt: '2026-03-10T01:30:00.000Z', ...over,
  };
}

describe.each(storeKinds)('mediation requests on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  const post = (body: unknown, ip: string) => h.call('POST', '/api/public/requests', { body, headers: { 'x-test-ip': ip } });
  const list = (user: TestUser, status = 'new') => h.call<{ requests: ReceivedRequest[] }>('GET', `/api/requests?status=${status}`, { token: user.token });
  const ids = async (user: TestUser, status = 'new') => {
    const reply = await list(user, status);
    expect(reply.status).toBe(200);
    return reply.body.requests.map((r) => r.id);
  };
  const count = async () => Number((await h.store.read.selectFrom('mediation_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  test('a posted request reaches its village and town, not another village or town, and only once', async () => {
    const ip = freshIp();
    const r = request();
    const first = await post(r, ip);
    expect(first.status).toBe(201);
    const again = await post(r, ip);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: r.id });

    expect(await ids(h.users.med)).toContain(r.id);
    expect(await ids(h.users.town)).toContain(r.id);
    expect(await ids(h.users.county)).toContain(r.id);
    expect(await ids(h.users.admin)).toContain(r.id);
    expect(await ids(h.users.med2)).not.toContain(r.id);
    expect(await ids(h.users.townB)).not.toContain(r.id);
    expect(await ids(h.users.countyX)).not.toContain(r.id);
    const rows = await h.store.read.selectFrom('mediation_requests').selectAll().where('id', '=', r.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ village_code: '150523100200', town_code: '150523100', county_code: '150523', status: 'new' });

    const shown = (await list(h.users.med)).body.requests.find((x) => x.id === r.id);
    expect(shown).toMatchObject({ applicantName: '王秀英', phone: '13812345678', villageName: '五家村委会', categoryCode: '02', status: 'new' });
  });

  test('bad input is a 400 in Chinese and stores nothing', async () => {
    const ip = freshIp();
    const before = await count();
    const badPhone = await post(request({ phone: '12345' }), ip);
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.message).toBe('请填写 11 位手机号，例如 13812345678');
    const unknownVillage = await post(request({ villageCode: '150523100299' }), ip);
    expect(unknownVillage.status).toBe(400);
    expect(unknownVillage.body.error.message).toMatch(/村（社区）/);
    const badCategory = await post(request({ categoryCode: '99' }), ip);
    expect([badCategory.status, badCategory.body.error.code]).toEqual([400, 'help.form.category.required']);
    const extra = await post({ ...request(), status: 'accepted' }, ip);
    expect([extra.status, extra.body.error.code]).toEqual([400, 'server.badRequest']);
    const long = await post(request({ facts: '很'.repeat(2001) }), ip);
    expect([long.status, long.body.error.code]).toEqual([400, 'help.form.tooLong']);
    const notJson = await h.call('POST', '/api/public/requests', { raw: '{', headers: { 'x-test-ip': ip } });
    expect(notJson.status).toBe(400);
    expect(await count()).toBe(before);
  });

  test('one client IP may send 10 an hour; then 429 in Chinese until the hour has passed', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await post(request(), ip)).status).toBe(201);
    const refused = await post(request(), ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('一小时后再试');
    expect((await post(request(), freshIp())).status).toBe(201);
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 61 * 60_000);
    try {
      expect((await post(request(), ip)).status).toBe(201);
    } finally {
      h.clock.now = saved;
    }
  });

  test('accept and refuse are scoped; accept returns the request; a decision is final', async () => {
    const ip = freshIp();
    const a = request({ applicantName: '张桂兰' });
    const b = request();
    expect((await post(a, ip)).status).toBe(201);
    expect((await post(b, ip)).status).toBe(201);

    for (const outsider of [h.users.med2, h.users.townB, h.users.countyX]) {
      expect((await h.call('POST', `/api/requests/${a.id}/accept`, { token: outsider.token, body: {} })).status).toBe(403);
      expect((await h.call('POST', `/api/requests/${b.id}/refuse`, { token: outsider.token, body: { reason: '不归我管' } })).status).toBe(403);
    }
    expect((await h.call('POST', `/api/requests/${a.id}/accept`, { body: {} })).status).toBe(401);
    expect(await ids(h.users.med)).toEqual(expect.arrayContaining([a.id, b.id]));

    const accepted = await h.call('POST', `/api/requests/${a.id}/accept`, { token: h.users.med.token, body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body.request).toMatchObject({ id: a.id, applicantName: '张桂兰', phone: a.phone, otherParty: a.otherParty, facts: a.facts, status: 'accepted' });
    // A retry after a lost answer is the same acceptance.
    expect((await h.call('POST', `/api/requests/${a.id}/accept`, { token: h.users.med.token, body: {} })).status).toBe(200);

    expect((await h.call('POST', `/api/requests/${b.id}/refuse`, { token: h.users.town.token, body: { reason: ' ' } })).status).toBe(400);
    const refused = await h.call('POST', `/api/requests/${b.id}/refuse`, { token: h.users.town.token, body: { reason: '已由法院受理' } });
    expect(refused.status).toBe(200);
    expect(refused.body.request).toMatchObject({ status: 'refused', refuseReason: '已由法院受理' });

    expect((await h.call('POST', `/api/requests/${a.id}/refuse`, { token: h.users.med.token, body: { reason: '重复' } })).status).toBe(409);
    expect((await h.call('POST', `/api/requests/${b.id}/accept`, { token: h.users.med.token, body: {} })).status).toBe(409);
    const newIds = await ids(h.users.med);
    expect(newIds).not.toContain(a.id);
    expect(newIds).not.toContain(b.id);
    expect(await ids(h.users.med, 'accepted')).toContain(a.id);
    expect(await ids(h.users.town, 'refused')).toContain(b.id);
    expect((await h.call('POST', `/api/requests/${uuidv7()}/accept`, { token: h.users.med.token, body: {} })).status).toBe(404);
    expect((await h.call('GET', '/api/requests?status=bogus', { token: h.users.med.token })).status).toBe(400);
  });

  test('the sending phone learns the decision by id and secret; a wrong secret or id learns nothing', async () => {
    const ip = freshIp();
    const secret = randomBytes(32).toString('base64url');
    const r = { ...request(), secret };
    expect((await post(r, ip)).status).toBe(201);
    const status = (id: string, body: unknown) => h.call<PublicRequestStatus>('POST', requestStatusPath(id), { body, headers: { 'x-test-ip': ip } });

    const waiting = await status(r.id, { secret });
    expect(waiting.status).toBe(200);
    expect(waiting.body).toEqual({ id: r.id, number: requestNumber(r.id), status: 'new', decidedAt: null, refuseReason: null });
    // The answer carries the decision only, never the resident's or anyone's data.
    expect(Object.keys(waiting.body).sort()).toEqual(['decidedAt', 'id', 'number', 'refuseReason', 'status']);

    const wrong = await h.call('POST', requestStatusPath(r.id), { body: { secret: randomBytes(32).toString('base64url') }, headers: { 'x-test-ip': ip } });
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'requests.status.notFound']);
    expect((await status(uuidv7(), { secret })).status).toBe(404);
    expect((await status(r.id, { secret: 'short' })).status).toBe(404);
    expect((await status('not-a-uuid', { secret })).status).toBe(404);
    // A request from an older phone (no secret) cannot be looked up at all.
    const old = request();
    expect((await post(old, ip)).status).toBe(201);
    expect((await status(old.id, { secret })).status).toBe(404);

    const refused = await h.call('POST', `/api/requests/${r.id}/refuse`, { token: h.users.med.token, body: { reason: '已由法院受理' } });
    expect(refused.status).toBe(200);
    expect(refused.body.request.number).toBe(requestNumber(r.id));
    const decided = await status(r.id, { secret });
    expect(decided.body).toMatchObject({ status: 'refused', refuseReason: '已由法院受理' });
    expect(decided.body.decidedAt).toEqual(expect.any(String));
  });

  test('status checks are throttled per client IP', async () => {
    const ip = freshIp();
    const secret = randomBytes(32).toString('base64url');
    const r = { ...request(), secret };
    expect((await post(r, ip)).status).toBe(201);
    for (let i = 0; i < STATUS_CHECKS_PER_HOUR; i++) {
      expect((await h.call('POST', requestStatusPath(r.id), { body: { secret }, headers: { 'x-test-ip': ip } })).status).toBe(200);
    }
    const refused = await h.call('POST', requestStatusPath(r.id), { body: { secret }, headers: { 'x-test-ip': ip } });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'requests.status.rateLimited']);
  });
});
