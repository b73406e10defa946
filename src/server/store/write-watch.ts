// A counter that moves whenever this process writes something a cached answer may depend on
// (issue #13). Every sync request used to look up its session, its account, its device, its
// committees and the server's epoch — 6–8 round trips to a SQLite worker per request, a third of
// the main thread's work with 500 phones syncing. These rarely change, so they are cached in
// memory (auth/session-cache.ts) and trusted only while this counter stays where it was.
//
// The plugin sees every statement sent through the store's connections (Kysely builders and raw
// sql`` alike) before it runs. Writes to the tables a push writes — and only to them — leave the
// counter alone; any other write (a session revoked, an account disabled, a device revoked, a
// committee changed, a backup restored, a migration) moves it. An unknown table moves it too: a
// table added later can only cost a cache miss, never a stale answer.
import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

let generation = 0;

/** The current write generation; a cached value taken at another generation is stale. */
export function writeGeneration(): number {
  return generation;
}

/** Moves the counter (a test or a restore that replaced the database under the store). */
export function bumpWriteGeneration(): void {
  generation++;
}

/**
 * Tables the sync hot path writes that no cached answer reads. sync_clients is here for its
 * cursors and last seq; an update that sets `revoked` (or a delete) moves the counter (below).
 */
const HOT = new Set([
  'cases', 'change_log', 'mutation_log', 'sync_clock', 'case_numbers', 'devices', 'events', 'review_items', 'alerts',
  'screenings', 'referrals', 'stat_totals', 'stat_totals_stale', 'stat_cells', 'stat_case_keys', 'stat_cells_state', 'sync_clients',
]);

/** sync_clients columns a push or pull sets; anything else (revoked) moves the counter. */
const CLIENT_COLUMNS = new Set(['last_seq', 'last_seen_at', 'pull_cursor', 'snapshot_seq', 'user_agent']);

const tableName = (node: OperationNode | undefined): string | undefined => {
  if (!node) return undefined;
  const n = node as { kind: string; table?: { identifier?: { name?: string } }; node?: OperationNode };
  if (n.kind === 'TableNode') return n.table?.identifier?.name;
  if (n.kind === 'AliasNode') return tableName(n.node);
  return undefined;
};

const RAW_WRITE = /^\s*(insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+"?(\w+)"?/i;
const RAW_READ = /^\s*(select|with\s|begin|commit|rollback|savepoint|release|pragma|explain)/i;

/** True when running `node` may change what a cached answer says. */
export function movesCaches(node: RootOperationNode): boolean {
  const n = node as unknown as {
    kind: string; into?: OperationNode; table?: OperationNode; from?: { froms: OperationNode[] }; with?: unknown;
    updates?: readonly { column: { column?: { name?: string } } }[]; sqlFragments?: readonly string[];
  };
  switch (n.kind) {
    case 'SelectQueryNode':
      return false;
    case 'InsertQueryNode': {
      const table = tableName(n.into);
      return n.with !== undefined || table === undefined || !HOT.has(table);
    }
    case 'UpdateQueryNode': {
      const table = tableName(n.table);
      if (n.with !== undefined || table === undefined || !HOT.has(table)) return true;
      return table === 'sync_clients' && (n.updates ?? []).some((u) => !CLIENT_COLUMNS.has(u.column.column?.name ?? ''));
    }
    case 'DeleteQueryNode': {
      const tables = (n.from?.froms ?? []).map(tableName);
      return n.with !== undefined || tables.some((t) => t === undefined || t === 'sync_clients' || !HOT.has(t));
    }
    case 'RawNode': {
      const text = (n.sqlFragments ?? []).join('?');
      if (RAW_READ.test(text)) return false;
      const table = RAW_WRITE.exec(text)?.[2]?.toLowerCase();
      return table === undefined || table === 'sync_clients' || !HOT.has(table);
    }
    default:
      // Schema changes, merges, anything new: assume the worst.
      return true;
  }
}

/** A write that moves the counter ran and its transaction has not yet committed. */
let uncommitted = false;

/**
 * Called after each COMMIT of a write transaction: a lookup made between the write and its
 * COMMIT still read the old row, so the counter moves once more and that lookup is dropped.
 */
export function afterCommit(): void {
  if (!uncommitted) return;
  uncommitted = false;
  generation++;
}

/** Moves the counter before a write that may change a cached answer runs, and again after it. */
export class WriteWatch implements KyselyPlugin {
  private readonly moving = new WeakSet<object>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (movesCaches(args.node)) {
      generation++;
      uncommitted = true;
      this.moving.add(args.queryId);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Again once it ran (an autocommit statement is committed now); inside a transaction it is
    // only visible at COMMIT, when afterCommit moves it once more.
    if (this.moving.has(args.queryId)) generation++;
    return args.result;
  }
}
