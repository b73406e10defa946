// Login throttling per account and client IP: after MAX_FAILURES wrong passwords within WINDOW,
// every attempt (even a right one) is refused until the oldest failure leaves the window.
// In memory: one server process per county, and a restart forgetting it costs an attacker little.

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  private recent(key: string): number[] {
    const since = this.now().getTime() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Minutes to wait, or 0 when an attempt is allowed. */
  blockedMinutes(key: string): number {
    const recent = this.recent(key);
    if (recent.length < MAX_FAILURES) return 0;
    const oldest = recent[recent.length - MAX_FAILURES] ?? this.now().getTime();
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now().getTime()) / 60_000));
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now().getTime()]);
    // A spray of made-up usernames must not grow the map without bound: drop stale keys.
    if (this.failures.size > MAX_KEYS) for (const other of [...this.failures.keys()]) this.recent(other);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
