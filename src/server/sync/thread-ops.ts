// What the SQLite writer's worker thread runs itself (issue #13). A push used to be ~15
// statements, each posted from the main thread to the writer and awaited — a turn of the main
// event loop each, shared with every other phone's request: with 500 phones syncing, pushes
// queued on those turns, not on the disk. Here the main thread sends the push's text and who sent
// it (one message), and this thread parses and checks it, runs the whole transaction on its own
// connection (store/local-driver.ts: each statement a direct call) and sends back the answer's
// JSON text (one message). The same code runs on PostgreSQL's path in the main thread (push.ts).
//
// Loaded in the worker by store/sqlite-workers.ts (from the sources through tsx, or from the
// build's thread-ops.js), which calls writerThread() once with its connection's statement cache.
// Rejections are stored with their Chinese sentence: the whole catalogue, as app.ts loads it.
import '../../shared/i18n/later.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { localSqlite, type LocalStatement } from '../store/local-driver.ts';
import type { OpOutcome, OpsMessage, OpsReply } from '../store/sqlite-workers.ts';
import { WriteWatch, writeGeneration } from '../store/write-watch.ts';
import { toRemote } from '../http/thread-errors.ts';
import { pushAnswer, pushWithin, readPush, type PushDone, type PushJob } from './push.ts';
import { deviceReportOf, writeDeviceReport, type DeviceReportRow } from './device-report.ts';
import { pullWithin, type PullJob } from './pull.ts';

export type WriterOp =
  | { kind: 'push'; job: PushJob }
  /** A pull's device report (a push's own is written with the push). */
  | { kind: 'deviceReport'; row: DeviceReportRow };

/** What a reader's thread runs: the read part of a pull, in one snapshot (pull.ts). */
export type ReaderOp = { kind: 'pull'; job: PullJob };

interface ThreadEnv {
  /** The worker's cached prepared statement for `sql`. */
  prepare(sql: string): LocalStatement;
  /** Asks the main thread to run the hook of op `index` of message `id`, and waits for it. */
  hook(id: number, index: number, info: unknown): Promise<void>;
}

/** The handler of one OpsMessage: each op in a savepoint, between the BEGIN and COMMIT asked for. */
export function writerThread(env: ThreadEnv): (message: OpsMessage & { id: number }) => Promise<OpsReply> {
  const base = localSqlite<DB>(env.prepare);
  const watch = new WriteWatch();
  // A Kysely of its own for each op: caches kept per transaction object (stats/month-locks.ts)
  // must not outlive the op that read them.
  const fresh = () => base.withPlugin(watch);
  const exec = (sql: string) => env.prepare(sql).run([]);
  const savepoint = async (fn: () => Promise<unknown>): Promise<OpOutcome> => {
    exec('savepoint op');
    try {
      const value = await fn();
      exec('release op');
      return { ok: true, value };
    } catch (error) {
      exec('rollback to op');
      exec('release op');
      return { ok: false, error: toRemote(error) };
    }
  };

  return async (message) => {
    const before = writeGeneration();
    const outcomes: OpOutcome[] = [];
    try {
      if (message.begin) exec('begin immediate');
      for (const [index, op] of (message.ops as WriterOp[]).entries()) {
        if (op.kind === 'deviceReport') {
          outcomes.push(await savepoint(() => writeDeviceReport(fresh(), op.row)));
          continue;
        }
        let report: DeviceReportRow | undefined;
        outcomes.push(await savepoint(async () => {
          const done = await pushOp(fresh(), op.job, (info) => env.hook(message.id, index, info));
          report = done.report;
          return done.done;
        }));
        // The 设备 list's line, in the same COMMIT; a report never makes the push fail.
        if (report) {
          const row = report;
          await savepoint(() => writeDeviceReport(fresh(), row));
        }
      }
      if (message.commit) exec('commit');
    } catch (error) {
      // A savepoint or the COMMIT itself failed: nothing of the group stays (group-commit.ts).
      try {
        exec('rollback');
      } catch {
        // none open
      }
      throw error;
    }
    return { outcomes, moved: writeGeneration() !== before };
  };
}

async function pushOp(db: Kysely<DB>, job: PushJob, hook: (info: unknown) => Promise<void>): Promise<{ done: PushDone; report: DeviceReportRow | undefined }> {
  const { parsed, body } = readPush(job.text, job.principal, job.ownDevice);
  const hooks = job.hook ? { beforeCommit: hook } : {};
  const { response, page } = await pushWithin(db, false, parsed, job.principal, job.userAgent, job.now, hooks);
  return {
    done: { json: pushAnswer(response, page), clientId: parsed.clientId, cursor: parsed.cursor },
    report: deviceReportOf(body, job.principal.userId, new Date(job.now)),
  };
}

/**
 * The handler of a reader's OpsMessage: each pull in its own read transaction (one WAL snapshot),
 * so a page and the clock and device it is cut by agree.
 */
export function readerThread(env: ThreadEnv): (message: OpsMessage & { id: number }) => Promise<OpsReply> {
  const base = localSqlite<DB>(env.prepare);
  const exec = (sql: string) => env.prepare(sql).run([]);
  return async (message) => {
    const outcomes: OpOutcome[] = [];
    for (const op of message.ops as ReaderOp[]) {
      exec('begin');
      try {
        outcomes.push({ ok: true, value: await pullWithin(base.withoutPlugins(), op.job) });
      } catch (error) {
        outcomes.push({ ok: false, error: toRemote(error) });
      } finally {
        exec('commit');
      }
    }
    return { outcomes, moved: false };
  };
}
