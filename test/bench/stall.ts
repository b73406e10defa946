// The longest time the event loop was held during a bench (perf_hooks' delay monitor): while it
// is held, every other request — every phone's sync — waits. Budget: 50 ms (issue #13).
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const STALL_BUDGET_MS = 50;

export function watchStalls(): { stop(): number } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    /** The longest stall seen, in ms. */
    stop() {
      histogram.disable();
      return histogram.max / 1e6;
    },
  };
}

export const stallLine = (ms: number) => `longest event-loop stall: ${ms.toFixed(0)} ms  [budget ${STALL_BUDGET_MS} ms: ${ms <= STALL_BUDGET_MS ? 'ok' : 'OVER'}]`;
