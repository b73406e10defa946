// A digest of the tables an area import or a registry save may write (support/fingerprint.ts
// covers the sync tables), to prove that a refused or previewed request changed nothing.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../../src/server/store/open.ts';
import { fingerprint } from './fingerprint.ts';

const registryTables = ['areas', 'area_changes', 'committees', 'mediators', 'mediator_trainings', 'legal_persons', 'users', 'mediation_requests'];

export async function registryDigest(store: Store): Promise<Record<string, string>> {
  const result = await fingerprint(store);
  for (const table of registryTables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
    const lines = rows.rows.map((row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k] === null ? null : String(row[k])]))).sort();
    result[`registry:${table}`] = `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return result;
}
