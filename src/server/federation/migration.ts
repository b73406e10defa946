// 0090: federation (DESIGN.md "Federation"). A county server keeps its signing key and what it
// exported; a province server keeps the counties' registered public keys, every imported version
// of a county month (the replaced ones too, so a re-signing stays visible) and their
// organisation figures. Since 0350 an imported month's statistics cells are kept in its import
// row (federation_imports.cells, federation/cells.ts), not in stat_cells.
import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import type { FederatedCell } from '../../shared/federation.ts';
import { dimNames } from '../stats/totals.ts';
import { encodeCells } from './cells.ts';

type AnyDb = Kysely<unknown>;

export const federationMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('federation_identity')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('private_key', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('federation_exports')
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('signed', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('federation_exports_pk', ['county_code', 'month', 'version'])
      .execute();
    await db.schema.createTable('federation_keys')
      .addColumn('county_code', 'text', (c) => c.primaryKey())
      .addColumn('county_name', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('federation_imports')
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addColumn('replaced_at', 'text')
      .addColumn('org', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('federation_imports_pk', ['county_code', 'month', 'version'])
      .execute();
  },
};

export interface FederationTables {
  federation_identity: { id: number; public_key: string; private_key: string; fingerprint: string; created_at: string };
  federation_exports: { county_code: string; month: string; version: number; hash: string; signed: string; signature: string; created_at: string };
  federation_keys: { county_code: string; county_name: string; public_key: string; fingerprint: string; registered_at: string; registered_by: string };
  federation_imports: {
    county_code: string; month: string; version: number; hash: string; signed_at: string;
    imported_at: string; imported_by: string; replaced_at: string | null; org: string;
    /** 0251 (stats/form-number.ts): the county's 表号 the file carried; null when it had none. */
    form_no?: string | null;
    /** 0350 (federation/cells.ts): the version's cells, compact; null for a version replaced before 0350. */
    cells?: string | null;
  };
  /** 0320: year totals an import left stale (stats/totals.ts reads their months instead). */
  stat_totals_stale: { area_code: string; period: string };
}

// 0310_totals_lz4 (issue #15): a stored total is a ~7 KB JSON text, so PostgreSQL compresses it
// out of line (TOAST). Its default pglz made writing a province's 200 totals of an import several
// times slower than lz4, which also reads back faster; servers built without lz4 keep pglz, and
// SQLite stores text as it is.
export const totalsLz4Migration: Migration = {
  async up(db: AnyDb) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    const lz4 = await sql<{ ok: number }>`select 1 as ok from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(db);
    if (lz4.rows.length > 0) await sql`alter table stat_totals alter column rollup set compression lz4`.execute(db);
  },
};

// 0320_totals_stale (issue #15): an import writes the months it brings and marks the years above
// them (a county's, its province's) stale here instead of reading and writing back a ~7 KB
// year roll-up per county per request. A read sums a stale year's ≤ 12 months, and the first
// read of a stale year stores it afresh and clears the mark (stats/totals.ts).
export const totalsStaleMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('stat_totals_stale')
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('stat_totals_stale_pk', ['area_code', 'period'])
      .execute();
  },
};

// 0350_federation_cells (issue #15): an imported county month's cells are kept in its import row
// as one compact JSON text (federation/cells.ts), not as ~30 rows of stat_cells each — that
// insert was most of PostgreSQL's work in a province's import. The cells already imported move
// there: each current version takes its county month's stat_cells rows (a county's own cells are
// only ever imported ones; a hosted county's are its towns'), which are then removed. Versions
// replaced before this keep no cells (stat_cells held only the current one). Compressed with lz4
// on PostgreSQL where the server has it, as the stored totals are (0310).
export const federationCellsMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('federation_imports').addColumn('cells', 'text').execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      const lz4 = await sql<{ ok: number }>`select 1 as ok from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(db);
      if (lz4.rows.length > 0) await sql`alter table federation_imports alter column cells set compression lz4`.execute(db);
    }
    await moveImportedCells(db);
  },
};

/** Moves the county months' stat_cells rows into their current import rows (0350; exported for its test). */
export async function moveImportedCells(db: AnyDb): Promise<void> {
  const rows = (await sql<Record<string, string | number | null>>`select * from stat_cells where length(area_code) = 6 order by area_code, period`.execute(db)).rows;
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).filter((c) => c !== 'area_code' && c !== 'period');
  const dimensions = new Set<string>(dimNames);
  const byMonth = new Map<string, { county: string; month: string; cells: FederatedCell[] }>();
  for (const { area_code, period, ...cell } of rows) {
    const key = `${String(area_code)}|${String(period)}`;
    const month = byMonth.get(key) ?? { county: String(area_code), month: String(period), cells: [] };
    // PostgreSQL's bigint/numeric arrive as text: a sum is a number in a file.
    for (const c of columns) if (typeof cell[c] === 'string' && !Number.isNaN(Number(cell[c])) && !dimensions.has(c)) cell[c] = Number(cell[c]);
    month.cells.push(cell);
    byMonth.set(key, month);
  }
  for (const { county, month, cells } of byMonth.values()) {
    const moved = await sql`update federation_imports set cells = ${encodeCells(cells, columns)}
      where county_code = ${county} and month = ${month} and replaced_at is null`.execute(db);
    // Cells without an import row (never made by an import) stay where they are.
    if (Number(moved.numAffectedRows ?? 0) > 0) await sql`delete from stat_cells where area_code = ${county} and period = ${month}`.execute(db);
  }
}
