// With PROFILE_DIR set, a bench step runs with Chromium's CPU profiler (CDP Profiler) listening:
// the page brackets what it times with console.profile(title) / console.profileEnd(title), and
// each such profile is written there as <title>.cpuprofile (open it in DevTools, or summarise it
// with `node --import tsx test/bench/profile-summary.ts file`). Without PROFILE_DIR nothing
// listens and console.profile costs nothing; the printed figures come from runs without it.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export async function profiled<T>(context: BrowserContext, page: Page, step: () => Promise<T>): Promise<T> {
  const dir = process.env.PROFILE_DIR;
  if (!dir) return step();
  mkdirSync(dir, { recursive: true });
  const cdp = await context.newCDPSession(page);
  cdp.on('Profiler.consoleProfileFinished', ({ title, profile }) => {
    writeFileSync(join(dir, `${title ?? 'profile'}.cpuprofile`), JSON.stringify(profile));
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  try {
    return await step();
  } finally {
    await cdp.detach();
  }
}
