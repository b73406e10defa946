// Long loops on the server's main thread give the event loop a turn once a turn has run for a
// few ms (stats/pace.ts, issue #13): a callback queued by another request runs while the loop is
// still going, not after it.
import { expect, it } from 'vitest';
import { pacer } from '../../src/server/stats/pace.ts';

/** Holds the thread for `ms` (an item of work that takes that long). */
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* work */ }
};

it('a paced loop lets a waiting callback run between its items; without pace it waits for the end', async () => {
  const run = async (paced: boolean) => {
    const pace = pacer(10);
    let items = 0;
    let seenAfter: number | undefined;
    setImmediate(() => (seenAfter = items));
    for (let i = 0; i < 20; i++) {
      busy(3);
      items++;
      if (paced) await pace();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    return seenAfter;
  };
  // Paced: the other callback ran once ~10 ms of items had run, well before the 20th.
  expect(await run(true)).toBeLessThan(20);
  // Not paced: it ran only after the loop (what held the event loop for 100+ ms before).
  expect(await run(false)).toBe(20);
});

it('a loop shorter than a turn does not yield at all', async () => {
  const pace = pacer(10_000);
  let ran = false;
  setImmediate(() => (ran = true));
  for (let i = 0; i < 100; i++) await pace();
  expect(ran).toBe(false);
});
