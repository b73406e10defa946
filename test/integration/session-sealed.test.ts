// Issue #12 hole 1, the phone's side: the session token and the account's name are sealed under
// the PIN key; signed in before the PIN exists, they are kept in memory until it does. The app's own state modules (lock, session, profile) against the real server (in
// process): after a sign-in and a lock, idb-keyval holds no token and no name — only the role, for
// the shell's frame; the unlock reads it all again; a session an older version stored in clear is
// sealed at the first unlock and its clear copy dropped; a sync pass caught by the lock stops
// quietly (no logout) and runs again after the unlock; ten wrong PINs forget it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entries, set } from 'idb-keyval';
import { closeTestStores } from '../support/stores.ts';
import { makeHarness, PASSWORD, type Harness } from '../support/server.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { db, profile } from '../../src/state/app-state.ts';
import { startLock, setFirstPin, lockNow, enterPin, lockPhase } from '../../src/state/lock.ts';
import { login, loadSession, session, signedInRole, logout, type Session } from '../../src/state/session.ts';
import { loadProfile } from '../../src/db/settings.ts';
import { createSyncRunner, type SyncStatusReport } from '../../src/sync/runner.ts';
import { createApiClient } from '../../src/sync/http.ts';
import { createBlobApi } from '../../src/sync/blobs.ts';
import { LockedError } from '../../src/db/crypto-keyring.ts';
import { MAX_PIN_FAILURES } from '../../src/db/crypto-pin.ts';

const PIN = '480215';
const NAME = '杜若蘅调解员';
let h: Harness;
const realFetch = globalThis.fetch;

/** Everything idb-keyval stores, bytes as text: what a copy of the phone's storage shows. */
async function keyval(): Promise<string> {
  const text = (_k: string, v: unknown) => (ArrayBuffer.isView(v) ? new TextDecoder().decode(v as Uint8Array) : v);
  return JSON.stringify(await entries(), text);
}

beforeAll(async () => {
  h = await makeHarness('sqlite');
  await createUser(h.store.db, { username: 'durh', displayName: NAME, role: 'mediator', scope: '150523100200', passwordHash: await hashPassword(PASSWORD) });
  // The app calls its own origin ('/api/…'): here that is the server in this process.
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => h.app.request(String(input), init)) as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await closeTestStores();
});

describe('the session on the phone (issue #12)', () => {
  let token = '';

  it('is stored sealed after a sign-in; while locked only the role is known, the unlock brings the rest back', async () => {
    await startLock();
    expect(lockPhase.value).toBe('setPin');
    // A fresh device shows the sign-in form before the PIN (ui/lock/lock-gate.tsx): until the PIN
    // exists, nothing of the session is written at all (a clear copy would outlive its sealing in
    // IndexedDB's log).
    const signed = await login('durh', PASSWORD);
    token = signed.token;
    expect(session.value?.token).toBe(token);
    expect((await entries()).map(([k]) => k).filter((k) => ['session', 'profile', 'deviceOwner'].includes(String(k)))).toEqual([]);
    await setFirstPin(PIN); // the very next screen
    expect(session.value?.token).toBe(token);
    expect(token.length).toBeGreaterThan(20);
    expect(session.value?.me.user.displayName).toBe(NAME);
    expect(profile.value?.name).toBe(NAME); // the account's name stamps the mediator's cases

    const stored = await keyval();
    expect(stored).toContain('session');
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(NAME);
    expect(stored).not.toContain(signed.me.user.id);

    lockNow();
    expect(session.value).toBeUndefined(); // the token left memory with the key
    expect(profile.value).toBeUndefined();
    expect(signedInRole.value).toBe('mediator');
    // A start while locked (state/start.ts reads the session after the lock's phase): role only.
    await loadSession();
    expect(session.value).toBeUndefined();
    expect(signedInRole.value).toBe('mediator');
    expect(await loadProfile()).toBeUndefined();

    expect(await enterPin(PIN)).toBe('ok');
    expect(session.value?.token).toBe(token);
    expect(profile.value?.name).toBe(NAME);
    // The token still answers: it was not lost in the sealing.
    expect((await fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('seals a session an older version stored in clear at the first unlock, and drops the clear copy', async () => {
    const clear = { ...session.value!, me: { ...session.value!.me } } satisfies Session;
    lockNow();
    await set('session', clear);
    await set('profile', { name: NAME, committeeName: '五家村人民调解委员会', villageCode: '150523100200' });
    await set('deviceOwner', clear.me.user.id);
    await loadSession();
    expect(session.value).toBeUndefined(); // in clear on disk, yet not used before the unlock
    expect(signedInRole.value).toBe('mediator');
    expect(await enterPin(PIN)).toBe('ok');
    expect(session.value?.token).toBe(token);
    expect(profile.value?.name).toBe(NAME);
    const stored = await keyval();
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(NAME);
    expect(stored).not.toContain(clear.me.user.id);
  });

  it('a sync pass caught by the lock stops quietly and keeps the session; the next pass after the unlock syncs', async () => {
    const statuses: SyncStatusReport[] = [];
    const deps = () => {
      if (!session.value || lockPhase.value !== 'open') return undefined;
      // As state/sync.ts: the token is read per request, and refused while locked.
      const getToken = () => {
        if (lockPhase.value !== 'open') throw new LockedError();
        return session.value?.token;
      };
      return { db, api: createApiClient(fetch, '', getToken), blobs: createBlobApi(fetch, '', getToken), scope: session.value.me.scope, now: () => new Date() };
    };
    const runner = createSyncRunner({ deps, isOnline: () => true, onStatus: (s) => statuses.push(s), timerMs: 3_600_000 });
    // The lock falls while the pass is on its way to the server.
    const pass = runner.run();
    lockNow();
    await pass;
    const last = statuses.at(-1)!;
    expect(last.needsLogin).toBeUndefined();
    expect(last.phase).toBe('idle');
    expect(last.lastError).toBeUndefined();
    // Locked: no pass at all, no crash.
    await runner.run();
    expect(statuses.at(-1)).toBe(last);
    expect(signedInRole.value).toBe('mediator');

    expect(await enterPin(PIN)).toBe('ok');
    await runner.run();
    expect(statuses.at(-1)?.phase).toBe('synced');
    runner.stop();
  });

  it('signing out forgets the sealed session; ten wrong PINs forget the account and the profile', async () => {
    await logout();
    expect(signedInRole.value).toBeUndefined();
    expect((await entries()).map(([k]) => k)).not.toContain('session');
    await login('durh', PASSWORD);
    lockNow();
    for (let i = 1; i <= MAX_PIN_FAILURES; i++) await enterPin('111111');
    expect(lockPhase.value).toBe('setPin');
    expect(signedInRole.value).toBeUndefined();
    const keys = (await entries()).map(([k]) => k);
    expect(keys).not.toContain('session');
    expect(keys).not.toContain('profile');
    expect(keys).not.toContain('deviceOwner');
  });
});
