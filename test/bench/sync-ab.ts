// A/B of the device's sync, interleaved under the same load: the bench page built from this
// tree (B) and from another commit (A, AB_REF, default main) run in turns in one Chromium against
// one server — push 1,000 cases with a PIN and a town's first pull of 10,000 — so a change is
// judged against its baseline measured in the same minutes, not against a figure from another
// day's load. `AB_REF=main ROUNDS=4 node --import tsx test/bench/sync-ab.ts`
import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { startAppServer } from '../e2e/app-server.ts';
import { openDevice } from '../e2e/browser.ts';
import { seedTown, type Bench } from './sync.bench.ts';

const ref = process.env.AB_REF ?? 'main';
const rounds = Number(process.env.ROUNDS ?? 4);
const root = new URL('../..', import.meta.url).pathname;
// Inside the tree so the copy resolves this tree's node_modules (ignored by git).
const base = join(root, '.bench-ab');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

rmSync(base, { recursive: true, force: true });
mkdirSync(base);
// Only the app's code differs: both run this tree's bench page (its timing must be the same).
execSync(`git archive ${ref} src | tar -x -C ${base}`, { cwd: root, stdio: 'inherit' });
cpSync(join(root, 'test/bench/device-page'), join(base, 'test/bench/device-page'), { recursive: true });
const server = await startAppServer();
const variants = { A: join(base, 'test/bench/device-page'), B: join(root, 'test/bench/device-page') };
for (const [name, dir] of Object.entries(variants)) {
  await build({ root: dir, logLevel: 'warn', configFile: false, base: `/bench-${name}/`, build: { outDir: join(server.distDir, `bench-${name}`), emptyOutDir: true } });
}
await seedTown(server.url);
const device = await openDevice();
const results: Record<string, { push: number[]; pushNet: number[]; pull: number[]; pullNet: number[]; floor: number[] }> = {};
try {
  const pages = Object.fromEntries(
    await Promise.all(
      Object.keys(variants).map(async (name) => {
        const page = await device.context.newPage();
        await page.goto(`${server.url}/bench-${name}/index.html`);
        await page.waitForFunction(() => document.title === 'ready');
        results[name] = { push: [], pushNet: [], pull: [], pullNet: [], floor: [] };
        return [name, page] as const;
      }),
    ),
  );
  console.log(`A = ${ref} (${execSync(`git rev-parse --short ${ref}`, { cwd: root }).toString().trim()}), B = this tree; ${rounds} rounds, order alternating`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
    for (const name of order) {
      const page = pages[name];
      const r = results[name];
      if (!page || !r) continue;
      const push = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.pushCases(1_000, true));
      const pull = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.firstPull());
      const floor = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.writeFloor(10_000));
      r.floor.push(floor.ms);
      r.push.push(push.ms);
      r.pushNet.push(push.network);
      r.pull.push((pull.ms / pull.cases) * 10_000);
      r.pullNet.push(pull.network);
      console.log(`round ${round + 1} ${name}: push 1,000 ${push.ms.toFixed(0)} ms (in flight ${push.network.toFixed(0)} ms), first pull ${pull.cases} cases ${pull.ms.toFixed(0)} ms = ${((pull.ms / pull.cases) * 10_000).toFixed(0)} ms per 10,000 (in flight ${pull.network.toFixed(0)} ms); IndexedDB floor (10,000 sealed-size rows, pages of 1,000) ${floor.ms.toFixed(0)} ms`);
    }
  }
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name} median: push 1,000 ${median(r.push).toFixed(0)} ms; first pull ${median(r.pull).toFixed(0)} ms per 10,000 (in flight ${median(r.pullNet).toFixed(0)} ms); IndexedDB floor ${median(r.floor).toFixed(0)} ms`);
  }
} finally {
  await device.close();
  await server.close();
  rmSync(base, { recursive: true, force: true });
}
