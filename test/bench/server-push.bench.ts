// Push throughput on SQLite, through the real HTTP app (JSON parse, validation, one write
// transaction per batch, change_log): `node --import tsx test/bench/server-push.bench.ts`.
// Prints mutations/s for creates and for a mixed load, and the time of a town's first pull.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import { PUSH_BATCH, PULL_PAGE, type PullResponse, type PushResponse } from '../../src/shared/protocol.ts';
import type { Mutation } from '../../src/shared/mutations.ts';
import { createApp } from '../../src/server/app.ts';
import { openStore } from '../../src/server/store/open.ts';
import { seedAreas } from '../../src/server/seed/areas.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';

const CASES = Number(process.env.CASES ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'shuohe-bench-'));
const store = await openStore({ dataDir: dir });
await seedAreas(store.db, kailuAreas);
const userId = await createUser(store.db, { username: 'bench', displayName: 'bench', role: 'town', scope: '150523100', password: 'bench-password' });
const device = new Device(userId);
const { token } = await createSession(store.db, userId, device.clientId, new Date());
const app = createApp({ store });
const villages = kailuAreas.filter((a) => a.code.startsWith('150523100') && a.level === 'village').map((a) => a.code);

async function post<T>(path: string, body: unknown, bearer = token): Promise<T> {
  const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** CPU time of this process (every thread: the app's and its SQLite workers') while `run` ran, in ms. */
async function withCpu<T>(run: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(before);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}

/** Pushes as a caught-up device does: naming its cursor, so each answer carries its page. */
async function pushAll(device: Device, mutations: Mutation[]): Promise<number> {
  let cursor = 0;
  for (let more = true; more; ) {
    const page = await post<PullResponse>('/api/sync/pull', device.pullRequest(cursor, PULL_PAGE));
    cursor = page.cursor;
    more = page.hasMore;
  }
  const started = performance.now();
  for (let i = 0; i < mutations.length; i += PUSH_BATCH) {
    const reply = await post<PushResponse>('/api/sync/push', { ...device.request(mutations.slice(i, i + PUSH_BATCH)), cursor });
    if (reply.results.some((r) => r.status !== 'applied')) throw new Error(`not applied: ${JSON.stringify(reply.results.find((r) => r.status !== 'applied'))}`);
    if (!reply.page) throw new Error('no page in the answer');
    cursor = reply.page.cursor;
  }
  return performance.now() - started;
}

const records = Array.from({ length: CASES }, (_, i) => caseRecord(villages[i % villages.length] ?? '150523100200'));
const creates = records.map((r) => device.create(r));
const { value: createMs, cpuMs: createCpu } = await withCpu(() => pushAll(device, creates));

const mixed = records.flatMap((r) => [
  device.event(r, session()),
  device.patch(r.id, { isDifficult: { base: false, next: true } }),
  device.transition(r.id, { from: 'accepted', to: 'mediating' }),
]);
const { value: mixedMs, cpuMs: mixedCpu } = await withCpu(() => pushAll(device, mixed));

// A session is bound to one device (issue #12): the fresh phone signs in with its own.
const puller = new Device(userId);
const pullerToken = (await createSession(store.db, userId, puller.clientId, new Date())).token;
const pullStarted = performance.now();
let cursor = 0;
let changes = 0;
for (;;) {
  const page = await post<PullResponse>('/api/sync/pull', puller.pullRequest(cursor, PULL_PAGE), pullerToken);
  changes += page.changes.length;
  cursor = page.cursor;
  if (!page.hasMore) break;
}
const pullMs = performance.now() - pullStarted;

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en');
console.log(`server push on SQLite (${CASES} cases, batches of ${PUSH_BATCH}, synchronous=FULL)`);
// CPU beside wall time: on a shared machine the wall time follows the load, the CPU time much less.
const per1000 = (ms: number, n: number) => ((ms / n) * 1000).toFixed(0);
console.log(`  case.create:                 ${rate(creates.length, createMs)} mutations/s (${createMs.toFixed(0)} ms for ${creates.length}; ${per1000(createMs, creates.length)} ms per 1,000, CPU ${per1000(createCpu, creates.length)} ms per 1,000)`);
console.log(`  event/patch/transition mix:  ${rate(mixed.length, mixedMs)} mutations/s (${mixedMs.toFixed(0)} ms for ${mixed.length}; ${per1000(mixedMs, mixed.length)} ms per 1,000, CPU ${per1000(mixedCpu, mixed.length)} ms per 1,000)`);
console.log(`  first pull of the town:      ${changes} changes in ${pullMs.toFixed(0)} ms (${rate(changes, pullMs)} changes/s, pages of ${PULL_PAGE})`);
await store.close();
rmSync(dir, { recursive: true, force: true });
