// Opens the database: an SQLite file under DATA_DIR by default, PostgreSQL when a postgres:// URL
// is given, with the same migrations and one query code path. What differs is how a write
// transaction is made commit-ordered (sync.md §2.3), and that lives here, behind `write`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import type { DB } from './schema.ts';
import { migrations } from './migrations.ts';
import { sqliteReaders, sqliteWriter, type OpsModule, type OpsReply, type Readers } from './sqlite-workers.ts';
import { groupCommit } from './group-commit.ts';
import { afterCommit, WriteWatch } from './write-watch.ts';
import { fromRemote } from '../http/thread-errors.ts';
import { bundleForWorker } from './worker-bundle.ts';
import type { ReaderOp, WriterOp } from '../sync/thread-ops.ts';

/** SQLite reader threads: as many as the township server's two cores (the writer has its own). */
const READERS = 2;

export interface Store {
  kind: 'sqlite' | 'postgres';
  /** Single statements outside a push (sessions, devices, seeding). */
  db: Kysely<DB>;
  /** Plain reads. On SQLite other connections (sqlite-workers.ts), so reads never queue behind a push. */
  read: Kysely<DB>;
  /**
   * One serialized write transaction. SQLite: BEGIN IMMEDIATE on the single writer connection.
   * PostgreSQL: READ COMMITTED with explicit row locks, retried on serialization failures and
   * deadlocks. `fn` may run more than once, so it must keep its state inside.
   */
  write<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * SQLite only: an operation the writer's own thread runs whole (a push: sync/thread-ops.ts), in
   * the group commit like `write`. `hook` runs a test's hook before its COMMIT (deps.ts PushHooks).
   */
  writerOp?<T>(op: WriterOp, hook?: (info: { clientId: string; serverSeq: number }) => Promise<void>): Promise<T>;
  /** SQLite only: an operation a reader's thread runs whole, in one read transaction (a pull's page). */
  readerOp?<T>(op: ReaderOp): Promise<T>;
  /** SQLite: loads the writer thread's code (writerOp) ahead of the first push. */
  preload?(): void;
  /** A read-only transaction over one consistent snapshot (REPEATABLE READ on PostgreSQL). */
  snapshot<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type StoreOptions = { databaseUrl: string } | { dataDir: string };

export async function openStore(options: StoreOptions): Promise<Store> {
  const store = 'databaseUrl' in options ? openPostgres(options.databaseUrl) : openSqlite(options.dataDir);
  await migrate(store.db);
  store.preload?.();
  return store;
}

async function migrate(db: Kysely<DB>): Promise<void> {
  // Parallel branches number their migrations in separate ranges; a database that already ran a
  // later number must still take an earlier one that lands after it.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/**
 * The writer's operations: in the server's build, the bundle `npm run build:server` puts beside
 * index.js; run from the TypeScript sources (tsx, vitest), a bundle of them made on first use.
 */
const fromSource = import.meta.url.endsWith('.ts');
const threadOps = fromSource
  ? () => bundleForWorker(new URL('../sync/thread-ops.ts', import.meta.url).href)
  : async () => new URL('./thread-ops.js', import.meta.url).href;
const writerOps: OpsModule = { url: threadOps, entry: 'writerThread' };
const readerOps: OpsModule = { url: threadOps, entry: 'readerThread' };

/** The one op's result of a reply, or its error as the op threw it. */
function only<T>(reply: OpsReply): T {
  const outcome = reply.outcomes[0];
  if (!outcome) throw new Error('an op came back without its outcome');
  if (!outcome.ok) throw fromRemote(outcome.error);
  return outcome.value as T;
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'shuohe.sqlite');
  // FULL: a push the server has acknowledged must survive a power cut (NORMAL may lose it).
  const writer = sqliteWriter<DB>(file, ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000', 'foreign_keys = ON'], [new WriteWatch()], writerOps);
  const { db } = writer;
  const group = groupCommit(db, writer.runOps);
  // The readers are opened lazily, after migrations have created the file's tables and WAL.
  let readers: Readers<DB> | undefined;
  const reading = (): Readers<DB> => {
    readers ??= sqliteReaders<DB>(file, READERS, ['busy_timeout = 5000', 'query_only = 1'], readerOps);
    return readers;
  };
  const read = (): Kysely<DB> => reading().db;
  return {
    kind: 'sqlite',
    db,
    get read() {
      return read();
    },
    // The writer is one connection (one worker); writes take it one group at a time, each group
    // in one BEGIN IMMEDIATE … COMMIT (group-commit.ts), so a seq taken inside is in commit order.
    write: group.write,
    writerOp: (op, hook) => group.op(op, hook as ((info: unknown) => Promise<void>) | undefined),
    readerOp: async (op) => only(await reading().runOps({ ops: [op], begin: false, commit: false })),
    preload: () => writer.preload(),
    snapshot: (fn) => read().transaction().execute(fn),
    async close() {
      await readers?.close();
      await db.destroy();
    },
  };
}

// int8 (counts, seqs) and numeric (sums) come back from pg as strings; the values here stay far
// below 2^53, so numbers make both databases answer alike.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Serialization failure, deadlock, and a unique key raced by a concurrent first insert. */
const retryable = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 10;

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes });
  // An idle connection the database ends (a restart, a failover, pg_terminate_backend) is reported
  // here; unheard, it would be an uncaught exception and stop the server. The pool has already
  // dropped the connection and opens a fresh one for the next query.
  pool.on('error', (error) => {
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'postgres.idleConnectionLost', message: error.message }));
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new WriteWatch()] });
  return {
    kind: 'postgres',
    db,
    read: db,
    async write(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          // Not REPEATABLE READ: every push ends by waiting for the clock row, and at RR that
          // wait would end in 40001 for all but one writer. Every row a decision depends on is
          // read FOR UPDATE instead, so READ COMMITTED cannot invalidate it.
          const result = await db.transaction().setIsolationLevel('read committed').execute(fn);
          afterCommit();
          return result;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !retryable.has(code)) throw error;
        }
      }
    },
    snapshot: (fn) => db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn),
    close: () => db.destroy(),
  };
}
