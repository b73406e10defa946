// Long JavaScript on the server's main thread in turns (issue #13): while one request adds up
// roll-ups, every phone's sync waits. A loop calls `await pace()` between items; it gives the
// event loop a turn once the current turn has run for `ms` — by the clock, not by a count of
// items, so a slow item or a loaded machine does not make one turn longer.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long one turn may run before yielding: well under the 50 ms stall budget. */
export const TURN_MS = 10;

/** A pacer for one loop (its turn starts when made). */
export function pacer(ms = TURN_MS): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start < ms) return;
    await nextTurn();
    start = performance.now();
  };
}
