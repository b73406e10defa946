// Interleaved probe of the IndexedDB floor under a first pull: 10,000 case rows written in pages
// by index set (full = the four indexes before Dexie version 80, one = [tab+updatedAt]), row
// shape (wide = a sealed case's clear fields, slim = only the indexed ones beside a payload
// grown by the rest, packed = the clear fields JSON-packed in the timing) and durability, a
// fresh browser profile for each run (as a new install). Numbers, not assertions:
// `VARIANTS=full/wide/default,one/wide/default ROUNDS=4 CPU=1 node --import tsx test/bench/device-floor-probe.ts`
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { build } from 'vite';
import { openDevice } from '../e2e/browser.ts';

const root = new URL('../..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'floor-probe-'));
await build({ root: join(root, 'test/bench/device-floor-probe'), logLevel: 'warn', configFile: false, base: '/', build: { outDir: out, emptyOutDir: true } });
const server = createServer((req, res) => {
  const path = join(out, req.url === '/' ? 'index.html' : ((req.url ?? '').split('?')[0] as string));
  try {
    const body = readFileSync(path);
    res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const variants = (process.env.VARIANTS ?? 'full/wide/default,one/packed/default').split(',');
const rounds = Number(process.env.ROUNDS ?? 3);
const rate = Number(process.env.CPU ?? 1);
const n = Number(process.env.N ?? 10000);
const res: Record<string, number[]> = {};
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...variants].reverse() : variants;
  for (const v of order) {
    const device = await openDevice();
    const page = await device.context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.title === 'ready');
    if (rate !== 1) {
      const cdp = await device.context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    }
    const [schema, shape, dur, ps] = v.split('/');
    const ms = await page.evaluate(([a, b, c, d, e]) => (window as unknown as { probe: { run(...x: unknown[]): Promise<number> } }).probe.run(a, b, c, d, e), [schema, shape, dur, n, Number(ps ?? 1000)] as const);
    (res[v] ??= []).push(ms);
    await device.close();
  }
}
for (const [v, xs] of Object.entries(res)) console.log(v.padEnd(36), xs.map((x) => x.toFixed(0)).join(' '), ' median', [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]?.toFixed(0));
server.close();
rmSync(out, { recursive: true, force: true });
