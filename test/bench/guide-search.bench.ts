// Guide search latency: loads every guide from disk, builds the MiniSearch index, then times
// many realistic queries (each guide's keywords, partial words, single characters, misses).
// Prints p50/p95/max against the 20 ms per-query budget; it reports, it does not assert.
// Run: node --import tsx test/bench/guide-search.bench.ts

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseGuides } from '../../src/content/guides.ts';
import { buildGuideIndex, searchGuides } from '../../src/content/search.ts';

const BUDGET_MS = 20;
const ROUNDS = 20;

const dir = fileURLToPath(new URL('../../src/content/guides/', import.meta.url));
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => [f, readFileSync(dir + f, 'utf8')]),
);

let t = performance.now();
const guides = parseGuides(files);
const parseMs = performance.now() - t;
t = performance.now();
const index = buildGuideIndex(guides);
const buildMs = performance.now() - t;

const queries = [
  ...guides.flatMap((g) => g.keywords),
  ...guides.map((g) => g.title),
  ...guides.flatMap((g) => g.keywords.map((k) => [...k][0] ?? '')), // single characters
  ...guides.flatMap((g) => g.keywords.map((k) => [...k].slice(0, 2).join(''))), // partial words
  '邻居家的狗把我家孩子咬了要赔多少钱',
  '包工头拖欠了我三个月的工钱找谁要',
  '没有这个词的查询',
  'LPR',
];

for (const q of queries.slice(0, 50)) searchGuides(index, q); // warm up the JIT

const times: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const q of queries) {
    const start = performance.now();
    searchGuides(index, q);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

console.log(`guides: ${guides.length}; parse ${fmt(parseMs)}; index build ${fmt(buildMs)}`);
console.log(`queries: ${queries.length} distinct × ${ROUNDS} rounds = ${times.length}`);
console.log(`p50 ${fmt(pct(50))}  p95 ${fmt(pct(95))}  p99 ${fmt(pct(99))}  max ${fmt(times.at(-1) ?? NaN)}`);
console.log(`budget ${BUDGET_MS} ms per query: ${pct(95) <= BUDGET_MS ? 'within' : 'OVER'} (p95)`);
