// The integrity code printed on every document: the first 8 hex digits of SHA-256 over a canonical
// serialisation of what the page shows. Two prints with the same code say the same thing; a code
// that differs from the one on the signed paper means the record changed after printing.
//
// What must stay true: the serialisation is independent of key insertion order, and only content
// goes in — never record bookkeeping such as updatedAt, version or needsReview.

import { sha256Hex } from '../sha256.ts';

/** JSON with object keys sorted at every level; `undefined` members are left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `3F2A-91C0` */
export function integrityCode(value: unknown): string {
  const hex = sha256Hex(canonicalJson(value)).slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}
