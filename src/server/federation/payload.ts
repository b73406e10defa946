// Reading a county's file before anything is trusted: its wrapper and its payload's head (county,
// month, version, chain, key, org) by the shared valibot schemas, and the cell arrays — a
// province's year is 1,200 files of ~30 cells of ~20 columns — by hand in one pass: a valibot
// record of unions cost ~0.5 ms a file, more than the signature check. The hand check is stricter
// than the schema: a dimension is text or null and a sum a finite number, as stat_cells holds
// them, so the province can add a month up from the file itself (federation/totals.ts) and get
// exactly what it would read back from its own table.
import * as v from 'valibot';
import { FederationFileSchema, FederationPayloadSchema, type FederationPayload } from '../../shared/federation.ts';
import { ApiError } from '../http/errors.ts';
import { dimNames, sumCells } from '../stats/totals.ts';

/** The payload's head: everything but the cells, which `checkCells` reads. */
const HeadSchema = v.strictObject({ ...FederationPayloadSchema.entries, cells: v.pipe(v.array(v.unknown()), v.maxLength(50_000)) });

const columnName = /^[a-z_]{1,40}$/;
const dimensions = new Set<string>(dimNames);
const sums = new Set<string>(sumCells);

/** What this server's stat_cells asks of a cell's columns (import.ts reads it from the database). */
export interface CellSchema {
  /** In the table's order: the order a month's cells are stored in (federation/cells.ts). */
  order: string[];
  known: Set<string>;
  /** NOT NULL without a default: a cell must give them. */
  required: Set<string>;
  integer: Set<string>;
}

/**
 * One pass over every cell: undefined unless each is an object of column names with text/null
 * dimensions and finite number sums (not a 说和 file). A column this server does not know may
 * hold any scalar: it is named in `foreign` and refused afterwards with the sentence about
 * versions (federation.columnsUnknown). `broken`: a required column missing or null, or a fraction
 * where the table keeps whole numbers — as the table would refuse the cell.
 */
export function checkCells(cells: readonly unknown[], schema: CellSchema): { foreign: string[]; broken: boolean } | undefined {
  const foreign = new Set<string>();
  let broken = false;
  for (const cell of cells) {
    if (cell === null || typeof cell !== 'object' || Array.isArray(cell)) return undefined;
    let given = 0;
    for (const key in cell) {
      const value = (cell as Record<string, unknown>)[key];
      // The known names first: a set lookup, where the pattern would run 700,000 times a year of a province.
      if (dimensions.has(key)) {
        if (value !== null && typeof value !== 'string') return undefined;
      } else if (sums.has(key)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      } else if (!columnName.test(key) || (value !== null && typeof value !== 'string' && typeof value !== 'number')) return undefined;
      if (!schema.known.has(key)) foreign.add(key);
      else {
        if (value !== null && schema.required.has(key)) given++;
        if (typeof value === 'number' && !Number.isInteger(value) && schema.integer.has(key)) broken = true;
      }
    }
    if (given < schema.required.size) broken = true;
  }
  return { foreign: [...foreign], broken };
}

export interface ReadFile {
  payload: FederationPayload;
  signed: string;
  signature: string;
  /** Columns this server does not count (checkCells). */
  foreign: string[];
  /** A cell the table would refuse (checkCells). */
  broken: boolean;
}

/** The file's wrapper and payload, or a refusal saying the file is not a 说和 file. */
export function readPayload(body: unknown, schema: CellSchema): ReadFile {
  const file = v.safeParse(FederationFileSchema, body);
  if (!file.success) throw new ApiError(400, 'federation.fileInvalid');
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.output.signed);
  } catch {
    throw new ApiError(400, 'federation.fileInvalid');
  }
  const head = v.safeParse(HeadSchema, parsed);
  const cells = head.success ? checkCells(head.output.cells, schema) : undefined;
  if (!head.success || !cells) throw new ApiError(400, 'federation.fileInvalid');
  return { payload: head.output as FederationPayload, signed: file.output.signed, signature: file.output.signature, ...cells };
}
