// A Kysely dialect over a better-sqlite3 connection of this same thread (issue #13). The SQLite
// writer's worker (sqlite-workers.ts) runs a whole push here: every statement of it is a call on
// the connection the worker already holds, not a message to another thread and a turn of the main
// event loop each. The statements are the worker's own prepared ones (`prepare` caches them), so
// a push's handful of statements are reused from one push to the next.
//
// No transaction handling: the worker has opened BEGIN IMMEDIATE and a savepoint around the code
// that uses this, and nothing else runs on the connection meanwhile.
import {
  Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type Driver, type KyselyPlugin, type QueryResult,
} from 'kysely';

/** The part of a better-sqlite3 statement this needs. */
export interface LocalStatement {
  readonly reader: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number };
}

class LocalConnection implements DatabaseConnection {
  constructor(private readonly prepare: (sql: string) => LocalStatement) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.prepare(query.sql);
    if (stmt.reader) return { rows: stmt.all(query.parameters) as R[] };
    return { rows: [], numAffectedRows: BigInt(stmt.run(query.parameters).changes) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not offered on the writer thread');
  }
}

class LocalDriver implements Driver {
  private readonly connection: LocalConnection;

  constructor(prepare: (sql: string) => LocalStatement) {
    this.connection = new LocalConnection(prepare);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async releaseConnection(): Promise<void> {}
  async beginTransaction(): Promise<void> {
    throw new Error('the writer thread runs inside the transaction its worker opened');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('the writer thread runs inside the transaction its worker opened');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('the writer thread runs inside the transaction its worker opened');
  }
  async destroy(): Promise<void> {}
}

/** A Kysely over this thread's connection, through its cache of prepared statements. */
export function localSqlite<DB>(prepare: (sql: string) => LocalStatement, plugins: KyselyPlugin[] = []): Kysely<DB> {
  return new Kysely<DB>({
    plugins,
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new LocalDriver(prepare),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
