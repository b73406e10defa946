// 统计用区划代码 files of one county, in either shape the project meets: the per-county extract
// (code,name,level,parent — fixtures/divisions/150523-kailu.csv) or the national lists
// (areas.csv / streets.csv / villages.csv with their parent-code columns). Pure: the server
// imports what this returns (server/registry/area-import.ts).

import { parseCsv, toCsv } from './csv.ts';
import { levelOfCode, type Area } from './areas.ts';
import type { MessageKey, MessageParams } from './i18n/index.ts';

export interface DivisionProblem {
  line: number;
  code: MessageKey;
  params?: MessageParams;
}

type Shape = { level?: number; parent?: number; parentByLevel?: { town: number; village: number } };

function shapeOf(header: readonly string[]): { code: number; name: number; shape: Shape } | undefined {
  const h = header.map((x) => x.trim());
  const code = h.indexOf('code');
  const name = h.indexOf('name');
  if (code < 0 || name < 0) return undefined;
  if (h.includes('level') && h.includes('parent')) return { code, name, shape: { level: h.indexOf('level'), parent: h.indexOf('parent') } };
  // National lists: streets.csv has areaCode (its county), villages.csv streetCode (its town).
  if (h.includes('streetCode')) return { code, name, shape: { parent: h.indexOf('streetCode') } };
  if (h.includes('areaCode')) return { code, name, shape: { parent: h.indexOf('areaCode') } };
  if (h.includes('cityCode')) return { code, name, shape: {} };
  return undefined;
}

/** The rows of `text` inside `county` (a 6-digit code), as areas; rows of other counties are skipped. */
export function parseDivisions(text: string, county: string): { areas: Area[]; problems: DivisionProblem[] } {
  const rows = parseCsv(text);
  const header = rows[0];
  const found = header ? shapeOf(header) : undefined;
  if (!found) return { areas: [], problems: [{ line: 1, code: 'divisions.header' }] };
  const areas: Area[] = [];
  const problems: DivisionProblem[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const code = (cells[found.code] ?? '').trim();
    if (!code.startsWith(county)) return;
    const name = (cells[found.name] ?? '').trim();
    const level = levelOfCode(code);
    if (!level || (level !== 'county' && level !== 'town' && level !== 'village')) {
      problems.push({ line, code: 'divisions.code', params: { value: code } });
      return;
    }
    const stated = found.shape.level === undefined ? undefined : (cells[found.shape.level] ?? '').trim();
    if (stated !== undefined && stated !== level) problems.push({ line, code: 'divisions.level', params: { value: code, level: stated } });
    if (name === '' || name.length > 60) problems.push({ line, code: 'divisions.name', params: { value: code } });
    if (seen.has(code)) problems.push({ line, code: 'divisions.duplicate', params: { value: code } });
    seen.add(code);
    // The parent is the code's own prefix; a stated parent must agree with it.
    const parent = level === 'county' ? null : code.slice(0, level === 'town' ? 6 : 9);
    const statedParent = found.shape.parent === undefined ? undefined : (cells[found.shape.parent] ?? '').trim();
    if (statedParent !== undefined && statedParent !== '' && parent !== null && statedParent !== parent) {
      problems.push({ line, code: 'divisions.parent', params: { value: code, parent: statedParent } });
    }
    areas.push({ code, name, level, parent });
  });
  if (areas.length === 0 && problems.length === 0) problems.push({ line: 1, code: 'divisions.empty', params: { county } });
  return { areas, problems };
}

/** A problem in one of several files chosen together (the national lists come as three files). */
export interface FileProblem extends DivisionProblem {
  file: string;
}

/**
 * Several files of one county read together — e.g. the national areas.csv, streets.csv and
 * villages.csv — as one list of areas. A code found in two files is a problem of the second.
 * The screen runs this before uploading so the problems name the user's own file and line, and
 * sends only the county's rows (toDivisionsCsv); the server checks the result again.
 */
export function parseDivisionFiles(files: readonly { name: string; text: string }[], county: string): { areas: Area[]; problems: FileProblem[] } {
  const areas: Area[] = [];
  const problems: FileProblem[] = [];
  const where = new Map<string, string>();
  for (const f of files) {
    const one = parseDivisions(f.text, county);
    // "No rows of this county" only matters when no file has any.
    problems.push(...one.problems.filter((p) => p.code !== 'divisions.empty').map((p) => ({ ...p, file: f.name })));
    for (const a of one.areas) {
      if (where.has(a.code)) {
        problems.push({ file: f.name, line: 0, code: 'divisions.duplicate', params: { value: a.code } });
        continue;
      }
      where.set(a.code, f.name);
      areas.push(a);
    }
  }
  if (areas.length === 0 && problems.length === 0) problems.push({ file: files[0]?.name ?? '', line: 1, code: 'divisions.empty', params: { county } });
  return { areas, problems };
}

/** The `code,name,level,parent` CSV of `areas` (the shape the import API takes). */
export function toDivisionsCsv(areas: readonly Area[]): string {
  return toCsv([['code', 'name', 'level', 'parent'], ...areas.map((a) => [a.code, a.name, a.level, a.parent ?? ''])], false);
}

// ---- what an import did (or, as a dry run, would do) ----

export type AreaChangeKind = 'added' | 'renamed' | 'retired' | 'recoded';

export interface AreaChangeItem {
  kind: AreaChangeKind;
  level: 'county' | 'town' | 'village';
  /** The code from the validity date on (for a retired area, its last code). */
  code: string;
  name: string;
  /** For a re-coded area, the code it had before. */
  oldCode?: string;
  /** For a renamed area, the name it had before. */
  oldName?: string;
}

export interface MovedAccount {
  username: string;
  displayName: string;
  oldCode: string;
  newCode: string;
}

export interface AreaImportResult {
  added: number;
  renamed: number;
  retired: number;
  recoded: { oldCode: string; newCode: string; name: string }[];
  unchanged: number;
  /** Every change, in the order: added, renamed, re-coded, retired. */
  changes: AreaChangeItem[];
  /** Mediator accounts of re-coded villages, now scoped to the new code. */
  movedAccounts: MovedAccount[];
  /** Residents' open 申请调解 of re-coded villages, now addressed to the new code. */
  movedRequests: number;
  /** True when nothing was written (the preview). */
  dryRun: boolean;
}

/** One row of GET /api/registry/areas/changes. */
export interface AreaChangeRecord {
  oldCode: string;
  newCode: string | null;
  kind: AreaChangeKind;
  changedOn: string;
  note: string | null;
  by: string | null;
}
