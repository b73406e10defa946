// Many phones syncing at once against one server process on loopback (issue #13): PHONES devices
// (default 500; one in ten a town's laptop that sees its whole town) have synced before, one
// after another (their first pull, not measured); then all at once, ROUNDS times, each pushes 5
// new cases naming its cursor and pulls what the others sent, each with the device report the app
// sends on its first push and first pull of a sync. Prints push and pull p50/p99 —
// budget: push p99 ≤ 1 s — and the server's longest event-loop stall meanwhile (budget 50 ms).
// Requests are bounded in number and go to 127.0.0.1 only.
import { fork } from 'node:child_process';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/shared/protocol.ts';
import { Device, caseRecord } from '../support/server-device.ts';
import { stallLine } from './stall.ts';

const PHONES = Number(process.env.PHONES ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 2);

/** A phone as the bench server signed it in: its own device and session. */
interface Signed { userId: string; clientId: string; village: string; token: string }

const child = fork(new URL('./phones-server.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx', ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])], stdio: 'inherit' });
const ready = await new Promise<{ port: number; phones: Signed[] }>((resolve, reject) => {
  child.once('message', (m) => resolve(m as { port: number; phones: Signed[] }));
  child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
});
const base = `http://127.0.0.1:${ready.port}`;

const pushes: number[] = [];
const pulls: number[] = [];
async function post<T>(account: { token: string }, path: string, body: unknown, into: number[]): Promise<T> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'br, gzip', authorization: `Bearer ${account.token}` }, body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  into.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

interface Phone { account: Signed; device: Device; village: string; cursor: number }

/** What the app sends with the first push and the first pull of each sync (the 设备 list's report). */
const report = (pending: number) => ({ appVersion: 'bench', pending, storageBytes: 5_000_000, deviceTime: new Date().toISOString() });

async function pullAll(phone: Phone, into: number[]): Promise<void> {
  for (let more = true, first = true; more; first = false) {
    const page = await post<PullResponse>(phone.account, '/api/sync/pull', {
      protocolVersion: PROTOCOL_VERSION, clientId: phone.device.clientId, cursor: phone.cursor, ...(first ? { device: report(0) } : {}),
    }, into);
    phone.cursor = page.cursor;
    more = page.hasMore;
  }
}

async function syncRound(phone: Phone): Promise<void> {
  const mutations = Array.from({ length: 5 }, () => phone.device.create(caseRecord(phone.village)));
  const reply = await post<PushResponse>(phone.account, '/api/sync/push', { ...phone.device.request(mutations), cursor: phone.cursor, device: report(mutations.length) }, pushes);
  if (reply.page) phone.cursor = reply.page.cursor;
  await pullAll(phone, pulls);
}

const phones: Phone[] = ready.phones.map((p) => ({ account: p, device: new Device(p.userId, p.clientId), village: p.village, cursor: 0 }));
const firstPulls: number[] = [];
for (const phone of phones) await pullAll(phone, firstPulls);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;
child.send('watch');
await new Promise((resolve) => child.once('message', resolve));
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) await Promise.all(phones.map(syncRound));
const wallMs = performance.now() - started;
child.send('report');
const { stallMs } = await new Promise<{ stallMs: number }>((resolve) => child.once('message', (m) => resolve(m as { stallMs: number })));
console.log(`${PHONES} phones syncing at once (${ROUNDS} rounds of push 5 + pull, one in ten a town laptop), ${process.env.SEED_CASES ?? 15_000} cases already in the county, SQLite:`);
console.log(`  (before: each phone's first pull, one at a time: p50 ${pct(firstPulls, 50).toFixed(0)} ms a page)`);
console.log(`  push p50 ${pct(pushes, 50).toFixed(0)} ms, p99 ${pct(pushes, 99).toFixed(0)} ms (${pushes.length} pushes)  [budget p99 1,000 ms: ${pct(pushes, 99) <= 1000 ? 'ok' : 'OVER'}]`);
console.log(`  pull p50 ${pct(pulls, 50).toFixed(0)} ms, p99 ${pct(pulls, 99).toFixed(0)} ms (${pulls.length} pages); whole run ${wallMs.toFixed(0)} ms`);
console.log(`  server's ${stallLine(stallMs)}`);
