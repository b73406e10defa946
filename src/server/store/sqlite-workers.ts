// SQLite connections on worker threads (issue #13). better-sqlite3 runs every statement — and
// every COMMIT's fsync — synchronously on the calling thread, so on the main thread a county
// roll-up over 150,000 cases (~1 s), a 1,000-change pull page or a slow disk's fsync holds the
// event loop: every push and every other phone waits behind it. Here each connection lives in
// its own worker; the main thread only posts the SQL and its parameters and awaits the rows.
// A connection is held by one Kysely connection at a time, so a transaction (BEGIN … COMMIT)
// runs on one worker: the writer's BEGIN IMMEDIATE keeps writes one at a time as before, and a
// read transaction (store.snapshot) sees one WAL snapshot.
//
// The worker's code is evaluated from a string rather than loaded from a file: the server runs
// from TypeScript sources (tsx, vitest) and as one esbuild bundle, and a worker file would need a
// different path in each. It loads better-sqlite3 from the path resolved here.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterCommit } from './write-watch.ts';
import {
  CompiledQuery, Kysely, type KyselyPlugin, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings,
} from 'kysely';

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const statements = new Map();
// A big result goes in slices, each sent when the main thread asks for it (see SLICE below).
const rest = new Map();
const SLICE = workerData.slice;
const sendRows = (id, rows, from) => {
  const more = rows.length > from + SLICE;
  if (more) rest.set(id, rows);
  else rest.delete(id);
  parentPort.postMessage({ id, rows: from === 0 && !more ? rows : rows.slice(from, from + SLICE), ...(more ? { next: from + SLICE } : {}) });
};
parentPort.on('message', ({ id, sql, parameters, next }) => {
  if (next !== undefined) return sendRows(id, rest.get(id), next);
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (statements.size >= 500) statements.clear();
      statements.set(sql, stmt);
    }
    // Bytes arrive as Uint8Array (structured clone); better-sqlite3 binds Buffers.
    const values = parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
    if (stmt.reader) sendRows(id, stmt.all(values), 0);
    else parentPort.postMessage({ id, rows: [], changes: stmt.run(values).changes });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/**
 * Rows a reply carries at most. Taking a message off the port deserialises it whole on the main
 * thread: a live roll-up of a big town (15,000 group rows) was a 100–200 ms stall. Slices (a few
 * ms each to take in on a quiet machine) are asked for one at a time, so other requests run
 * between them.
 */
const SLICE = 1000;

interface Reply {
  id: number;
  rows?: unknown[];
  /** More rows follow from this index: ask for them. */
  next?: number;
  changes?: number;
  error?: { message: string; code?: string };
}

/** One worker with its own connection to the database file. */
class WorkerConnection implements DatabaseConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  /** Slices of a big result received so far. */
  private readonly partial = new Map<number, unknown[]>();
  private nextId = 1;

  constructor(file: string, driver: string, pragmas: readonly string[]) {
    this.worker = new Worker(workerSource, { eval: true, workerData: { file, driver, pragmas, slice: SLICE } });
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (reply.next !== undefined && waiting) {
        const rows = this.partial.get(reply.id) ?? [];
        for (const row of reply.rows ?? []) rows.push(row);
        this.partial.set(reply.id, rows);
        // The next slice after a turn of the event loop, not in this one.
        setImmediate(() => this.worker.postMessage({ id: reply.id, next: reply.next }));
        return;
      }
      const earlier = this.partial.get(reply.id);
      this.partial.delete(reply.id);
      this.pending.delete(reply.id);
      if (earlier) for (const row of reply.rows ?? []) earlier.push(row);
      waiting?.resolve(earlier ? { ...reply, rows: earlier } : reply);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`SQLite worker exited (${code})`)));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
    if (reply.error) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return { rows: (reply.rows ?? []) as R[], ...(reply.changes !== undefined ? { numAffectedRows: BigInt(reply.changes) } : {}) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not offered by the SQLite workers');
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** A Kysely driver over a few connection workers; a caller waits when all are busy. */
class WorkersDriver implements Driver {
  private readonly idle: WorkerConnection[] = [];
  private readonly all: WorkerConnection[] = [];
  private readonly waiting: ((c: WorkerConnection) => void)[] = [];

  constructor(private readonly file: string, private readonly count: number, private readonly pragmas: readonly string[]) {}

  async init(): Promise<void> {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    for (let i = 0; i < this.count; i++) {
      const connection = new WorkerConnection(this.file, driver, this.pragmas);
      this.all.push(connection);
      this.idle.push(connection);
    }
  }

  acquireConnection(): Promise<DatabaseConnection> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const next = this.waiting.shift();
    if (next) next(connection as WorkerConnection);
    else this.idle.push(connection as WorkerConnection);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
    afterCommit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    await Promise.all(this.all.map((c) => c.close()));
  }
}

/** `count` connections to `file`, each on its own worker thread, opened with `pragmas`. */
export function sqliteOnWorkers<DB>(file: string, count: number, pragmas: readonly string[], plugins: KyselyPlugin[] = []): Kysely<DB> {
  return new Kysely<DB>({
    plugins,
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new WorkersDriver(file, count, pragmas),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
