// Opens the database: an SQLite file under DATA_DIR by default, PostgreSQL when a postgres:// URL
// is given, with the same migrations and one query code path. What differs is how a write
// transaction is made commit-ordered (sync.md §2.3), and that lives here, behind `write`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { DB } from './schema.ts';
import { migrations } from './migrations.ts';
import { sqliteReaders } from './sqlite-readers.ts';

/** Reader threads: as many as the township server's two cores, beside the main thread's writer. */
const READERS = 2;

export interface Store {
  kind: 'sqlite' | 'postgres';
  /** Single statements outside a push (sessions, devices, seeding). */
  db: Kysely<DB>;
  /** Plain reads. On SQLite connections on worker threads, so reads never queue behind a push nor hold the event loop. */
  read: Kysely<DB>;
  /**
   * One serialized write transaction. SQLite: BEGIN IMMEDIATE on the single writer connection.
   * PostgreSQL: READ COMMITTED with explicit row locks, retried on serialization failures and
   * deadlocks. `fn` may run more than once, so it must keep its state inside.
   */
  write<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** A read-only transaction over one consistent snapshot (REPEATABLE READ on PostgreSQL). */
  snapshot<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type StoreOptions = { databaseUrl: string } | { dataDir: string };

export async function openStore(options: StoreOptions): Promise<Store> {
  const store = 'databaseUrl' in options ? openPostgres(options.databaseUrl) : openSqlite(options.dataDir);
  await migrate(store.db);
  return store;
}

async function migrate(db: Kysely<DB>): Promise<void> {
  // Parallel branches number their migrations in separate ranges; a database that already ran a
  // later number must still take an earlier one that lands after it.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'shuohe.sqlite');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  // FULL: a push the server has acknowledged must survive a power cut (NORMAL may lose it).
  writer.pragma('synchronous = FULL');
  writer.pragma('busy_timeout = 5000');
  writer.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: writer }) });
  // The reader is opened lazily, after migrations have created the file's tables and WAL.
  let reader: Kysely<DB> | undefined;
  // On worker threads (sqlite-readers.ts), so a long read never holds the event loop.
  const read = (): Kysely<DB> => {
    reader ??= sqliteReaders<DB>(file, READERS);
    return reader;
  };
  return {
    kind: 'sqlite',
    db,
    get read() {
      return read();
    },
    // Kysely's SQLite driver has one connection guarded by a mutex; holding it for the whole
    // callback plus BEGIN IMMEDIATE makes writers strictly one at a time, so a seq taken inside
    // is in commit order.
    write: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          try {
            await sql`rollback`.execute(conn);
          } catch {
            // The failed statement may already have ended the transaction; report the first error.
          }
          throw error;
        }
      }),
    snapshot: (fn) => read().transaction().execute(fn),
    async close() {
      await reader?.destroy();
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
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
          return await db.transaction().setIsolationLevel('read committed').execute(fn);
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
