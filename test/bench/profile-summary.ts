// Prints where a .cpuprofile's time went: self time by function (with its file), and total
// (inclusive) time of the heaviest frames. `node --import tsx test/bench/profile-summary.ts f.cpuprofile [n] [from to]`
// With `from to` (µs on the monotonic clock the profiles are stamped with, e.g. the window the
// phones bench's server prints when run under --cpu-prof) only the samples inside it count.
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const [file, top = '30', from, to] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file as string, 'utf8')) as Profile;
if (from !== undefined && to !== undefined) {
  // Keep the samples stamped inside the window; a zero delta stands for each one dropped.
  let at = profile.startTime;
  const keep = profile.samples.map((_, i) => {
    at += profile.timeDeltas[i] ?? 0;
    return at >= Number(from) && at <= Number(to);
  });
  profile.timeDeltas = profile.timeDeltas.map((d, i) => (keep[i] ? d : 0));
  profile.startTime = Math.max(profile.startTime, Number(from));
  profile.endTime = Math.min(profile.endTime, Number(to));
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map<string, number>();
const totalBy = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id) as Node;
  selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur) as Node);
    if (!seen.has(l)) totalBy.set(l, (totalBy.get(l) ?? 0) + us);
    seen.add(l);
  }
}
const print = (title: string, m: Map<string, number>) => {
  console.log(title);
  for (const [l, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${l}`);
};
console.log(`wall ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`);
print('— self —', selfBy);
print('— total —', totalBy);
