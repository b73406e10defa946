// A sliding-window counter per key (client IP): at most `max` hits within `windowMs`. In memory,
// like the login limiter: one server process per county, and a restart forgetting it costs little.

const MAX_KEYS = 10_000;

export class WindowLimiter {
  private hits = new Map<string, number[]>();

  constructor(
    private readonly now: () => Date,
    private readonly windowMs: number,
    private readonly max: number,
  ) {}

  private recent(key: string): number[] {
    const since = this.now().getTime() - this.windowMs;
    const kept = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.hits.delete(key);
    else this.hits.set(key, kept);
    return kept;
  }

  /** Whether a hit would be allowed now (counts nothing). */
  canHit(key: string): boolean {
    return this.recent(key).length < this.max;
  }

  /** Counts a hit; false (and not counted) when the key is already at its limit. */
  hit(key: string): boolean {
    const recent = this.recent(key);
    if (recent.length >= this.max) return false;
    this.hits.set(key, [...recent, this.now().getTime()]);
    if (this.hits.size > MAX_KEYS) for (const other of [...this.hits.keys()]) this.recent(other);
    return true;
  }
}
