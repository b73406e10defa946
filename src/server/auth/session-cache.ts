// Sessions looked up once for a few seconds rather than on every request (issue #13). A phone's
// sync is a push and one or more pull pages, each asking who holds its token (the revoked-device
// check of accounts-wipe.ts, then requireAuth): 4–7 round trips to a SQLite worker per request,
// a third of the main thread's work with 500 phones syncing at once.
//
// A cached entry is trusted only while nothing that could change it has been written by this
// process (store/write-watch.ts: revoking a session or a device, disabling an account, changing
// committees or area codes all move the counter), so a revocation made here takes effect on the
// very next request. A write by another process (the account CLI on the same file, a second
// server on the same PostgreSQL) takes effect within TTL_MS. Expiry is checked on every use.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { writeGeneration } from '../store/write-watch.ts';
import type { Principal } from './principal.ts';
import { hashToken, principalOf, sessionAt, sessionRow, type SessionLookup, type SessionRow } from './sessions.ts';

export const TTL_MS = 2000;
/** Entries kept at most (a county's phones are a few thousand); past it the cache starts over. */
const MAX_ENTRIES = 20_000;

interface Entry {
  at: number;
  generation: number;
  row: SessionRow | undefined;
  principal: Principal | undefined;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Lookups under way, so concurrent requests with one token share one. */
  private readonly inFlight = new Map<string, { generation: number; lookup: Promise<Entry> }>();

  constructor(private readonly db: () => Kysely<DB>) {}

  private async entry(token: string): Promise<Entry> {
    const hash = hashToken(token);
    const known = this.entries.get(hash);
    if (known && known.generation === writeGeneration() && performance.now() - known.at < TTL_MS) return known;
    // Joined only when nothing was written since it started: otherwise it may have read the old row.
    const running = this.inFlight.get(hash);
    if (running && running.generation === writeGeneration()) return running.lookup;
    // Taken before reading: a write that lands during the lookup leaves this entry stale at once.
    const generation = writeGeneration();
    const lookup = (async () => {
      const at = performance.now();
      const db = this.db();
      const row = await sessionRow(db, hash);
      const entry = { at, generation, row, principal: await principalOf(db, row) };
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(hash, entry);
      return entry;
    })();
    const flight = { generation, lookup };
    this.inFlight.set(hash, flight);
    try {
      return await lookup;
    } finally {
      if (this.inFlight.get(hash) === flight) this.inFlight.delete(hash);
    }
  }

  /** The session's row, whatever its state (accounts-wipe.ts asks about revoked ones too). */
  async row(token: string): Promise<SessionRow | undefined> {
    return (await this.entry(token)).row;
  }

  /** As findSession: the principal of a live, unexpired session. */
  async find(token: string, now: Date): Promise<SessionLookup> {
    const { row, principal } = await this.entry(token);
    return sessionAt(row, principal, now);
  }
}
