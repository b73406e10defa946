// A/B of the device's sync, interleaved under the same load: the bench page built from this
// tree (B) and from another commit (A, AB_REF, default main) run in turns in one Chromium against
// one server — push 1,000 cases with a PIN and a town's first pull of 10,000 — so a change is
// judged against its baseline measured in the same minutes, not against a figure from another
// day's load. `AB_REF=main ROUNDS=4 node --import tsx test/bench/sync-ab.ts`
// CPU=4 slows the page's CPU 4× (CDP) for the pull and the floor; PUSH=0 leaves the push out.
// Each round opens a new browser profile per variant: IndexedDB's LevelDB compacts what earlier
// steps wrote and deleted while later ones run, which made later rounds slower in one profile.
import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { startAppServer } from '../e2e/app-server.ts';
import { openDevice } from '../e2e/browser.ts';
import { seedTown, type Bench } from './sync.bench.ts';
import { profiled } from './profile.ts';

const ref = process.env.AB_REF ?? 'main';
const rounds = Number(process.env.ROUNDS ?? 4);
const cpu = Number(process.env.CPU ?? 1);
const withPush = process.env.PUSH !== '0';
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
  await build({ root: dir, logLevel: 'warn', configFile: false, base: `/bench-${name}/`, build: { outDir: join(server.distDir, `bench-${name}`), emptyOutDir: true, minify: !process.env.PROFILE_DIR } });
}
await seedTown(server.url);
const results: Record<string, { push: number[]; pushNet: number[]; pull: number[]; pullNet: number[]; floor: number[] }> = {};
try {
  console.log(`A = ${ref} (${execSync(`git rev-parse --short ${ref}`, { cwd: root }).toString().trim()}), B = this tree; ${rounds} rounds, order alternating; CPU ${cpu}×${withPush ? '' : ', no push'}`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
    for (const name of order) {
      const r = (results[name] ??= { push: [], pushNet: [], pull: [], pullNet: [], floor: [] });
      const device = await openDevice();
      try {
        const page = await device.context.newPage();
        await page.goto(`${server.url}/bench-${name}/index.html`);
        await page.waitForFunction(() => document.title === 'ready');
        const push = withPush ? await page.evaluate(() => (window as unknown as { bench: Bench }).bench.pushCases(1_000, true)) : undefined;
        if (cpu !== 1) await (await device.context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
        // PROFILE_DIR: each variant's pull profiled (the last round's kept), as pull-A / pull-B.
        const pull = await profiled(device.context, page, () => page.evaluate((title) => (window as unknown as { bench: Bench }).bench.firstPull(title), `pull-${name}`));
        const floor = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.writeFloor(10_000));
        r.floor.push(floor.ms);
        if (push) {
          r.push.push(push.ms);
          r.pushNet.push(push.network);
        }
        r.pull.push((pull.ms / pull.cases) * 10_000);
        r.pullNet.push(pull.network);
        const pushed = push ? `push 1,000 ${push.ms.toFixed(0)} ms (in flight ${push.network.toFixed(0)} ms), ` : '';
        console.log(`round ${round + 1} ${name}: ${pushed}first pull ${pull.cases} cases ${pull.ms.toFixed(0)} ms = ${((pull.ms / pull.cases) * 10_000).toFixed(0)} ms per 10,000 (in flight ${pull.network.toFixed(0)} ms); IndexedDB floor (10,000 sealed-size rows, pages of 1,000) ${floor.ms.toFixed(0)} ms`);
      } finally {
        await device.close();
      }
    }
  }
  for (const [name, r] of Object.entries(results)) {
    const pushed = r.push.length > 0 ? `push 1,000 ${median(r.push).toFixed(0)} ms; ` : '';
    console.log(`${name} median: ${pushed}first pull ${median(r.pull).toFixed(0)} ms per 10,000 (in flight ${median(r.pullNet).toFixed(0)} ms); IndexedDB floor ${median(r.floor).toFixed(0)} ms`);
  }
} finally {
  await server.close();
  rmSync(base, { recursive: true, force: true });
}
