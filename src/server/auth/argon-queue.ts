// argon2 is slow on purpose (~50–100 ms of a core each). Every login, password change and new
// account runs it here: at most two at a time, at most 32 waiting. A burst beyond that is
// answered 503 auth.busy at once instead of queueing without bound, so 300 logins cannot take
// both cores and the thread pool away from sync and the rest of the API.
import { ApiError } from '../http/errors.ts';

export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most run at once so far (tests read it). */
  peak = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `work` when a slot is free; throws 503 auth.busy when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new ApiError(503, 'auth.busy');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.peak = Math.max(this.peak, this.running);
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export const argonQueue = new WorkQueue(2, 32);
