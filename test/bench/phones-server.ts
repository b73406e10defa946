// The server of the phones bench, in its own process so its event loop is measured alone: SQLite
// in a temp folder, the county's towns and villages, a mediator in every village and a town
// account per town (one session each), SEED_CASES cases with realistic records already synced.
// Tells the parent its port and tokens over IPC; 'watch' starts the stall watch, 'report' ends it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/server/app.ts';
import { openStore } from '../../src/server/store/open.ts';
import { seedAreas } from '../../src/server/seed/areas.ts';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { PUSH_BATCH } from '../../src/shared/protocol.ts';
import { Device, caseRecord } from '../support/server-device.ts';
import { watchStalls } from './stall.ts';

/**
 * Under --cpu-prof (SERVER_NODE_ARGS), the measured window on the profiles' clock (µs, monotonic),
 * for `profile-summary.ts file n from to`.
 */
function profileMark(edge: 'from' | 'to'): void {
  if (process.execArgv.some((a) => a.startsWith('--cpu-prof'))) console.log(`profile window ${edge} ${process.hrtime.bigint() / 1000n}`);
}

const SEED_CASES = Number(process.env.SEED_CASES ?? 15_000);
const dir = mkdtempSync(join(tmpdir(), 'shuohe-bench-phones-'));
const store = await openStore({ dataDir: dir });
await seedAreas(store.db, kailuAreas);
const app = createApp({ store });
const now = new Date();
const passwordHash = await hashPassword('bench-password');
const account = async (username: string, role: 'mediator' | 'town', scope: string) => {
  const id = await createUser(store.db, { username, displayName: username, role, scope, passwordHash });
  // A session is bound to one phone (issue #12): the account's seeding device.
  const device = new Device(id);
  return { id, scope, role, device, token: (await createSession(store.db, id, device.clientId, now)).token };
};
const villages = kailuAreas.filter((a) => a.level === 'village').map((a) => a.code);
const towns = kailuAreas.filter((a) => a.level === 'town').map((a) => a.code);
const accounts = [
  ...(await Promise.all(villages.map((v, i) => account(`m${i}`, 'mediator', v)))),
  ...(await Promise.all(towns.map((t, i) => account(`t${i}`, 'town', t)))),
];

// The county's existing cases, pushed by their villages' mediators as phones push them.
const byVillage = new Map(accounts.filter((a) => a.role === 'mediator').map((a) => [a.scope, a]));
const seeders = new Map<string, Device>();
const pending = new Map<string, ReturnType<Device['create']>[]>();
for (let i = 0; i < SEED_CASES; i++) {
  const village = villages[i % villages.length] as string;
  const owner = byVillage.get(village);
  if (!owner) continue;
  const device = seeders.get(village) ?? owner.device;
  seeders.set(village, device);
  const record = caseRecord(village);
  const list = pending.get(village) ?? [];
  list.push(device.create({ ...record, private: { ...record.private, facts: '因宅基地界址发生争执，双方多次协商未果。'.repeat(12) } }));
  pending.set(village, list);
}
for (const [village, mutations] of pending) {
  const owner = byVillage.get(village);
  const device = seeders.get(village);
  if (!owner || !device) continue;
  for (let i = 0; i < mutations.length; i += PUSH_BATCH) {
    const res = await app.request('/api/sync/push', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify(device.request(mutations.slice(i, i + PUSH_BATCH))),
    });
    if (res.status !== 200) throw new Error(`seeding: ${res.status} ${await res.text()}`);
  }
}

// The phones of the run, each with its own session: a session is bound to one device (issue #12),
// so phones sharing an account each sign in. One in ten is a town's laptop that sees its whole town.
const PHONES = Number(process.env.PHONES ?? 500);
const mediators = accounts.filter((a) => a.role === 'mediator');
const townAccounts = accounts.filter((a) => a.role === 'town');
const phones = await Promise.all(Array.from({ length: PHONES }, async (_, i) => {
  const laptop = i % 10 === 9;
  const owner = (laptop ? townAccounts[i % townAccounts.length] : mediators[i % mediators.length]) as (typeof accounts)[number];
  const village = laptop ? (mediators.find((m) => m.scope.startsWith(owner.scope))?.scope ?? owner.scope) : owner.scope;
  const device = new Device(owner.id);
  return { userId: owner.id, clientId: device.clientId, village, token: (await createSession(store.db, owner.id, device.clientId, now)).token };
}));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  let stalls = watchStalls();
  process.on('message', (message) => {
    if (message === 'watch') {
      // From here on: the phones' first pulls are done and the measured rounds begin.
      profileMark('from');
      stalls.stop();
      stalls = watchStalls();
      process.send?.({ watching: true });
      return;
    }
    if (message !== 'report') return;
    profileMark('to');
    process.send?.({ stallMs: stalls.stop() });
    server.close();
    void store.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.send?.({ port: info.port, phones });
});
