// Sync budgets (DESIGN.md), in Chromium on loopback against the real server: 1,000 local cases
// pushed and acknowledged ≤ 0.5 s; a town's first pull of 10,000 cases into IndexedDB ≤ 2 s —
// and the same pull at a phone's 1.6 Mbit/s + 100 ms (CDP network emulation). Then, on the wire
// (node:http): bytes per case raw / gzip / brotli beside PouchDB's published 256 B a document,
// and the history scenario (HISTORY_CASES cases edited 5 times: a new device still gets one
// change per case).
import { join } from 'node:path';
import { build } from 'vite';
import { startAppServer } from '../e2e/app-server.ts';
import { openDevice } from '../e2e/browser.ts';
import { Device, caseRecord } from '../support/server-device.ts';
import { PUSH_BATCH } from '../../src/shared/protocol.ts';
import { uuidv7 } from 'uuidv7';
import { wirePull } from './wire.ts';
import { profiled } from './profile.ts';

const HISTORY_CASES = Number(process.env.HISTORY_CASES ?? 2000);
const EDITS = 5;

const root = new URL('../..', import.meta.url).pathname;
export type Pushed = { ms: number; network: number; pushed: number; pulled: number; left: number };
export type Bench = {
  pushCases(n: number, caughtUp: boolean): Promise<Pushed>;
  firstPull(profile?: string): Promise<{ ms: number; network: number; pulled: number; cases: number }>;
  writeFloor(n: number): Promise<{ ms: number }>;
};

export async function syncBench(): Promise<void> {
  const server = await startAppServer();
  await build({ root: join(root, 'test/bench/device-page'), logLevel: 'warn', configFile: false, base: '/bench/', build: { outDir: join(server.distDir, 'bench'), emptyOutDir: true, minify: !process.env.PROFILE_DIR } });
  const { signIn, seeder, creates, pushAll } = await seedTown(server.url);
  const device = await openDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/bench/index.html`);
    await page.waitForFunction(() => document.title === 'ready');
    // A phone that synced its village before going offline records 1,000 cases, then syncs.
    const push = await profiled(device.context, page, () => page.evaluate(() => (window as unknown as { bench: Bench }).bench.pushCases(1_000, true)));
    console.log(`push 1,000 cases and get them acknowledged: ${push.ms.toFixed(0)} ms (${push.pushed} mutations, ${push.pulled} changes back, ${push.left} left; requests in flight ${push.network.toFixed(0)} ms)  [budget 500 ms; PouchDB ~1,100 ms]`);
    // The same from a new install: its first sync also pulls every case of the village.
    const fresh = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.pushCases(1_000, false));
    console.log(`  the same on a new install, whose first sync also pulls its village: ${fresh.ms.toFixed(0)} ms (${fresh.pulled} changes back, ${fresh.left} left)`);
    const pull = await profiled(device.context, page, () => page.evaluate(() => (window as unknown as { bench: Bench }).bench.firstPull()));
    console.log(`town's first pull: ${pull.cases} cases (${pull.pulled} changes) in ${pull.ms.toFixed(0)} ms (${((pull.ms / pull.cases) * 10_000).toFixed(0)} ms per 10,000), requests in flight ${pull.network.toFixed(0)} ms (overlapping the writes)  [budget 2,000 ms for 10,000; PouchDB ~10,400 ms]`);
    // What IndexedDB alone costs for the same rows, measured in the same minute (the load moves it).
    const floor = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.writeFloor(10_000));
    console.log(`  its floor: 10,000 rows of a sealed case's size written in pages of 1,000, no network, parsing or crypto: ${floor.ms.toFixed(0)} ms`);

    // A phone's link: 1.6 Mbit/s down and up, 100 ms a request (Chromium's own emulation).
    const cdp = await device.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 200_000, uploadThroughput: 200_000 });
    const slow = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.firstPull());
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    console.log(`  the same at 1.6 Mbit/s + 100 ms a request: ${slow.cases} cases in ${slow.ms.toFixed(0)} ms (≈ ${((slow.ms / slow.cases) * 10_000 / 1000).toFixed(1)} s per 10,000)`);
    // A cheap phone: the page's CPU slowed 4× (Chromium's emulation; the server is not slowed).
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const throttled = await profiled(device.context, page, () => page.evaluate(() => (window as unknown as { bench: Bench }).bench.firstPull('pull-cpu4')));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    console.log(`  the same with the CPU slowed 4×: ${throttled.cases} cases in ${throttled.ms.toFixed(0)} ms (≈ ${((throttled.ms / throttled.cases) * 10_000 / 1000).toFixed(1)} s per 10,000)  [budget 4 s per 10,000]`);

    const wire = async (encoding: 'identity' | 'gzip' | 'br') => {
      const clientId = uuidv7();
      return wirePull(server.url, (await signIn(clientId)).token, clientId, encoding);
    };
    const [plain, gz, br] = [await wire('identity'), await wire('gzip'), await wire('br')];
    const perCase = (w: { bytes: number; cases: number }) => `${Math.round(w.bytes / w.cases)} B`;
    console.log(`bytes on the wire a case (town's first pull, ${plain.cases} cases, ${plain.changes} changes): raw ${perCase(plain)}, gzip ${perCase(gz)}, brotli ${perCase(br)}  [PouchDB's published figure: 256 B a document]`);
    // The server alone (a node client reading page after page, nothing written): what of a
    // device's pull is the server's. Brotli is what a browser asks for.
    const per10k = (w: { ms: number; cases: number }) => `${((w.ms / w.cases) * 10_000).toFixed(0)} ms per 10,000`;
    console.log(`  the server serving that pull to a node client, pages in turn: raw ${plain.ms.toFixed(0)} ms (${per10k(plain)}), gzip ${gz.ms.toFixed(0)} ms, brotli ${br.ms.toFixed(0)} ms (${per10k(br)})`);

    // History: cases edited five times each still reach a new device as one change per case.
    const edited = creates.slice(0, HISTORY_CASES).map((m) => (m.name === 'case.create' ? m.args.record : undefined)).filter((r) => r !== undefined);
    for (let edit = 1; edit <= EDITS; edit++) {
      await pushAll(edited.map((r) => seeder.patch(r.id, { 'private.place': { base: edit === 1 ? r.private.place : `第${edit - 1}次`, next: `第${edit}次` } })));
    }
    const logRows = await server.store.read.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).where('town_code', '=', '150523100').executeTakeFirstOrThrow();
    const [histPlain, histBr] = [await wire('identity'), await wire('br')];
    console.log(`history: ${edited.length.toLocaleString('en')} cases edited ${EDITS} times — a new device pulls ${histPlain.changes.toLocaleString('en')} changes for ${histPlain.cases.toLocaleString('en')} cases (the log holds ${Number(logRows.n).toLocaleString('en')} rows): ${(histPlain.bytes / 1048576).toFixed(1)} MB raw, ${(histBr.bytes / 1048576).toFixed(1)} MB brotli`);
  } finally {
    await device.close();
    await server.close();
  }
}

/** 10,000 cases of ~1.7 KB in the demo town, pushed the way phones push them (also sync-ab.ts). */
export async function seedTown(url: string) {
  // A session works for the device it was opened on only (issue #12): each device signs in.
  const signIn = async (clientId: string) => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhen', password: 'shuohe-2023', clientId }) });
    return (await login.json()) as { token: string; me: { user: { id: string } } };
  };
  const seederId = uuidv7();
  const { token, me } = await signIn(seederId);
  const seeder = new Device(me.user.id, seederId);
  const villages = ['150523100200', '150523100201', '150523100202', '150523100203'];
  const creates = Array.from({ length: 10_000 }, (_, i) => {
    const record = caseRecord(villages[i % villages.length] as string);
    return seeder.create({ ...record, private: { ...record.private, facts: '因宅基地界址发生争执，双方多次协商未果。'.repeat(12) } });
  });
  const pushAll = async (mutations: typeof creates) => {
    for (let i = 0; i < mutations.length; i += PUSH_BATCH) {
      const res = await fetch(`${url}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(seeder.request(mutations.slice(i, i + PUSH_BATCH))) });
      if (!res.ok) throw new Error(`seeding push: ${res.status} ${await res.text()}`);
    }
  };
  await pushAll(creates);
  return { signIn, seeder, creates, pushAll };
}
