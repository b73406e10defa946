// Lighthouse (mobile, simulated throttling) on the public guide pages and the app's first screen,
// against the real server and Debian's Chromium. Lighthouse 12.8.2 (13 needs Node 22) is fetched
// by npx at bench time rather than installed with the project: it is a measuring tool, not a
// dependency. Prints the median of 3 runs per page with the range: the machine is shared, and
// simulated throttling multiplies whatever CPU time another process takes from the page by 4.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppServer } from '../e2e/app-server.ts';

const pages = ['/guides', '/guides/caili-fanhuan', '/guides/xianglin-guanxi', '/help', '/'];
const categories = ['performance', 'accessibility', 'best-practices'] as const;

// Async on purpose: the server runs in this process and must answer while Lighthouse loads pages.
type Scores = Record<(typeof categories)[number], number>;
/** What moves the performance score, read from the same report. */
interface Timings { fcp: number; lcp: number; tbt: number; cls: number }

async function audit(url: string): Promise<Scores & Timings> {
  const out = join(mkdtempSync(join(tmpdir(), 'shuohe-lh-')), 'report.json');
  await promisify(execFile)('npx', ['-y', 'lighthouse@12.8.2', url, '--output=json', `--output-path=${out}`, '--form-factor=mobile',
    `--only-categories=${categories.join(',')}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic'],
  { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { categories: Record<string, { score: number }>; audits: Record<string, { numericValue?: number }> };
  const scores = Object.fromEntries(categories.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)])) as Scores;
  const value = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
  return { ...scores, fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'), tbt: value('total-blocking-time'), cls: value('cumulative-layout-shift') };
}

/**
 * Lighthouse sometimes fails to record a trace (NO_NAVSTART, a Chromium timing race, not the page):
 * such a run is tried again, twice at most, and said so; any other failure stops the bench.
 */
async function auditRetried(url: string): Promise<Scores & Timings> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(url);
    } catch (e) {
      if (attempt >= 3 || !String((e as { stdout?: string; message?: string }).message).includes('NO_NAVSTART')) throw e;
      console.log(`  (${url}: Lighthouse recorded no trace (NO_NAVSTART); run again)`);
    }
  }
}

/** The 1-minute load average: the score's total blocking time part follows it (see the header). */
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function lighthouseBench(): Promise<void> {
  // The pages of this checkout, not whatever dist/ an earlier build left (a production build: under
  // an inherited NODE_ENV=test Vite would make a dev build).
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: new URL('../..', import.meta.url).pathname, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  const server = await startAppServer();
  try {
    for (const path of pages) {
      const runs: (Scores & Timings)[] = [];
      const loads: string[] = [];
      for (let i = 0; i < 3; i++) {
        loads.push(load());
        runs.push(await auditRetried(server.url + path));
      }
      const scores = categories
        .map((c) => {
          const xs = runs.map((r) => r[c]);
          return `${c} ${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`;
        })
        .join(', ');
      const ms = (k: 'fcp' | 'lcp' | 'tbt') => Math.round(median(runs.map((r) => r[k])));
      console.log(`${path.padEnd(26)} ${scores}  [budget 95 each]`);
      console.log(`${''.padEnd(26)} median FCP ${ms('fcp')} ms, LCP ${ms('lcp')} ms, TBT ${ms('tbt')} ms, CLS ${median(runs.map((r) => r.cls)).toFixed(3)}; load ${loads.join(', ')}`);
    }
  } finally {
    await server.close();
  }
}
