// A seeded PRNG (mulberry32) and helpers, so the demo county is the same on every machine.

export type Rand = () => number;

export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rand: Rand, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

export function pick<T>(rand: Rand, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Picks by weight: [[value, weight], …]. */
export function weighted<T>(rand: Rand, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('weighted pick from an empty table');
  return last[0];
}

/** A UUIDv7-shaped id whose time part is `atMs` and whose random part comes from `rand`. */
export function seededUuid(rand: Rand, atMs: number): string {
  const hex = (n: number, digits: number) => Math.floor(n).toString(16).padStart(digits, '0').slice(-digits);
  const time = hex(atMs, 12);
  const r = () => hex(rand() * 0x10000, 4);
  const variant = (8 + int(rand, 0, 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${r().slice(1)}-${variant}${r().slice(1)}-${r()}${r()}${r()}`;
}
