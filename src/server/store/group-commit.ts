// Group commit for the SQLite writer (issue #13). Every write transaction ends in an fsync
// (synchronous=FULL), and SQLite has one writer: 500 phones pushing at once were 500 fsyncs in a
// row, and the last phone waited for all of them (push p99 ≈ the whole run). Here the writes that
// queued up while one transaction ran go together into the next: one BEGIN IMMEDIATE, each write
// inside its own SAVEPOINT (a write that fails is rolled back alone and its caller gets its
// error), one COMMIT, one fsync. A caller hears of its write only after that COMMIT, so nothing
// is acknowledged before it is durable; the writes run one after another in queue order, so a
// server_seq taken inside is still in commit order (sync.md §2.3), and a pull's snapshot sees all
// of a group or none of it.
//
// A write is either a function of this thread, whose statements each go to the writer's worker,
// or an op the worker runs itself (a whole push, sync/thread-ops.ts). Ops queued next to each
// other go in one message, with the group's BEGIN and COMMIT when they open or close it: a group
// of pushes is one message there and one back.
import { sql, type Kysely } from 'kysely';
import { afterCommit, bumpWriteGeneration } from './write-watch.ts';
import type { OpHook, OpOutcome, OpsMessage, OpsReply } from './sqlite-workers.ts';
import { fromRemote } from '../http/thread-errors.ts';

/** Writes in one group at most: bounds how long the first of them waits for its COMMIT. */
const MAX_GROUP = 64;

type Queued<DB> = {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
} & ({ fn: (tx: Kysely<DB>) => Promise<unknown>; op?: undefined; hook?: undefined } | { op: unknown; hook?: (info: unknown) => Promise<void>; fn?: undefined });

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommit<DB> {
  write<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** An op of the writer's thread; `hook` answers its request to run a test hook before COMMIT. */
  op<T>(op: unknown, hook?: (info: unknown) => Promise<void>): Promise<T>;
}

/** Ops are sent with `runOps` while the group holds the writer's connection. */
export type RunOps = (message: OpsMessage, hook?: OpHook) => Promise<OpsReply>;

export function groupCommit<DB>(db: Kysely<DB>, runOps?: RunOps): GroupCommit<DB> {
  const queue: Queued<DB>[] = [];
  let running = false;

  async function runGroup(group: Queued<DB>[]): Promise<void> {
    await db.connection().execute(async (conn) => {
      let begun = false;
      let committed = false;
      let moved = false;
      const outcomes: Outcome[] = [];
      try {
        for (let i = 0; i < group.length; ) {
          const item = group[i] as Queued<DB>;
          if (item.fn) {
            if (!begun) await sql`begin immediate`.execute(conn);
            begun = true;
            outcomes.push(await inSavepoint(conn, item.fn));
            i++;
            continue;
          }
          // A run of ops: one message, opening the transaction and committing it when it can.
          let end = i;
          while (end < group.length && group[end]?.op !== undefined) end++;
          const run = group.slice(i, end);
          if (!runOps) throw new Error('this store runs no writer ops');
          const hook: OpHook = async (index, info) => run[index]?.hook?.(info);
          const reply = await runOps({ ops: run.map((q) => q.op), begin: !begun, commit: end === group.length }, hook);
          begun = true;
          committed = end === group.length;
          moved ||= reply.moved;
          for (const outcome of reply.outcomes) outcomes.push(revived(outcome));
          i = end;
        }
        if (!committed) await sql`commit`.execute(conn);
        afterCommit();
        // A write of the worker that may change a cached answer (write-watch.ts), seen there.
        if (moved) bumpWriteGeneration();
        outcomes.forEach((o, i) => (o.ok ? group[i]?.resolve(o.value) : group[i]?.reject(o.error)));
      } catch (error) {
        // BEGIN, a savepoint or COMMIT itself failed (a full disk, a broken file): nothing of
        // the group is kept, and every caller hears so.
        // (The worker may have opened it in a message that then failed: a ROLLBACK with none open is harmless.)
        if (!committed) await sql`rollback`.execute(conn).catch(() => undefined);
        if (moved) bumpWriteGeneration();
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

  const enqueue = <T>(item: Omit<Queued<DB>, 'resolve' | 'reject'>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ ...item, resolve: resolve as (value: unknown) => void, reject } as Queued<DB>);
      void drain();
    });

  return {
    write: <T>(fn: (tx: Kysely<DB>) => Promise<T>) => enqueue<T>({ fn }),
    op: <T>(op: unknown, hook?: (info: unknown) => Promise<void>) => enqueue<T>({ op, ...(hook ? { hook } : {}) }),
  };
}

async function inSavepoint<DB>(conn: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<unknown>): Promise<Outcome> {
  await sql`savepoint write`.execute(conn);
  try {
    const value = await fn(conn);
    await sql`release write`.execute(conn);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to write`.execute(conn);
    await sql`release write`.execute(conn);
    return { ok: false, error };
  }
}

/** An op's outcome with its error as the op threw it (an ApiError stays one). */
function revived(outcome: OpOutcome): Outcome {
  return outcome.ok ? outcome : { ok: false, error: fromRemote(outcome.error) };
}
