// Long lists cut for SQL: an `in (…)` list or a multi-row insert stays under SQLite's and
// PostgreSQL's limits on bound parameters, whatever the county's size.

/** Items in an `in (…)` list at most, unless a caller says otherwise. */
const CHUNK = 300;

export const chunked = <T>(items: readonly T[], size = CHUNK): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
