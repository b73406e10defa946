// A PostgreSQL connection resting in the pool can be ended by the database at any time (a restart,
// a failover, an administrator's pg_terminate_backend). The server must log it and carry on: an
// unheard pool error is an uncaught exception that would stop it (CI once saw one at teardown).
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { closeTestStores, openTestStore } from '../support/stores.ts';

afterAll(closeTestStores);
afterEach(() => vi.restoreAllMocks());

describe('PostgreSQL: an idle connection ended by the database', () => {
  it('is logged, and the next query runs on a fresh connection', async () => {
    const store = await openTestStore('postgres');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Two queries at once leave two connections resting in the pool.
    await Promise.all([sql`select pg_sleep(0.2)`.execute(store.db), sql`select pg_sleep(0.2)`.execute(store.db)]);
    const ended = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(store.db);
    expect(ended.rows[0]?.n).toBeGreaterThanOrEqual(1);
    await expect.poll(() => logged.mock.calls.map((c) => String(c[0])).find((line) => line.includes('postgres.idleConnectionLost')), { timeout: 30_000 }).toBeDefined();
    const again = await sql<{ one: number }>`select 1 as one`.execute(store.db);
    expect(again.rows).toEqual([{ one: 1 }]);
  });
});
