// A real server in-process (Hono app over a real store) and simulated devices on fake-indexeddb,
// each with its own clock and a network it can lose. The devices run the real sync engine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/server/app.ts';
import { openStore, type Store, type StoreOptions } from '../../src/server/store/open.ts';
import { seedAreas } from '../../src/server/seed/areas.ts';
import { createUser } from '../../src/server/auth/users.ts';
import type { PushHooks } from '../../src/server/deps.ts';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import { syncOnce } from '../../src/sync/engine.ts';
import { createApiClient } from '../../src/sync/http.ts';
import { newDevice } from './dexie-device.ts';
import { deviceMeta } from '../../src/db/device.ts';
import { CursorBook } from '../../src/server/sync/cursors.ts';
import { compactChangeLog } from '../../src/server/sync/compact.ts';

export const VILLAGE_A = '150523100200';
export const VILLAGE_B = '150523101200';
export const TOWN = '150523100';

export interface Harness {
  store: Store;
  dataDir: string | undefined;
  hooks: PushHooks;
  /** Replaces the running server with a fresh one on the same database (a restart). */
  restart(): Promise<void>;
  /** Replaces the running server with a fresh one on another database (a restored backup). */
  moveTo(options: StoreOptions): Promise<void>;
  fetch: typeof fetch;
  /** Compacts change_log behind the devices' cursors (sync/compact.ts), as the hourly job does. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(databaseUrl?: string): Promise<Harness> {
  const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'shuohe-sync-'));
  const open = () => openStore(databaseUrl ? { databaseUrl } : { dataDir: dataDir as string });
  const hooks: PushHooks = {};
  let store = await open();
  await seedAreas(store.db, kailuAreas);
  const users = [
    { username: 'a', displayName: '王建国', role: 'mediator', scope: VILLAGE_A },
    { username: 'b', displayName: '赵淑兰', role: 'mediator', scope: VILLAGE_B },
    { username: 'zhen', displayName: '刘司法', role: 'town', scope: TOWN },
  ] as const;
  for (const u of users) await createUser(store.db, { ...u, password: 'pw-12345678' });
  // Kept across a restart, as a lost note only holds compaction back (cursors.ts).
  const cursors = new CursorBook();
  let app = createApp({ store, hooks, cursors });
  const harness: Harness = {
    get store() {
      return store;
    },
    dataDir,
    hooks,
    async restart() {
      await store.close();
      store = await open();
      app = createApp({ store, hooks, cursors });
    },
    async moveTo(options) {
      await store.close();
      store = await openStore(options);
      app = createApp({ store, hooks });
    },
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init)) as typeof fetch,
    compact: async () => {
      await compactChangeLog(store, cursors, () => new Date());
    },
    close: () => store.close(),
  };
  return harness;
}

/** Signs in on the device `clientId` (a fresh one by default: a desk, a script). */
export async function login(h: Harness, username: string, clientId: string = crypto.randomUUID()): Promise<string> {
  const res = await h.fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'pw-12345678', clientId }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export type SimDevice = Awaited<ReturnType<typeof simDevice>>;

/** A device signed in as `username`, whose network can be cut or made to lose responses. */
export async function simDevice(h: Harness, username: string, scope: string, options: { pullLimit?: number } = {}) {
  const device = newDevice(username);
  const token = await login(h, username, (await deviceMeta(device.db)).clientId);
  const net = { up: true, loseResponses: false };
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!net.up) throw new TypeError('Failed to fetch');
    const response = await h.fetch(input, init);
    // The server did the work, but the answer never reaches the phone.
    if (net.loseResponses) throw new TypeError('Failed to fetch');
    return response;
  }) as typeof fetch;
  const api = createApiClient(fetchFn, '', () => token);
  return {
    ...device,
    net,
    scope,
    api,
    sync: () => syncOnce({ db: device.db, api, scope, now: device.now, ...(options.pullLimit ? { pullLimit: options.pullLimit } : {}) }),
  };
}
