// A digest of every server table, to prove that a refused request changed nothing at all.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../../src/server/store/open.ts';

const tables = [
  'sync_clock', 'sync_clients', 'devices', 'mutation_log', 'change_log', 'cases', 'events', 'review_items', 'users', 'sessions',
  'case_numbers', 'areas', 'committees',
];

const canonical = (row: Record<string, unknown>): string =>
  JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k] === null ? null : String(row[k])]));

export async function fingerprint(store: Store): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
    const lines = rows.rows.map(canonical).sort();
    result[table] = `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return result;
}
