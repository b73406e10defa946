// Issue #12, holes 3 and 7 on SQLite and PostgreSQL. Login: the attempt is reserved before
// argon2, so no burst of parallel requests gets a 6th evaluation; limits per account, per network
// (IPv6 by /64) and for the server; argon2 runs in a bounded queue. Public requests: limited per
// /64 and for the whole server, and the committee's list is paginated with a true total.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, PASSWORD, type Harness, type Reply } from '../support/server.ts';
import { LIMITS, LoginGate } from '../../src/server/auth/login-gate.ts';
import { argonQueue } from '../../src/server/auth/argon-queue.ts';
import { clientNet } from '../../src/server/http/client-net.ts';
import { REQUESTS_PER_HOUR, REQUESTS_PER_HOUR_ALL } from '../../src/server/requests/routes.ts';

afterAll(closeTestStores);

const count = (replies: Reply[], status: number) => replies.filter((r) => r.status === status).length;

test('an IPv6 address is limited by its /64, an IPv4 (also mapped) by itself', () => {
  expect(clientNet('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe(clientNet('2001:0db8:0001:0002::1'));
  expect(clientNet('2001:db8:1:2::1')).not.toBe(clientNet('2001:db8:1:3::1'));
  expect(clientNet('::ffff:10.1.2.3')).toBe('10.1.2.3');
  expect(clientNet('10.1.2.3')).not.toBe(clientNet('10.1.2.4'));
});

test('the server-wide ceiling refuses the next attempt once that many failures are counted, whoever makes it', () => {
  const gate = new LoginGate(() => 0);
  for (let i = 0; i < LIMITS.global; i++) expect(gate.reserve(`user${i % 50}`, `net${Math.floor(i / 10)}`).ok).toBe(true);
  expect(gate.reserve('someone-new', 'a-new-net')).toMatchObject({ ok: false, scope: 'global' });
});

describe.each(storeKinds)('login and request throttles on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });
  const login = (username: string, password: string, ip: string) =>
    h.call('POST', '/api/auth/login', { body: { username, password, clientId: crypto.randomUUID() }, headers: { 'x-test-ip': ip } });

  test('300 parallel wrong passwords for one account get exactly 5 evaluations; the right one after them is refused', async () => {
    const replies = await Promise.all(Array.from({ length: 300 }, () => login('medB', 'wrong guess!', '10.3.0.1')));
    expect(count(replies, 401)).toBe(5);
    expect(count(replies, 429)).toBe(295);
    for (const r of replies.filter((x) => x.status === 429)) expect(r.body.error).toMatchObject({ code: 'auth.rateLimited', message: expect.stringContaining('15 分钟') });
    expect((await login('medB', PASSWORD, '10.3.0.1')).status).toBe(429);
  });

  test('a burst of 40 with the right password as the 37th does not sign in', async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => login('med2', i === 36 ? PASSWORD : `wrong ${i}`, '10.3.0.2')));
    expect(replies[36]?.status).toBe(429);
    expect(count(replies, 200)).toBe(0);
    expect(count(replies, 401)).toBe(5);
  });

  test('one network spraying many accounts, and many networks guessing one account, are throttled', async () => {
    const spray: Reply[] = [];
    for (let i = 0; i < 30; i++) spray.push(await login(`nobody${i}`, 'guess number 1', '10.3.0.3'));
    expect(count(spray, 401)).toBe(LIMITS.net);
    expect(spray[LIMITS.net]?.status).toBe(429);
    const spread: Reply[] = [];
    for (let net = 0; net < 20; net++) for (let i = 0; i < 5; i++) spread.push(await login('townB', `guess ${i}`, `10.4.${net}.1`));
    expect(count(spread, 401)).toBe(LIMITS.account);
    expect((await login('townB', PASSWORD, '10.5.0.1')).status).toBe(429);
  });

  test('addresses of one IPv6 /64 count together', async () => {
    const replies: Reply[] = [];
    for (let i = 1; i <= 6; i++) replies.push(await login('county', 'not it at all', `2001:db8:77:1::${i.toString(16)}`));
    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    // Another /64 is another network.
    expect((await login('county', PASSWORD, '2001:db8:77:2::1')).status).toBe(200);
  });

  test('a login burst waits in a bounded argon2 queue: the excess is told the server is busy, and sync keeps answering', async () => {
    argonQueue.peak = 0;
    const burst = Array.from({ length: 120 }, (_, i) => login(`burst${i}`, 'whatever pass', `10.6.${i}.1`));
    const pull = h.pull(h.users.med, 0);
    const replies = await Promise.all(burst);
    expect((await pull).status).toBe(200);
    expect(argonQueue.peak).toBeLessThanOrEqual(2);
    const busy = replies.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) expect(r.body.error).toMatchObject({ code: 'auth.busy', message: expect.stringContaining('稍等') });
    expect(count(replies, 401) + busy.length).toBe(120);
    // A busy answer was not counted as a wrong password: the same account from the same network can try at once.
    const again = await login('admin', PASSWORD, '10.6.0.1');
    expect(again.status).toBe(200);
  });

  const requestBody = (village: string) => ({
    id: uuidv7(), villageCode: village, applicantName: '王秀英', phone: '13812345678', otherParty: '李建国', categoryCode: '02',
    facts: '邻居家的排水沟把水引到我家院子里。', createdAt: '2026-03-10T01:30:00.000Z',
  });
  const post = (ip: string, village = '150523100201') => h.call('POST', '/api/public/requests', { body: requestBody(village), headers: { 'x-test-ip': ip } });

  test('public requests: one /64 is one sender; the whole server has a cap with a clear 429; the list pages with a true total', async () => {
    const fromOneLine: Reply[] = [];
    for (let i = 1; i <= REQUESTS_PER_HOUR + 1; i++) fromOneLine.push(await post(`2001:db8:99:1::${i.toString(16)}`));
    expect(fromOneLine.slice(0, REQUESTS_PER_HOUR).every((r) => r.status === 201)).toBe(true);
    expect(fromOneLine[REQUESTS_PER_HOUR]?.body.error.code).toBe('requests.rateLimited');

    let stored = REQUESTS_PER_HOUR;
    for (let net = 0; stored < REQUESTS_PER_HOUR_ALL; net++) {
      for (let i = 0; i < REQUESTS_PER_HOUR && stored < REQUESTS_PER_HOUR_ALL; i++, stored++) expect((await post(`10.7.${net}.1`)).status).toBe(201);
    }
    const capped = await post('10.8.0.1');
    expect(capped.status).toBe(429);
    expect(capped.body.error).toMatchObject({ code: 'requests.busy', message: expect.stringContaining('过一会儿') });

    const med2 = h.users.med2;
    const first = await h.call('GET', '/api/requests?status=new&pageSize=200', { token: med2.token });
    const second = await h.call('GET', '/api/requests?status=new&pageSize=200&page=2', { token: med2.token });
    expect(first.body.total).toBe(REQUESTS_PER_HOUR_ALL);
    expect(first.body.requests).toHaveLength(200);
    expect(second.body.requests).toHaveLength(REQUESTS_PER_HOUR_ALL - 200);
    const ids = new Set([...first.body.requests, ...second.body.requests].map((r: { id: string }) => r.id));
    expect(ids.size).toBe(REQUESTS_PER_HOUR_ALL);
    expect((await h.call('GET', '/api/requests?pageSize=201', { token: med2.token })).status).toBe(400);
    expect((await h.call('GET', '/api/requests?page=0', { token: med2.token })).status).toBe(400);
  });
});
