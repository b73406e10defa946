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
import { fromRemote } from '../http/thread-errors.ts';
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
const prepare = (sql) => {
  let stmt = statements.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (statements.size >= 500) statements.clear();
    statements.set(sql, stmt);
  }
  return stmt;
};
// The writer's own operations (a whole push: sync/thread-ops.ts), loaded at the first one from
// the module each ops message names (store/open.ts: the server's build, or a bundle of the sources).
let ops;
const loadOps = (module) => (ops ??= import(module).then((m) => m[workerData.entry]({ db, prepare, hook })));
// An operation waiting for the main thread (a test's hook before COMMIT).
const hooks = new Map();
const hook = (id, index, info) => new Promise((resolve, reject) => {
  hooks.set(id, { resolve, reject });
  parentPort.postMessage({ id, hook: { index, info } });
});
const errorOf = (error) => ({ message: String(error && error.message), code: error && error.code });
// A big result goes in slices, each sent when the main thread asks for it (see SLICE below).
const rest = new Map();
const SLICE = workerData.slice;
const sendRows = (id, rows, from) => {
  const more = rows.length > from + SLICE;
  if (more) rest.set(id, rows);
  else rest.delete(id);
  parentPort.postMessage({ id, rows: from === 0 && !more ? rows : rows.slice(from, from + SLICE), ...(more ? { next: from + SLICE } : {}) });
};
parentPort.on('message', (message) => {
  const { id, sql, parameters, next } = message;
  if (next !== undefined) return sendRows(id, rest.get(id), next);
  if (message.hookDone) {
    const waiting = hooks.get(id);
    hooks.delete(id);
    if (message.hookDone.error) waiting.reject(new Error(message.hookDone.error));
    else waiting.resolve();
    return;
  }
  if (message.ops) {
    loadOps(message.module).then((run) => run(message)).then(
      (reply) => parentPort.postMessage({ id, ...reply }),
      (error) => parentPort.postMessage({ id, error: errorOf(error) }),
    );
    return;
  }
  try {
    const stmt = prepare(sql);
    // Bytes arrive as Uint8Array (structured clone); better-sqlite3 binds Buffers.
    const values = parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
    if (stmt.reader) sendRows(id, stmt.all(values), 0);
    else parentPort.postMessage({ id, rows: [], changes: stmt.run(values).changes });
  } catch (error) {
    parentPort.postMessage({ id, error: errorOf(error) });
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

/** An error as it crosses from a worker: plain data (thread-ops.ts adds an ApiError's fields). */
export interface RemoteError {
  message: string;
  code?: string;
  api?: { status: number; code: string; params?: unknown; details?: unknown };
}

/**
 * One message of the writer's own operations (sync/thread-ops.ts): each op in its own savepoint,
 * optionally opening the group's transaction first and committing it after.
 */
export interface OpsMessage {
  ops: unknown[];
  begin: boolean;
  commit: boolean;
}

export type OpOutcome = { ok: true; value: unknown } | { ok: false; error: RemoteError };

export interface OpsReply {
  outcomes: OpOutcome[];
  /** An op wrote something a cached answer may depend on (write-watch.ts, in the worker). */
  moved: boolean;
}

/** An op asks the main thread to run a test's hook (deps.ts PushHooks) before its COMMIT. */
export type OpHook = (index: number, info: unknown) => Promise<void>;

interface Reply extends Partial<OpsReply> {
  id: number;
  rows?: unknown[];
  /** More rows follow from this index: ask for them. */
  next?: number;
  changes?: number;
  error?: RemoteError;
  hook?: { index: number; info: unknown };
}

/** Where a worker finds its operations (sync/thread-ops.ts). */
export interface OpsModule {
  /** A file URL of the JavaScript module, asked for at the first ops message. */
  url(): Promise<string>;
  /** Its export that makes the handler: writerThread or readerThread. */
  entry: 'writerThread' | 'readerThread';
}

/** One worker with its own connection to the database file. */
class WorkerConnection implements DatabaseConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; hook?: OpHook }>();
  /** Slices of a big result received so far. */
  private readonly partial = new Map<number, unknown[]>();
  private nextId = 1;
  private readonly ops: OpsModule | null;

  constructor(file: string, driver: string, pragmas: readonly string[], ops: OpsModule | null) {
    this.ops = ops;
    this.worker = new Worker(workerSource, { eval: true, workerData: { file, driver, pragmas, slice: SLICE, entry: ops?.entry } });
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (reply.hook && waiting) {
        const { index, info } = reply.hook;
        const hook = waiting.hook ?? (async () => undefined);
        hook(index, info).then(
          () => this.worker.postMessage({ id: reply.id, hookDone: {} }),
          (error: unknown) => this.worker.postMessage({ id: reply.id, hookDone: { error: String((error as Error)?.message ?? error) } }),
        );
        return;
      }
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

  /** The writer's own operations, one message there and back (see OpsMessage). */
  async runOps(message: OpsMessage, hook?: OpHook): Promise<OpsReply> {
    if (!this.ops) throw new Error('this SQLite connection runs no ops');
    const module = await this.ops.url();
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(hook ? { hook } : {}) });
      this.worker.postMessage({ id, module, ...message });
    });
    if (reply.error) throw fromRemote(reply.error);
    return { outcomes: reply.outcomes ?? [], moved: reply.moved ?? false };
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
  readonly all: WorkerConnection[] = [];
  private readonly waiting: ((c: WorkerConnection) => void)[] = [];

  constructor(
    private readonly file: string, private readonly count: number, private readonly pragmas: readonly string[], private readonly ops: OpsModule | null,
  ) {}

  private opened: Promise<void> | undefined;

  /** Opens the workers once, whether Kysely's first query or an op asks first. */
  init(): Promise<void> {
    this.opened ??= (async () => {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      for (let i = 0; i < this.count; i++) {
        const connection = new WorkerConnection(this.file, driver, this.pragmas, this.ops);
        this.all.push(connection);
        this.idle.push(connection);
      }
    })();
    return this.opened;
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

/** Connections that also run the ops of `ops` on their threads (the readers: a pull each). */
export interface Readers<DB> {
  db: Kysely<DB>;
  /** Runs ops on the first free connection, waiting like any query when all are busy. */
  runOps(message: OpsMessage): Promise<OpsReply>;
  /** Ends the workers (also when only ops used them, which Kysely's destroy does not know of). */
  close(): Promise<void>;
}

/** `count` connections to `file`, each on its own worker thread, opened with `pragmas`. */
export function sqliteReaders<DB>(file: string, count: number, pragmas: readonly string[], ops: OpsModule): Readers<DB> {
  const { db, driver } = onWorkers<DB>(file, count, pragmas, [], ops);
  return {
    db,
    async runOps(message) {
      const d = driver();
      // The pool opens on its first query; an op may come first.
      await d.init();
      const connection = (await d.acquireConnection()) as WorkerConnection;
      try {
        return await connection.runOps(message);
      } finally {
        await d.releaseConnection(connection);
      }
    },
    async close() {
      await db.destroy();
      await driver().destroy();
    },
  };
}

/** The single writer connection, which also runs the operations of `ops` on its own thread. */
export interface Writer<DB> {
  db: Kysely<DB>;
  /**
   * Sends ops to the writer's worker. Only while the caller holds the connection
   * (`db.connection().execute`): the ops run on it, between the caller's own statements.
   */
  runOps(message: OpsMessage, hook?: OpHook): Promise<OpsReply>;
  /** Loads the ops' code in the worker now, so the first push does not wait for it. Runs no SQL. */
  preload(): void;
}

export function sqliteWriter<DB>(file: string, pragmas: readonly string[], plugins: KyselyPlugin[], ops: OpsModule): Writer<DB> {
  const { db, driver } = onWorkers<DB>(file, 1, pragmas, plugins, ops);
  return {
    db,
    runOps(message, hook) {
      const connection = driver().all[0];
      if (!connection) return Promise.reject(new Error('the SQLite writer is not open yet'));
      return connection.runOps(message, hook);
    },
    preload() {
      // An empty message: the worker loads the module and answers, running no SQL, so it needs
      // no hold on the connection. Only once the connection is open (after the migrations).
      driver().all[0]?.runOps({ ops: [], begin: false, commit: false }).catch(() => undefined);
    },
  };
}

function onWorkers<DB>(file: string, count: number, pragmas: readonly string[], plugins: KyselyPlugin[], ops: OpsModule | null) {
  let driver: WorkersDriver | undefined;
  const db = new Kysely<DB>({
    plugins,
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => (driver = new WorkersDriver(file, count, pragmas, ops)),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  return {
    db,
    driver: () => {
      if (!driver) throw new Error('the SQLite driver is not made yet');
      return driver;
    },
  };
}
