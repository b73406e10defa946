// `npm run bench idcard`: 扫描身份证's accuracy and speed over generated ID-card photos (front and
// back; test/id-card/cards.ts), read through the real scan panel in Chromium at 360×740 — OCR
// worker, models and parser as a mediator gets them. Prints per-field exact-match rates and the
// seconds per side through the panel, and the OCR's seconds at 1× and 4× CPU throttle (CDP
// Emulation.setCPUThrottlingRate, which reaches a page's thread but not a worker's).
// IDCARD_CARDS (default 60) and IDCARD_THROTTLED (cards timed at 4×, default 10) size the run.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDevice } from '../e2e/browser.ts';
import { startAppServer } from '../e2e/app-server.ts';
import { setUpProfile, waitForOfflineReady } from '../e2e/flows.ts';
import { makeCards, photograph, type CardPerson } from '../id-card/cards.ts';
import { openScan, reopenScan, scanSide } from '../id-card/scan-steps.ts';
import { isValidIdNumber } from '../../src/shared/id-number.ts';

const root = new URL('../..', import.meta.url).pathname;
const FRONT = ['name', 'gender', 'ethnicity', 'birthDate', 'address', 'idNumber'] as const;
const BACK = ['idIssuer', 'idValidity'] as const;
type Field = (typeof FRONT)[number] | (typeof BACK)[number];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;

export async function idCardBench(): Promise<void> {
  const count = Number(process.env.IDCARD_CARDS ?? 60);
  const throttledCount = Number(process.env.IDCARD_THROTTLED ?? 10);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  const server = await startAppServer({ demo: false, counties: ['150523'] });
  const device = await openDevice();
  try {
    const page = await device.context.newPage();
    page.setDefaultTimeout(60_000);
    await setUpProfile(page, server.url);
    await waitForOfflineReady(page);
    await openScan(page);

    const cards = makeCards(count, 2026);
    const photos: { front: Buffer; back: Buffer; person: CardPerson }[] = [];
    for (const c of cards) {
      photos.push({
        person: c.person,
        front: await photograph(device.context, c.person, 'front', c.distortion, c.seed),
        back: await photograph(device.context, c.person, 'back', c.distortion, c.seed + 1),
      });
    }
    const load0 = loadavg();
    // Warm-up: the first scan downloads and compiles the models; it is not timed.
    await scanSide(page, 'front', photos[0]?.front ?? Buffer.alloc(0));
    await reopenScan(page);

    const right: Record<Field, number> = { name: 0, gender: 0, ethnicity: 0, birthDate: 0, address: 0, idNumber: 0, idIssuer: 0, idValidity: 0 };
    const doubtfulWhenRight: Record<Field, number> = { ...right };
    let numberChecked = 0;
    const times: { front: number[]; back: number[] } = { front: [], back: [] };
    const misses: string[] = [];
    for (const [i, ph] of photos.entries()) {
      const front = await scanSide(page, 'front', ph.front);
      const back = await scanSide(page, 'back', ph.back);
      times.front.push(front.seconds);
      times.back.push(back.seconds);
      const got = { ...front.fields, ...back.fields };
      const doubtful = new Set([...front.doubtful, ...back.doubtful]);
      if (isValidIdNumber(got.idNumber ?? '')) numberChecked++;
      for (const f of [...FRONT, ...BACK]) {
        const ok = (got[f] ?? '') === ph.person[f];
        if (ok) right[f]++;
        if (ok && doubtful.has(f)) doubtfulWhenRight[f]++;
        if (!ok && misses.length < 40) misses.push(`#${i} ${f}: want ${ph.person[f]} got ${got[f] ?? '(none)'}`);
      }
      await reopenScan(page);
    }
    const load1 = loadavg();

    const pct = (n: number) => `${((n / count) * 100).toFixed(1)} %`;
    console.log(`cards: ${count} people, front and back each (seed 2026), rotation ≤ 15°, blur, uneven light, JPEG noise`);
    for (const f of [...FRONT, ...BACK]) {
      console.log(`  ${f.padEnd(11)} exact ${pct(right[f]).padStart(8)}  (${right[f]}/${count}; right but marked 请核对: ${doubtfulWhenRight[f]})`);
    }
    console.log(`  idNumber passing its check digit: ${pct(numberChecked)}`);
    console.log(`time per side at 1×: front median ${median(times.front).toFixed(2)} s, p90 ${p90(times.front).toFixed(2)} s; back median ${median(times.back).toFixed(2)} s`);
    // CDP's CPU throttle reaches pages only ("Operation is only supported for pages, not
    // workers"), so the 1×/4× comparison runs the very same worker bundle on a page's own thread:
    // its message handler is taken off `self` and called directly.
    const workerFile = readdirSync(join(server.distDir, 'assets')).find((f) => /^worker-.*\.js$/.test(f));
    if (!workerFile) throw new Error('no OCR worker in the build');
    const direct = await device.context.newPage();
    await direct.goto(`${server.url}/me`);
    // A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
    const readOnPage = (photo: Buffer): Promise<number> =>
      direct.evaluate(`(async () => {
        if (!window.ocrHandler) {
          await import(${JSON.stringify(`/assets/${workerFile}`)});
          window.ocrHandler = window.onmessage;
          window.onmessage = null;
        }
        const b64 = ${JSON.stringify(photo.toString('base64'))};
        const started = performance.now();
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
        await new Promise((resolve) => {
          addEventListener('message', function done(e) {
            const kind = e.data && e.data.kind;
            if (kind !== 'lines' && kind !== 'error') return;
            removeEventListener('message', done);
            resolve();
          });
          window.ocrHandler({ data: { id: 1, kind: 'read', image: bitmap, side: 'front' } });
        });
        return (performance.now() - started) / 1000;
      })()`);
    const onPage = (list: typeof photos) => list.reduce<Promise<number[]>>(async (acc, ph) => [...(await acc), await readOnPage(ph.front)], Promise.resolve([]));
    await readOnPage(photos[0]?.front ?? Buffer.alloc(0));
    const sample = photos.slice(0, throttledCount);
    const plain = await onPage(sample);
    const cdp = await device.context.newCDPSession(direct);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const throttled = await onPage(sample);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const load2 = loadavg();

    console.log(
      `OCR of a front on a page's thread (${sample.length} cards; CDP throttles pages, not workers): ` +
        `1× median ${median(plain).toFixed(2)} s, p90 ${p90(plain).toFixed(2)} s; 4× median ${median(throttled).toFixed(2)} s, p90 ${p90(throttled).toFixed(2)} s`,
    );
    console.log(`load average after the 4× runs: ${load2.map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`load average (1/5/15 min): before ${load0.map((x) => x.toFixed(2)).join(' ')}; after 1× ${load1.map((x) => x.toFixed(2)).join(' ')}; after 4× ${load2.map((x) => x.toFixed(2)).join(' ')}`);
    if (misses.length > 0) console.log(`first misses:\n  ${misses.join('\n  ')}`);
  } finally {
    await device.close();
    await server.close();
  }
}
