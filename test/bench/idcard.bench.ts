// `npm run bench idcard`: 扫描身份证's accuracy and speed over generated ID-card photos (front and
// back; test/id-card/cards.ts), read through the real scan panel in Chromium at 360×740 — OCR
// worker, models and parser as a mediator gets them. Prints per-field exact-match rates and the
// seconds per side at 1× and 4× CPU throttle (CDP Emulation.setCPUThrottlingRate).
// IDCARD_CARDS (default 60) and IDCARD_THROTTLED (cards timed at 4×, default 10) size the run.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
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

    // 4× CPU throttle on the page's renderer (the worker's thread included, see the note printed).
    const cdp = await device.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const throttled: number[] = [];
    for (const ph of photos.slice(0, throttledCount)) {
      throttled.push((await scanSide(page, 'front', ph.front)).seconds);
      await reopenScan(page);
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const load2 = loadavg();

    const pct = (n: number) => `${((n / count) * 100).toFixed(1)} %`;
    console.log(`cards: ${count} people, front and back each (seed 2026), rotation ≤ 15°, blur, uneven light, JPEG noise`);
    for (const f of [...FRONT, ...BACK]) {
      console.log(`  ${f.padEnd(11)} exact ${pct(right[f]).padStart(8)}  (${right[f]}/${count}; right but marked 请核对: ${doubtfulWhenRight[f]})`);
    }
    console.log(`  idNumber passing its check digit: ${pct(numberChecked)}`);
    console.log(`time per side at 1×: front median ${median(times.front).toFixed(2)} s, p90 ${p90(times.front).toFixed(2)} s; back median ${median(times.back).toFixed(2)} s`);
    console.log(`time per front at 4× throttle (${throttled.length} cards): median ${median(throttled).toFixed(2)} s, p90 ${p90(throttled).toFixed(2)} s`);
    console.log(`load average (1/5/15 min): before ${load0.map((x) => x.toFixed(2)).join(' ')}; after 1× ${load1.map((x) => x.toFixed(2)).join(' ')}; after 4× ${load2.map((x) => x.toFixed(2)).join(' ')}`);
    if (misses.length > 0) console.log(`first misses:\n  ${misses.join('\n  ')}`);
  } finally {
    await device.close();
    await server.close();
  }
}
