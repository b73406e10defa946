// The login throttle (issue #12 hole 3). An attempt is RESERVED — counted as a failure — before
// argon2 runs, in the same synchronous step that checks the limits, so no number of parallel
// requests gets more evaluations than the limits allow; a right password then takes its
// reservation back. Limits within a sliding 15 minutes:
//   - one account from one network (IPv6 by /64): 5 failures, the 6th attempt is refused;
//   - one account from anywhere: 10 (20 addresses × 5 guesses each are throttled too);
//   - one network against any accounts: 20 (a spray of one guess at each of 150 accounts);
//   - the whole server: 300 (a botnet: everyone waits rather than argon2 running unbounded).
// In memory: one server process per county, and a restart forgetting it costs an attacker little.

export const WINDOW_MS = 15 * 60_000;
export const LIMITS = { accountNet: 5, account: 10, net: 20, global: 300 } as const;
const MAX_KEYS = 20_000;

type Scope = keyof typeof LIMITS;

/** A reserved attempt: give it back on success (it was not a failure) or when argon2 never ran. */
export interface Reservation {
  release(): void;
  /** A right password: the account's failures from this network are forgotten too. */
  succeed(): void;
}

export type GateAnswer = { ok: true; reservation: Reservation } | { ok: false; scope: Scope; minutes: number };

export class LoginGate {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = this.hits.get(key);
    if (!list) return [];
    const kept = list.filter((at) => at > since);
    if (kept.length === 0) this.hits.delete(key);
    else if (kept.length !== list.length) this.hits.set(key, kept);
    return kept;
  }

  private minutesLeft(list: number[], limit: number): number {
    const oldest = list[list.length - limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now()) / 60_000));
  }

  /** Checks every limit and, when all allow it, counts the attempt against each — synchronously. */
  reserve(username: string, net: string): GateAnswer {
    const account = username.toLowerCase();
    const keys: [Scope, string][] = [['accountNet', `an|${account}|${net}`], ['account', `a|${account}`], ['net', `n|${net}`], ['global', 'g']];
    for (const [scope, key] of keys) {
      const list = this.recent(key);
      if (list.length >= LIMITS[scope]) return { ok: false, scope, minutes: this.minutesLeft(list, LIMITS[scope]) };
    }
    const at = this.now();
    for (const [, key] of keys) this.hits.set(key, [...this.recent(key), at]);
    if (this.hits.size > MAX_KEYS) for (const key of [...this.hits.keys()]) this.recent(key);
    let settled = false;
    const release = () => {
      if (settled) return;
      settled = true;
      for (const [, key] of keys) {
        const list = this.hits.get(key);
        const i = list?.indexOf(at) ?? -1;
        if (list && i >= 0) list.splice(i, 1);
      }
    };
    return {
      ok: true,
      reservation: {
        release,
        succeed: () => {
          release();
          this.hits.delete(keys[0]?.[1] ?? '');
        },
      },
    };
  }
}
