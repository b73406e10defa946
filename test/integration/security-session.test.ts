// Issue #12 hole 1 on SQLite and PostgreSQL: a session belongs to the device it was opened on.
// A token copied off a phone cannot sync as another device, and revoking the phone ends its
// sessions at once — /api/cases and /api/me refuse — while the phone itself is still told to wipe.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, PASSWORD, type Harness } from '../support/server.ts';
import { Device, caseRecord } from '../support/server-device.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('device-bound sessions on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });
  const login = (username: string, clientId?: string) =>
    h.call('POST', '/api/auth/login', { body: { username, password: PASSWORD, ...(clientId ? { clientId } : {}) } });

  test('login needs the clientId; the token syncs only as that device; revoking the phone ends the token everywhere', async () => {
    const { med, town } = h.users;
    expect((await login('med')).status).toBe(400);
    const phone = new Device(med.id);
    const signedIn = await login('med', phone.clientId);
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token as string;
    const record = caseRecord(med.scope);
    expect((await h.call('POST', '/api/sync/push', { token, body: phone.request([phone.create(record)]) })).body.results[0].status).toBe('applied');

    // The token copied to another device (a new clientId) pulls nothing and pushes nothing.
    const thief = new Device(med.id);
    for (const [path, body] of [['/api/sync/pull', thief.pullRequest(0)], ['/api/sync/push', thief.request([thief.create(caseRecord(med.scope))])]] as const) {
      const reply = await h.call('POST', path, { token, body });
      expect(reply.status, path).toBe(403);
      expect(reply.body.error.code).toBe('auth.deviceMismatch');
    }
    expect((await h.call('GET', '/api/cases', { token })).status).toBe(200);

    // The town revokes the lost phone: the same token opens nothing any more.
    expect((await h.call('POST', `/api/devices/${phone.clientId}/revoke`, { token: town.token, body: {} })).status).toBe(200);
    for (const path of ['/api/me', '/api/cases', `/api/cases/${record.id}`, '/api/review']) {
      const reply = await h.call('GET', path, { token });
      expect(reply.status, path).toBe(401);
    }
    expect((await h.call('POST', '/api/sync/pull', { token, body: thief.pullRequest(0) })).status).toBe(401);
    // The phone itself, syncing as itself, is told to erase its case data; its pushes are refused.
    const wipe = await h.call('POST', '/api/sync/pull', { token, body: phone.pullRequest(0) });
    expect(wipe.status).toBe(200);
    expect(wipe.body).toMatchObject({ wipe: true, changes: [] });
    expect((await h.call('POST', '/api/sync/push', { token, body: phone.request([phone.create(caseRecord(med.scope))]) })).body.error.code).toBe('device.revoked');
    // Signing in again on the revoked clientId opens no session; on a fresh one it does.
    expect((await login('med', phone.clientId)).body.error.code).toBe('device.revoked');
    expect((await login('med', new Device(med.id).clientId)).status).toBe(200);
  });

  test("another account's phone gets no session until it starts afresh, and sessions from before devices were bound are refused", async () => {
    const { med, med2 } = h.users;
    const phone = new Device(med.id);
    expect((await login('med', phone.clientId)).status).toBe(200);
    const foreign = await login('med2', phone.clientId);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('device.foreign');
    expect(await h.store.db.selectFrom('sessions').select('token_hash').where('user_id', '=', med2.id).where('client_id', '=', phone.clientId).execute()).toEqual([]);
    // A session row without a device, as every session was before: refused.
    await h.store.db.updateTable('sessions').set({ client_id: null }).where('user_id', '=', med2.id).execute();
    expect((await h.call('GET', '/api/me', { token: med2.token })).status).toBe(401);
  });
});
