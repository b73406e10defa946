// Lighthouse (mobile, simulated throttling) on the public guide pages and the app's first screen,
// against the real server and Debian's Chromium. Lighthouse 12.8.2 (13 needs Node 22) is fetched
// by npx at bench time rather than installed with the project: it is a measuring tool, not a
// dependency. Prints the median of 3 runs per page with the range: the machine is shared, and
// simulated throttling multiplies whatever CPU time another process takes from the page by 4.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppServer } from '../e2e/app-server.ts';

const pages = ['/guides', '/guides/caili-fanhuan', '/guides/xianglin-guanxi', '/help', '/'];
const categories = ['performance', 'accessibility', 'best-practices'] as const;

// Async on purpose: the server runs in this process and must answer while Lighthouse loads pages.
async function audit(url: string): Promise<Record<(typeof categories)[number], number>> {
  const out = join(mkdtempSync(join(tmpdir(), 'shuohe-lh-')), 'report.json');
  await promisify(execFile)('npx', ['-y', 'lighthouse@12.8.2', url, '--output=json', `--output-path=${out}`, '--form-factor=mobile',
    `--only-categories=${categories.join(',')}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic'],
  { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { categories: Record<string, { score: number }> };
  return Object.fromEntries(categories.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)])) as Record<(typeof categories)[number], number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function lighthouseBench(): Promise<void> {
  const server = await startAppServer();
  try {
    for (const path of pages) {
      const runs: Record<(typeof categories)[number], number>[] = [];
      for (let i = 0; i < 3; i++) runs.push(await audit(server.url + path));
      const scores = categories
        .map((c) => {
          const xs = runs.map((r) => r[c]);
          return `${c} ${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`;
        })
        .join(', ');
      console.log(`${path.padEnd(26)} ${scores}  [budget 95 each]`);
    }
  } finally {
    await server.close();
  }
}
