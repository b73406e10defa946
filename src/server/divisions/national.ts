// The national 统计用区划代码 shipped with the server (data/, built by split.ts; source and licence
// in data/SOURCE.md): 省/市/县 from a small index read once, and one county's towns and villages
// read on demand from its province's file — never the whole national village list.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { levelOfCode, type Area, type AreaLevel } from '../../shared/areas.ts';

export const dataDir = fileURLToPath(new URL('./data/', import.meta.url));

const parentOf = (code: string): string | null => {
  const level = levelOfCode(code);
  if (level === 'province') return null;
  return code.slice(0, { city: 2, county: 4, town: 6, village: 9 }[level as Exclude<AreaLevel, 'province'>]);
};

function readLines(file: string): Area[] {
  const text = gunzipSync(readFileSync(join(dataDir, file))).toString('utf8');
  const areas: Area[] = [];
  for (const line of text.split('\n')) {
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    const code = line.slice(0, comma);
    areas.push({ code, name: line.slice(comma + 1), level: levelOfCode(code) as AreaLevel, parent: parentOf(code) });
  }
  return areas;
}

let index: Map<string, Area> | undefined;

/** 省, 市 and 县 of the whole country by code (3,351 rows, read once). */
function nationalIndex(): Map<string, Area> {
  index ??= new Map(readLines('national.csv.gz').map((a) => [a.code, a]));
  return index;
}

/** One level of the national list: provinces without a parent, else the children of a 省 or 市. */
export function nationalChildren(parent?: string): Area[] {
  return [...nationalIndex().values()].filter((a) => (parent === undefined ? a.parent === null : a.parent === parent));
}

export function nationalArea(code: string): Area | undefined {
  return nationalIndex().get(code);
}

/** A county with all its towns and villages, or undefined for a code the national list lacks. */
export function nationalCounty(county: string): Area[] | undefined {
  const self = nationalIndex().get(county);
  if (!self || self.level !== 'county') return undefined;
  const below = readLines(`${county.slice(0, 2)}.csv.gz`).filter((a) => a.code.startsWith(county));
  return [{ ...self, parent: null }, ...below];
}
