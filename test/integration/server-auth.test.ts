// Accounts: login, /api/me, logout, session expiry (injected clock) and the per account+IP
// login throttle.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, PASSWORD, type Harness } from '../support/server.ts';
import { hashToken } from '../../src/server/auth/sessions.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('accounts on %s', (kind) => {
  let h: Harness;
  const login = (username: string, password: string, ip = 'local') =>
    h.call('POST', '/api/auth/login', { body: { username, password, clientId: crypto.randomUUID() }, headers: { 'x-test-ip': ip } });

  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('login returns a token that identifies the user, their role and area', async () => {
    const reply = await login('town', PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body.me).toMatchObject({ role: 'town', scope: '150523100', areaName: '开鲁镇', user: { username: 'town' } });
    const me = await h.call('GET', '/api/me', { token: reply.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'town', scope: '150523100', areaName: '开鲁镇' });
    // Only the token's hash is stored.
    const sessions = await h.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.some((s) => s.token_hash === reply.body.token)).toBe(false);
    expect(sessions.some((s) => s.token_hash === hashToken(reply.body.token))).toBe(true);
    expect((await h.call('GET', '/api/me', { token: (await login('admin', PASSWORD)).body.token })).body.areaName).toBe('全部地区');
  });

  test('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await login('county', 'guess', 'ip-wrong');
    const unknown = await login('nobody', PASSWORD, 'ip-wrong');
    for (const reply of [wrong, unknown]) {
      expect(reply.status).toBe(401);
      expect(reply.body.error).toEqual({ code: 'auth.invalid', message: '用户名或密码不对' });
    }
  });

  test('logout revokes the session', async () => {
    const { token } = (await login('med', PASSWORD)).body;
    expect((await h.call('POST', '/api/auth/logout', { token })).status).toBe(200);
    const after = await h.call('GET', '/api/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('auth.required');
  });

  test('a session expires after 30 days', async () => {
    const start = h.clock.now;
    try {
      const { token } = (await login('med2', PASSWORD)).body;
      h.clock.now = new Date(start.getTime() + 29 * 86_400_000);
      expect((await h.call('GET', '/api/me', { token })).status).toBe(200);
      h.clock.now = new Date(start.getTime() + 31 * 86_400_000);
      const expired = await h.call('GET', '/api/me', { token });
      expect(expired.status).toBe(401);
      expect(expired.body.error).toMatchObject({ code: 'auth.expired', message: '登录已过期，请重新登录' });
    } finally {
      h.clock.now = start;
    }
  });

  test('five wrong passwords lock that account from that address for 15 minutes', async () => {
    const start = h.clock.now;
    try {
      for (let i = 0; i < 5; i++) expect((await login('medB', 'wrong', '10.0.0.1')).status).toBe(401);
      const locked = await login('medB', PASSWORD, '10.0.0.1');
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('auth.rateLimited');
      expect(locked.body.error.message).toContain('15 分钟');
      // Another address, and another account from the same address, are not locked.
      expect((await login('medB', PASSWORD, '10.0.0.2')).status).toBe(200);
      expect((await login('townB', PASSWORD, '10.0.0.1')).status).toBe(200);
      h.clock.now = new Date(start.getTime() + 14 * 60_000);
      expect((await login('medB', PASSWORD, '10.0.0.1')).status).toBe(429);
      h.clock.now = new Date(start.getTime() + 16 * 60_000);
      expect((await login('medB', PASSWORD, '10.0.0.1')).status).toBe(200);
    } finally {
      h.clock.now = start;
    }
  });

  test('a successful login clears earlier failures', async () => {
    for (let i = 0; i < 4; i++) await login('countyX', 'wrong', '10.0.0.9');
    expect((await login('countyX', PASSWORD, '10.0.0.9')).status).toBe(200);
    for (let i = 0; i < 4; i++) await login('countyX', 'wrong', '10.0.0.9');
    expect((await login('countyX', PASSWORD, '10.0.0.9')).status).toBe(200);
  });
});
