// `node --import tsx test/bench/idcard-ab.ts <baseline dist>`: the OCR worker of two builds read
// the same generated card fronts, interleaved (A B A B …) on one page's thread at 1× and at 4×
// CDP CPU throttle, so the machine's load (shared, 2 cores) hits both alike. Prints each build's
// median seconds and its front-field accuracy (lines parsed by the same parser as the panel).
// The current build is ./dist (or E2E_DIST); the baseline is any earlier `vite build --outDir`.
// IDCARD_CARDS (default 12) sizes the run.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { openDevice } from '../e2e/browser.ts';
import { startAppServer } from '../e2e/app-server.ts';
import { makeCards, photograph } from '../id-card/cards.ts';
import { parseIdCardFront } from '../../src/shared/id-card/parse-front.ts';

const FIELDS = ['name', 'gender', 'ethnicity', 'birthDate', 'address', 'idNumber'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const baseDist = process.argv[2];
if (!baseDist) throw new Error('usage: idcard-ab.ts <baseline dist dir>');
const count = Number(process.env.IDCARD_CARDS ?? 12);

const workerOf = (dir: string) => {
  const f = readdirSync(join(dir, 'assets')).find((x) => /^worker-.*\.js$/.test(x));
  if (!f) throw new Error(`no OCR worker in ${dir}`);
  return f;
};

const server = await startAppServer({ demo: false, counties: ['150523'] });
const device = await openDevice();
try {
  // Both builds' assets side by side (content-hashed names: no clashes).
  const workerB = workerOf(server.distDir);
  const workerA = workerOf(baseDist);
  cpSync(join(baseDist, 'assets'), join(server.distDir, 'assets'), { recursive: true, force: false });
  const cards = makeCards(count, Number(process.env.IDCARD_SEED ?? 2026), process.env.IDCARD_MILD === '1');
  const photos: Buffer[] = [];
  for (const c of cards) photos.push(await photograph(device.context, c.person, 'front', c.distortion, c.seed));
  const page: Page = await device.context.newPage();
  page.setDefaultTimeout(240_000);
  await page.goto(`${server.url}/me`);
  // Each worker bundle sets `self.onmessage` on import: keep each handler under its own name (the
  // query makes a build compared with itself load twice, as a control for the method).
  for (const [name, file] of [['A', workerA], ['B', workerB]] as const) {
    await page.evaluate(`(async () => {
      await import(${JSON.stringify(`/assets/${file}?${name}`)});
      window['ocr' + ${JSON.stringify(name)}] = window.onmessage;
      window.onmessage = null;
    })()`);
  }
  const read = (which: 'A' | 'B', photo: Buffer): Promise<{ seconds: number; lines: string[]; timings?: Record<string, number> }> =>
    page.evaluate(`(async () => {
      const b64 = ${JSON.stringify(photo.toString('base64'))};
      const started = performance.now();
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
      const reply = await new Promise((resolve) => {
        addEventListener('message', function done(e) {
          const kind = e.data && e.data.kind;
          if (kind !== 'lines' && kind !== 'error') return;
          removeEventListener('message', done);
          resolve(e.data);
        });
        window['ocr' + ${JSON.stringify(which)}]({ data: { id: 1, kind: 'read', image: bitmap, side: 'front' } });
      });
      if (reply.kind === 'error') throw new Error(reply.message);
      return { seconds: (performance.now() - started) / 1000, lines: reply.lines, timings: reply.timings };
    })()`);
  // Warm-up: download and compile both.
  await read('A', photos[0] ?? Buffer.alloc(0));
  await read('B', photos[0] ?? Buffer.alloc(0));
  const cdp = await device.context.newCDPSession(page);
  for (const rate of (process.env.IDCARD_RATES ?? '1,4').split(',').map(Number)) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const times: Record<'A' | 'B', number[]> = { A: [], B: [] };
    const right: Record<'A' | 'B', Record<string, number>> = { A: {}, B: {} };
    const stages: Record<string, number[]> = {};
    for (const [i, photo] of photos.entries()) {
      const order: ('A' | 'B')[] = i % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
      for (const which of order) {
        const r = await read(which, photo);
        times[which].push(r.seconds);
        if (which === 'B') for (const [k, v] of Object.entries(r.timings ?? {})) (stages[k] ??= []).push(v);
        const got = parseIdCardFront(r.lines);
        const want = cards[i]?.person;
        for (const f of FIELDS) if (want && got[f].value === want[f]) right[which][f] = (right[which][f] ?? 0) + 1;
        const wrong = FIELDS.filter((f) => want && got[f].value !== want[f]);
        if (process.env.IDCARD_VERBOSE && wrong.length > 0) console.log(`${which} #${i} ${r.seconds.toFixed(2)} s, wrong ${wrong.map((f) => `${f} want ${want?.[f]} got ${got[f].value}`).join('; ')}: ${JSON.stringify(r.lines)}`);
      }
    }
    const acc = (w: 'A' | 'B') => FIELDS.map((f) => `${f} ${right[w][f] ?? 0}/${count}`).join(', ');
    console.log(`${rate}×: A (baseline) median ${median(times.A).toFixed(2)} s; B (this build) median ${median(times.B).toFixed(2)} s; load ${loadavg()[0]?.toFixed(2)}`);
    console.log(`   A: ${acc('A')}`);
    console.log(`   B: ${acc('B')}`);
    console.log(`   B stages (median ms): ${Object.entries(stages).map(([k, v]) => `${k} ${median(v).toFixed(0)}`).join(', ')}`);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
} finally {
  await device.close();
  await server.close();
}
