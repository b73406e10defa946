// Group commit for the SQLite writer (issue #13). Every write transaction ends in an fsync
// (synchronous=FULL), and SQLite has one writer: 500 phones pushing at once were 500 fsyncs in a
// row, and the last phone waited for all of them (push p99 ≈ the whole run). Here the writes that
// queued up while one transaction ran go together into the next: one BEGIN IMMEDIATE, each write
// inside its own SAVEPOINT (a write that fails is rolled back alone and its caller gets its
// error), one COMMIT, one fsync. A caller hears of its write only after that COMMIT, so nothing
// is acknowledged before it is durable; the writes run one after another in queue order, so a
// server_seq taken inside is still in commit order (sync.md §2.3), and a pull's snapshot sees all
// of a group or none of it.
import { sql, type Kysely } from 'kysely';
import { afterCommit } from './write-watch.ts';

/** Writes in one group at most: bounds how long the first of them waits for its COMMIT. */
const MAX_GROUP = 64;

interface Queued<DB> {
  fn: (tx: Kysely<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function groupCommit<DB>(db: Kysely<DB>): <T>(fn: (tx: Kysely<DB>) => Promise<T>) => Promise<T> {
  const queue: Queued<DB>[] = [];
  let running = false;

  async function runGroup(group: Queued<DB>[]): Promise<void> {
    await db.connection().execute(async (conn) => {
      try {
        await sql`begin immediate`.execute(conn);
        const outcomes: Outcome[] = [];
        for (const item of group) {
          await sql`savepoint write`.execute(conn);
          try {
            const value = await item.fn(conn);
            await sql`release write`.execute(conn);
            outcomes.push({ ok: true, value });
          } catch (error) {
            outcomes.push({ ok: false, error });
            await sql`rollback to write`.execute(conn);
            await sql`release write`.execute(conn);
          }
        }
        await sql`commit`.execute(conn);
        afterCommit();
        outcomes.forEach((o, i) => (o.ok ? group[i]?.resolve(o.value) : group[i]?.reject(o.error)));
      } catch (error) {
        // BEGIN, a savepoint or COMMIT itself failed (a full disk, a broken file): nothing of
        // the group is kept, and every caller hears so.
        await sql`rollback`.execute(conn).catch(() => undefined);
        for (const item of group) item.reject(error);
      }
    });
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) await runGroup(queue.splice(0, MAX_GROUP));
    } finally {
      running = false;
    }
  }

  return <T>(fn: (tx: Kysely<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      void drain();
    });
}
