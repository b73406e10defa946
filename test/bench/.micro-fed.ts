import { performance } from 'node:perf_hooks';
import { categories } from '../../src/shared/categories.ts';
import { caseSources } from '../../src/shared/case.ts';
import { mulberry32, type Rand } from '../../src/server/seed/random.ts';
import { rollupOfCells } from '../../src/server/federation/cells.ts';
import { mergeRollups } from '../../src/shared/stats.ts';
import { dimNames, sumCells } from '../../src/server/stats/totals.ts';
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const columns = [...dimNames.map((name) => ({ name, numeric: false })), ...sumCells.map((name) => ({ name, numeric: true }))];
function cells(rand: Rand) {
  const codes = categories.map((c) => c.code);
  return Array.from({ length: 30 }, () => {
    const outcome = pick(rand, ['success', 'success', 'success', 'failure', null] as const);
    const dims: Record<string, unknown> = { category_code: pick(rand, codes), source: pick(rand, caseSources), status: outcome === null ? 'accepted' : 'archived', outcome,
      agreement_form: outcome === 'success' ? pick(rand, ['written', 'oral']) : null, performance: null, confirmation: null };
    const cell: Record<string, string | number | null> = {};
    for (const c of columns) cell[c.name] = c.name in dims ? (dims[c.name] as string) ?? null : c.numeric ? (c.name === 'n' ? 1 + Math.floor(rand() * 6) : Math.floor(rand() * 2)) : null;
    return cell;
  });
}
const rand = mulberry32(1);
const files = Array.from({ length: 1200 }, () => cells(rand));
for (let round = 0; round < 4; round++) {
  let t0 = performance.now();
  const rs = files.map((f) => rollupOfCells(f)!);
  const tr = performance.now() - t0;
  t0 = performance.now();
  const texts = rs.map((r) => JSON.stringify(r));
  const ts = performance.now() - t0;
  t0 = performance.now();
  mergeRollups(rs.slice(0, 100));
  const tm = performance.now() - t0;
  console.log(`rollup ${tr.toFixed(0)} ms, stringify ${ts.toFixed(0)} ms (${(texts.reduce((s, t) => s + t.length, 0) / 1200).toFixed(0)} B avg), merge100 ${tm.toFixed(1)}`);
}
console.log(JSON.stringify(rollupOfCells(files[0]!)).slice(0, 3000));
