// Where a province keeps the cells of a county month it imported: in the month's import row
// (federation_imports.cells, 0350), as ONE compact JSON text — the column names once, then a row
// of values per cell — not as ~30 rows of stat_cells. A province's year is 1,200 files of ~30
// cells: inserting 36,000 indexed rows was most of PostgreSQL's part of the import (issue #15
// bench), and nothing reads an imported county's cells one by one in SQL. What reads them —
// a county-month's total summed afresh (stats/totals.ts countyMonthTotals), the 调解主体 split
// of an area that mixes hosted and imported counties (stats/cells.ts cellGroups) — reads the
// current version's row and decodes it here. stat_cells keeps the hosted counties' town cells.
import type { Kysely } from 'kysely';
import type { FederatedCell } from '../../shared/federation.ts';
import type { Sums } from '../../shared/fields/stat-sums.ts';
import { rollupGroups, type Rollup, type StatGroup } from '../../shared/stats.ts';
import type { DB } from '../store/schema.ts';
import { chunked } from '../store/chunked.ts';
import { sumColumns } from '../stats/sql.ts';
import { pairKey } from '../../shared/group.ts';

type Value = string | number | null;
/** The stored form: column names, and each cell's values in that order (null where it had none). */
interface Stored {
  c: readonly string[];
  r: Value[][];
}

/** A month's cells as stored: `columns` are the ones this server counts, in its table's order. */
export function encodeCells(cells: readonly FederatedCell[], columns: readonly string[]): string {
  const rows: Value[][] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as FederatedCell;
    const row: Value[] = new Array(columns.length);
    for (let j = 0; j < columns.length; j++) row[j] = cell[columns[j] as string] ?? null;
    rows[i] = row;
  }
  return JSON.stringify({ c: columns, r: rows } satisfies Stored);
}

/**
 * The cells of a stored month, as objects of their columns (a column stored without a value is
 * left out: an absent dimension reads as null and an absent sum as 0, as in stat_cells).
 */
export function decodeCells(text: string | null): FederatedCell[] {
  if (text === null) return [];
  const { c, r } = JSON.parse(text) as Stored;
  return r.map((row) => {
    const cell: FederatedCell = {};
    for (let j = 0; j < c.length; j++) if (row[j] !== null && row[j] !== undefined) cell[c[j] as string] = row[j] as Value;
    return cell;
  });
}


/** The current version's cells of these county months (`county|month` keys; absent when none was imported). */
export async function importedCells(db: Kysely<DB>, pairs: readonly (readonly [county: string, month: string])[]): Promise<Map<string, FederatedCell[]>> {
  const countiesOf = new Map<string, Set<string>>();
  for (const [county, month] of pairs) {
    const set = countiesOf.get(month) ?? new Set<string>();
    set.add(county);
    countiesOf.set(month, set);
  }
  const out = new Map<string, FederatedCell[]>();
  for (const [month, counties] of countiesOf) {
    for (const some of chunked([...counties])) {
      const rows = await db.selectFrom('federation_imports').select(['county_code', 'month', 'cells'])
        .where('month', '=', month).where('county_code', 'in', some).where('replaced_at', 'is', null).execute();
      for (const r of rows) out.set(pairKey(r.county_code, r.month), decodeCells(r.cells ?? null));
    }
  }
  return out;
}

/** The current version's cells of every imported county month under `area` in [from, to) (YYYY-MM), with their county and month. */
export async function importedCellsUnder(db: Kysely<DB>, area: string, from: string, to: string): Promise<{ county: string; month: string; cells: FederatedCell[] }[]> {
  const rows = await db.selectFrom('federation_imports').select(['county_code', 'month', 'cells'])
    .where('county_code', 'like', `${area}%`).where('month', '>=', from).where('month', '<', to).where('replaced_at', 'is', null).execute();
  return rows.map((r) => ({ county: r.county_code, month: r.month, cells: decodeCells(r.cells ?? null) }));
}

/**
 * A cell as the group stats/sql.ts toKeyedGroup makes of the table's row for it — an absent
 * dimension null, an absent sum 0 — built straight from the cell: no row object of every column
 * in between.
 */
export function groupOfCell(cell: FederatedCell): StatGroup {
  const group = { voided: false, sums: {} as Sums } as StatGroup;
  fillGroup(group, cell);
  return group;
}

/** Sets every dimension, n and sum of `group` from `cell`. */
function fillGroup(group: StatGroup, cell: FederatedCell): void {
  const { sums } = group;
  for (const [s, column] of sumColumns) sums[s] = Number(cell[column] ?? 0);
  group.categoryCode = (cell.category_code ?? null) as never;
  group.source = (cell.source ?? null) as never;
  group.status = (cell.status ?? null) as never;
  group.outcome = (cell.outcome ?? null) as never;
  group.agreementForm = (cell.agreement_form ?? null) as never;
  group.performance = (cell.performance ?? null) as never;
  group.satisfaction = (cell.satisfaction ?? null) as never;
  group.confirmation = (cell.confirmation ?? null) as never;
  group.n = Number(cell.n ?? 0);
}

/**
 * A month's roll-up from its cells, as stats/totals.ts makes it from stat_cells rows; undefined for
 * none. One group object is refilled for each cell (the roll-up keeps nothing of a group): a
 * province's year is 36,000 cells, and a group and its sums made for each were much of the import's
 * garbage.
 */
export function rollupOfCells(cells: readonly FederatedCell[]): Rollup | undefined {
  if (cells.length === 0) return undefined;
  const group = groupOfCell({});
  let i = 0;
  const step: IteratorResult<StatGroup> = { value: group, done: false };
  const end: IteratorResult<StatGroup> = { value: undefined, done: true };
  const each: Iterable<StatGroup> = {
    [Symbol.iterator]: () => ({
      next: () => {
        if (i >= cells.length) return end;
        fillGroup(group, cells[i++] as FederatedCell);
        return step;
      },
    }),
  };
  return rollupGroups(each);
}
