// Account management (/api/accounts, /api/auth/password): who may manage whom, creating an
// account whose one-time password must be replaced before it signs in, resetting, disabling (no
// sign-in, sessions ended, every device told to wipe at its next sync) and enabling, and the log.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, PASSWORD, type Harness, type TestUser } from '../support/server.ts';
import { Device, caseRecord } from '../support/server-device.ts';
import { fingerprint } from '../support/fingerprint.ts';
import type { AccountSummary } from '../../src/shared/accounts-api.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('account management on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  const login = (username: string, password: string, clientId: string = crypto.randomUUID()) => h.call('POST', '/api/auth/login', { body: { username, password, clientId } });
  const create = (by: TestUser, body: Record<string, unknown>) => h.call<{ account: AccountSummary; error: { code: string; message: string } }>('POST', '/api/accounts', { token: by.token, body });
  const list = async (by: TestUser, area?: string) => {
    const reply = await h.call<{ accounts: AccountSummary[] }>('GET', `/api/accounts${area ? `?area=${area}` : ''}`, { token: by.token });
    expect(reply.status).toBe(200);
    return reply.body.accounts;
  };
  const changePassword = (username: string, password: string, newPassword: string, token?: string) =>
    h.call('POST', '/api/auth/password', { body: { username, password, newPassword }, ...(token ? { token } : {}) });
  /** Creates an account as `by` and replaces its one-time password, so it can sign in with `own`. */
  const activeAccount = async (by: TestUser, username: string, role: string, scope: string, own = 'my own secret 1') => {
    const made = await create(by, { username, displayName: `测试${username}`, role, scope, password: 'temporary-1' });
    expect(made.status).toBe(201);
    expect((await changePassword(username, 'temporary-1', own)).status).toBe(200);
    // The phone the account signs in on: its session syncs as this device only.
    const phone = new Device(made.body.account.id);
    const signedIn = await login(username, own, phone.clientId);
    expect(signedIn.status).toBe(200);
    return { id: made.body.account.id as string, token: signedIn.body.token as string, phone };
  };

  test('a mediator cannot use the account API at all, and nobody without a session can', async () => {
    const med = h.users.med;
    const before = await fingerprint(h.store);
    const target = h.users.med2.id;
    for (const [method, path, body] of [
      ['GET', '/api/accounts', undefined],
      ['POST', '/api/accounts', { username: 'sneaky', displayName: '某人', role: 'mediator', scope: med.scope, password: 'long enough pw' }],
      ['POST', `/api/accounts/${target}/password`, { password: 'long enough pw' }],
      ['POST', `/api/accounts/${target}/disable`, {}],
      ['POST', `/api/accounts/${target}/enable`, {}],
    ] as const) {
      const asMediator = await h.call(method, path, { token: med.token, body });
      expect(asMediator.status, `${method} ${path}`).toBe(403);
      expect(asMediator.body.error.code).toBe('auth.roleForbidden');
      expect((await h.call(method, path, { body })).status).toBe(401);
    }
    expect(await fingerprint(h.store)).toEqual(before);
  });

  test('each role lists exactly the accounts it manages, and never a password hash', async () => {
    const names = async (user: TestUser, area?: string) => (await list(user, area)).map((a) => a.username).sort();
    expect(await names(h.users.town)).toEqual(['med', 'med2']);
    expect(await names(h.users.county)).toEqual(['med', 'med2', 'medB', 'town', 'townB']);
    expect(await names(h.users.county, '150523101')).toEqual(['medB', 'townB']);
    expect(await names(h.users.admin)).toEqual(expect.arrayContaining(['admin', 'county', 'countyX', 'med', 'medB', 'townB']));
    const reply = await h.call('GET', '/api/accounts', { token: h.users.county.token });
    expect(JSON.stringify(reply.body)).not.toMatch(/password_hash|passwordHash|argon2/);
    const med = (await list(h.users.town)).find((a) => a.username === 'med');
    expect(med).toMatchObject({ role: 'mediator', scope: '150523100200', areaName: '五家村委会', disabled: false, mustChangePassword: false });
    // Another town's area is refused, not silently emptied.
    expect((await h.call('GET', '/api/accounts?area=150523101', { token: h.users.town.token })).status).toBe(403);
  });

  test('town staff create a mediator of their town, who must replace the one-time password before signing in', async () => {
    const town = h.users.town;
    const made = await create(town, { username: 'wangli', displayName: '王丽', role: 'mediator', scope: '150523100200', password: 'first-time-1' });
    expect(made.status).toBe(201);
    expect(made.body.account).toMatchObject({ username: 'wangli', displayName: '王丽', role: 'mediator', scope: '150523100200', mustChangePassword: true, lastSignInAt: null });
    expect(JSON.stringify(made.body)).not.toContain('argon2');

    const first = await login('wangli', 'first-time-1');
    expect(first.status).toBe(403);
    expect(first.body.error).toEqual({ code: 'auth.mustChangePassword', message: '这是别人为您设置的临时密码，请先设置自己的新密码' });
    expect(await h.store.db.selectFrom('sessions').select('token_hash').where('user_id', '=', made.body.account.id).execute()).toEqual([]);

    expect((await changePassword('wangli', 'first-time-1', 'short')).body.error).toMatchObject({ code: 'account.password.short', message: '密码至少 10 位，请再长一些' });
    expect((await changePassword('wangli', 'first-time-1', 'first-time-1')).body.error.code).toBe('account.password.same');
    expect((await changePassword('wangli', 'not-the-password', 'my own secret')).status).toBe(401);
    expect((await changePassword('wangli', 'first-time-1', 'my own secret')).status).toBe(200);
    expect((await login('wangli', 'first-time-1')).status).toBe(401);
    const signedIn = await login('wangli', 'my own secret');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toMatchObject({ role: 'mediator', scope: '150523100200', areaName: '五家村委会' });
    const listed = (await list(town)).find((a) => a.username === 'wangli');
    expect(listed).toMatchObject({ mustChangePassword: false, lastSignInAt: h.clock.now.toISOString() });

    const log = await h.store.db.selectFrom('account_log').select(['actor_id', 'action']).where('user_id', '=', made.body.account.id).orderBy('at').orderBy('id').execute();
    expect(log).toEqual([{ actor_id: town.id, action: 'create' }, { actor_id: made.body.account.id, action: 'password' }]);
  });

  test('town staff cannot create a county or town account, nor touch another town\'s mediator; nothing changes', async () => {
    const town = h.users.town;
    const before = await fingerprint(h.store);
    const refused = [
      await create(town, { username: 'bigboss', displayName: '县里', role: 'county', scope: '150523', password: 'long enough 1' }),
      await create(town, { username: 'peer', displayName: '同级', role: 'town', scope: '150523100', password: 'long enough 1' }),
      await create(town, { username: 'elsewhere', displayName: '外镇', role: 'mediator', scope: '150523101200', password: 'long enough 1' }),
      await create(h.users.county, { username: 'foreign', displayName: '外县', role: 'mediator', scope: '150502001001', password: 'long enough 1' }),
      await create(h.users.county, { username: 'county2', displayName: '同级', role: 'county', scope: '150523', password: 'long enough 1' }),
      await h.call('POST', `/api/accounts/${h.users.medB.id}/password`, { token: town.token, body: { password: 'long enough 1' } }),
      await h.call('POST', `/api/accounts/${h.users.medB.id}/disable`, { token: town.token, body: {} }),
      await h.call('POST', `/api/accounts/${h.users.townB.id}/disable`, { token: town.token, body: {} }),
      await h.call('POST', `/api/accounts/${h.users.countyX.id}/disable`, { token: h.users.county.token, body: {} }),
    ];
    for (const reply of refused) expect(reply.body.error).toMatchObject({ code: 'account.forbidden', message: '这个账号不归您管理：只能管理本辖区下级的账号' });
    for (const reply of refused) expect(reply.status).toBe(403);
    expect(await fingerprint(h.store)).toEqual(before);
    expect(await h.store.db.selectFrom('account_log').select('id').where('actor_id', 'in', [town.id, h.users.county.id]).where('action', '!=', 'create').execute()).toEqual([]);
  });

  test('bad input is refused with a sentence saying what to fix, and changes nothing', async () => {
    const county = h.users.county;
    const ok = { username: 'zhaomin', displayName: '赵敏', role: 'mediator', scope: '150523100200', password: 'long enough 1' };
    const before = await fingerprint(h.store);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...ok, password: 'short' }, 400, 'account.password.short'],
      [{ ...ok, username: '赵敏' }, 400, 'account.username.invalid'],
      [{ ...ok, username: 'a' }, 400, 'account.username.invalid'],
      [{ ...ok, displayName: '  ' }, 400, 'account.displayName.required'],
      [{ ...ok, role: 'boss' }, 400, 'account.role.invalid'],
      [{ ...ok, scope: '150523100' }, 400, 'account.scope.mismatch'],
      [{ ...ok, scope: '150523100999' }, 400, 'account.scope.unknown'],
      [{ ...ok, username: 'MED' }, 409, 'account.username.taken'],
      [{ ...ok, extra: 1 }, 400, 'server.badRequest'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await create(county, body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await fingerprint(h.store)).toEqual(before);
  });

  test('disabling ends sign-in and sessions and revokes the phone, which is told to wipe at its next sync', async () => {
    const county = h.users.county;
    const mediator = await activeAccount(county, 'leaving', 'mediator', '150523101200');
    const { phone } = mediator;
    // The phone has synced once, so the server knows it as this account's device.
    const record = caseRecord('150523101200');
    expect((await h.call('POST', '/api/sync/push', { token: mediator.token, body: phone.request([phone.create(record)]) })).status).toBe(200);
    expect((await h.call('POST', '/api/sync/pull', { token: mediator.token, body: phone.pullRequest(0) })).body.wipe).toBeUndefined();

    const disabled = await h.call('POST', `/api/accounts/${mediator.id}/disable`, { token: county.token, body: {} });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ account: { disabled: true }, devicesRevoked: 1 });

    expect((await login('leaving', 'my own secret 1')).status).toBe(401);
    expect((await h.call('GET', '/api/me', { token: mediator.token })).status).toBe(401);
    expect((await h.call('GET', `/api/cases/${record.id}`, { token: mediator.token })).status).toBe(401);
    const sessions = await h.store.db.selectFrom('sessions').select('revoked_at').where('user_id', '=', mediator.id).execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    const device = await h.store.db.selectFrom('devices').select(['revoked_at', 'revoked_by']).where('client_id', '=', phone.clientId).executeTakeFirstOrThrow();
    expect(device).toEqual({ revoked_at: h.clock.now.toISOString(), revoked_by: county.id });

    // The phone's next sync: its push is refused as a revoked device (the engine then pulls) and
    // the pull tells it to erase its data — although its session no longer opens anything else.
    const push = await h.call('POST', '/api/sync/push', { token: mediator.token, body: phone.request([phone.create(caseRecord('150523101200'))]) });
    expect(push.status).toBe(403);
    expect(push.body.error.code).toBe('device.revoked');
    const pull = await h.call('POST', '/api/sync/pull', { token: mediator.token, body: phone.pullRequest(5) });
    expect(pull.status).toBe(200);
    expect(pull.body).toMatchObject({ changes: [], wipe: true, hasMore: false, cursor: 5 });
    // Without the old token, or with another device, nothing is revealed.
    expect((await h.call('POST', '/api/sync/pull', { body: phone.pullRequest(0) })).status).toBe(401);
    expect((await h.call('POST', '/api/sync/pull', { token: mediator.token, body: new Device(mediator.id).pullRequest(0) })).status).toBe(401);

    const enabled = await h.call('POST', `/api/accounts/${mediator.id}/enable`, { token: county.token, body: {} });
    expect(enabled.body.account.disabled).toBe(false);
    expect((await login('leaving', 'my own secret 1')).status).toBe(200);
    const log = await h.store.db.selectFrom('account_log').select(['actor_id', 'action', 'detail']).where('user_id', '=', mediator.id).where('actor_id', '=', county.id).orderBy('at').orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'disable', 'enable']);
    expect(JSON.parse(log[1]?.detail ?? '{}')).toEqual({ devicesRevoked: 1 });
  });

  test('a reset sets a one-time password and signs the account out everywhere', async () => {
    const town = h.users.town;
    const mediator = await activeAccount(town, 'forgetful', 'mediator', '150523100201');
    const reset = await h.call('POST', `/api/accounts/${mediator.id}/password`, { token: town.token, body: { password: 'given-by-town' } });
    expect(reset.status).toBe(200);
    expect(reset.body.account.mustChangePassword).toBe(true);
    expect((await h.call('GET', '/api/me', { token: mediator.token })).status).toBe(401);
    expect((await login('forgetful', 'my own secret 1')).status).toBe(401);
    expect((await login('forgetful', 'given-by-town')).body.error.code).toBe('auth.mustChangePassword');
    expect((await changePassword('forgetful', 'given-by-town', 'a new secret')).status).toBe(200);
    expect((await login('forgetful', 'a new secret')).status).toBe(200);
    expect((await h.call('POST', `/api/accounts/${mediator.id}/password`, { token: town.token, body: { password: '1234567' } })).body.error.code).toBe('account.password.short');
    expect((await h.call('POST', `/api/accounts/${h.users.admin.id}/disable`, { token: h.users.admin.token, body: {} })).body.error.code).toBe('account.self');
    expect((await h.call('POST', '/api/accounts/not-a-uuid/disable', { token: town.token, body: {} })).status).toBe(404);
  });

  test('changing one\'s own password keeps this session and ends the others', async () => {
    const county = h.users.county;
    const user = await activeAccount(county, 'zhanghua', 'town', '150523102');
    const other = (await login('zhanghua', 'my own secret 1')).body.token as string;
    const changed = await changePassword('zhanghua', 'my own secret 1', 'better secret 2', user.token);
    expect(changed.status).toBe(200);
    expect((await h.call('GET', '/api/me', { token: user.token })).status).toBe(200);
    expect((await h.call('GET', '/api/me', { token: other })).status).toBe(401);
    expect((await login('zhanghua', 'better secret 2')).status).toBe(200);
    // The existing demo-style accounts (no one-time password) are unaffected.
    expect((await login('townB', PASSWORD)).status).toBe(200);
  });
});
