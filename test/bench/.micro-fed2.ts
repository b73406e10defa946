import { categories } from '../../src/shared/categories.ts';
import { caseSources } from '../../src/shared/case.ts';
import { mulberry32, type Rand } from '../../src/server/seed/random.ts';
import { groupOfCell, rollupOfCells } from '../../src/server/federation/cells.ts';
import { rollupGroups } from '../../src/shared/stats.ts';
import { rollupGroups as oldRollup } from '../../src/shared/stats-old.tmp.ts';
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
const cpu = (fn: () => void) => { const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); return ((c.user + c.system) / 1000).toFixed(0); };
const groups = files.map((f) => f.map(groupOfCell));
for (let round = 0; round < 5; round++) {
  const a = cpu(() => groups.forEach((g) => oldRollup(g)));
  const b = cpu(() => groups.forEach((g) => rollupGroups(g)));
  const c = cpu(() => files.forEach((f) => rollupOfCells(f)));
  console.log(`old ${a} new ${b} rollupOfCells(whole) ${c}`);
}
const x = groups.map((g) => JSON.stringify(oldRollup(g))).join();
const y = groups.map((g) => JSON.stringify(rollupGroups(g))).join();
console.log('same', x === y);
const z = files.map((f) => JSON.stringify(rollupOfCells(f))).join(); console.log('same2', z === x);
