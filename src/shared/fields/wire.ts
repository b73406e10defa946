// The building blocks of the sync wire format's shape (protocol-schema.ts, case-schemas.ts):
// types, string and array bounds, bounded JSON. Structure and size only; whether the content is
// acceptable is the content schemas' question.

import * as v from 'valibot';

/** Longest string anywhere in a mutation; content rules are stricter (facts ≤ 5000). */
export const MAX_WIRE_TEXT = 20_000;

/** JSON limited in depth, breadth, string length and node count; walked without recursion. */
export function isBoundedJson(value: unknown, maxDepth = 8): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (++nodes > 20_000 || depth > maxDepth) return false;
    if (item === null || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
      continue;
    }
    if (typeof item === 'string') {
      if (item.length > MAX_WIRE_TEXT) return false;
      continue;
    }
    if (Array.isArray(item)) {
      if (item.length > 1000) return false;
      for (const x of item) stack.push([x, depth + 1]);
      continue;
    }
    if (typeof item !== 'object' || Object.getPrototypeOf(item) !== Object.prototype) return false;
    const entries = Object.entries(item as Record<string, unknown>);
    if (entries.length > 200) return false;
    for (const [key, x] of entries) {
      if (key.length > 100) return false;
      stack.push([x, depth + 1]);
    }
  }
  return true;
}

export const uuid = v.pipe(v.string(), v.uuid());
export const text = v.pipe(v.string(), v.maxLength(MAX_WIRE_TEXT));
export const short = v.pipe(v.string(), v.maxLength(200));
export const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
export const json = v.custom<unknown>((x) => isBoundedJson(x));
export const jsonObject = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x) && isBoundedJson(x));
export const list = <S extends v.GenericSchema>(item: S, max: number) => v.pipe(v.array(item), v.maxLength(max));
