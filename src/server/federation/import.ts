// A province server takes a county month from its file. Checked before anything is written: the
// file's shape, the county's registered key, the signature over the exact signed bytes, the
// version chain (a replayed older version, the same version changed, or a version that skips
// the one held here are refused with a sentence saying what to do), and that its columns are the
// ones this server counts. Then, in one transaction, the month's cells replace the county's cells
// of that month, the stored totals of the month and of the year and province above it are written
// (federation/totals.ts), and the import is logged; the version it replaced stays listed with the
// time it was replaced.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { pushInto } from '../../shared/group.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { FederatedCell, FederatedMonth, FederationPayload } from '../../shared/federation.ts';
import type { Ctx } from '../deps.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { ApiError } from '../http/errors.ts';
import { sha256Hex } from './export.ts';
import { fingerprintOf, parsePublicKey } from './identity.ts';
import { readPayload } from './payload.ts';
import { importTotals, totalsBefore, type ImportedMonth } from './totals.ts';

const cellColumns = new WeakMap<Store, Promise<Set<string>>>();

/** The stat_cells columns of this server, read from the database itself (both dialects). */
function localCellColumns(store: Store): Promise<Set<string>> {
  let columns = cellColumns.get(store);
  if (!columns) {
    columns = store.read.introspection.getTables().then((tables) => {
      const table = tables.find((t) => t.name === 'stat_cells');
      return new Set((table?.columns ?? []).map((c) => c.name));
    });
    cellColumns.set(store, columns);
  }
  return columns;
}

export interface ImportResult {
  county: string;
  month: string;
  version: number;
  /** The version this import replaced, if the province held one. */
  replaced: number | null;
}

/**
 * Parsed public keys by their PEM text: a province parses each county's key once, not once a
 * request (createPublicKey cost as much as the signature check). Bounded by the registered
 * counties; a re-registered key is a new PEM and parses anew.
 */
const parsedKeys = new Map<string, KeyObject>();
function parsedKey(pem: string): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) parsedKeys.set(pem, (key = createPublicKey(pem)));
  return key;
}

/** The registered keys of the counties named, read in one query per chunk. */
async function keysOf(ctx: Ctx, counties: readonly string[]): Promise<Map<string, LoadedKey>> {
  const out = new Map<string, LoadedKey>();
  for (const some of chunked([...new Set(counties)])) {
    for (const row of await ctx.store.read.selectFrom('federation_keys').selectAll().where('county_code', 'in', some).execute()) {
      out.set(row.county_code, { ...row, key: parsedKey(row.public_key) });
    }
  }
  return out;
}

/** Checks one file against its county's key; returns what to apply. Writes nothing. */
async function verifyFile(ctx: Ctx, read: ReturnType<typeof readPayload>, keys: Map<string, LoadedKey>): Promise<{ payload: FederationPayload; hash: string; countyName: string }> {
  const { payload, signed, signature } = read;
  const county = payload.county.code;
  const key = keys.get(county);
  if (!key) throw new ApiError(422, 'federation.keyUnknown', { county: `${payload.county.name}（${county}）` });
  if (payload.keyFingerprint !== key.fingerprint || !verify(null, Buffer.from(signed, 'utf8'), key.key, Buffer.from(signature, 'base64'))) {
    throw new ApiError(422, 'federation.signatureInvalid', { county: key.county_name });
  }
  const known = await localCellColumns(ctx.store);
  const foreign = [...new Set(payload.cells.flatMap((cell) => Object.keys(cell)))].filter((c) => !known.has(c) || c === 'area_code' || c === 'period');
  if (foreign.length > 0) throw new ApiError(422, 'federation.columnsUnknown', undefined, foreign.slice(0, 5));
  return { payload, hash: sha256Hex(signed), countyName: key.county_name };
}

type LoadedKey = Selectable<DB['federation_keys']> & { key: KeyObject };
type Verified = Awaited<ReturnType<typeof verifyFile>>;

export async function importMonth(ctx: Ctx, body: unknown, by: string): Promise<ImportResult> {
  const [result] = await importMonths(ctx, [body], by);
  return result as ImportResult;
}

/**
 * Any number of files in one transaction (a province taking a year of its counties at once):
 * all are checked first, one refusal refuses all, and the year and province cells are rebuilt
 * once for what changed.
 */
export async function importMonths(ctx: Ctx, bodies: readonly unknown[], by: string): Promise<ImportResult[]> {
  // In the order given, so the first bad file is the one named: its shape, then its signature.
  const read = bodies.map(readPayload);
  const keys = await keysOf(ctx, read.map((r) => r.payload.county.code));
  const files: Verified[] = [];
  for (const r of read) files.push(await verifyFile(ctx, r, keys));
  const now = ctx.now().toISOString();
  return ctx.store.write(async (tx) => {
    const results: ImportResult[] = [];
    await lockProvinces(tx, ctx.store.kind, files.map((f) => f.payload.county.code.slice(0, 2)));
    // Which months had a total is read before the batch writes: the totals above a new month are added to, above a replaced one summed again.
    const before = await totalsBefore(tx, files.map((f) => [f.payload.county.code, f.payload.month] as const));
    const imported: ImportedMonth[] = [];
    // A batch holding the same county month twice takes it in rounds, in the order given, so the
    // second sees the first as the version it replaces — as if they came one request after another.
    for (const round of rounds(files)) results.push(...(await importRound(tx, ctx.store.kind, round, by, now, imported)));
    await importTotals(tx, ctx.store.kind, imported, before);
    return results;
  });
}

/** The advisory-lock class of a province's imports (the other key is the province code). */
const PROVINCE_IMPORT_LOCK = 15_015;

/**
 * Imports into one province take turns on PostgreSQL (a transaction-scoped advisory lock per
 * province, taken in code order): each adds its months to the province's month and year totals,
 * and two at once would both start from the same stored total — or both from none — and the
 * later would overwrite the earlier's. SQLite has one writer at a time already.
 */
export async function lockProvinces(tx: Kysely<DB>, kind: Store['kind'], provinces: readonly string[]): Promise<void> {
  if (kind !== 'postgres') return;
  for (const code of [...new Set(provinces)].sort()) await sql`select pg_advisory_xact_lock(${PROVINCE_IMPORT_LOCK}, ${Number(code)})`.execute(tx);
}

const monthKey = (county: string, month: string) => `${county}|${month}`;
const CHUNK = 300;
const chunked = <T>(items: readonly T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Entries in groups of about `size` cells (a file's cells are never split). */
function byCells<T extends { c: readonly unknown[] }>(entries: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  let group: T[] = [];
  let cells = 0;
  for (const e of entries) {
    if (group.length > 0 && cells + e.c.length > size) {
      out.push(group);
      group = [];
      cells = 0;
    }
    group.push(e);
    cells += e.c.length;
  }
  if (group.length > 0) out.push(group);
  return out;
}

function rounds(files: readonly Verified[]): Verified[][] {
  const out: Verified[][] = [];
  const seen = new Map<string, number>();
  for (const f of files) {
    const key = monthKey(f.payload.county.code, f.payload.month);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (out[n] ??= []).push(f);
  }
  return out;
}

/**
 * Files of distinct county months, written together: a read per chunk of counties for what is
 * already here, and multi-row writes of their cells and log rows — not a round trip per file
 * (a province's year of 100 counties is 1,200 files).
 */
async function importRound(tx: Kysely<DB>, kind: Store['kind'], files: readonly Verified[], by: string, now: string, imported: ImportedMonth[]): Promise<ImportResult[]> {
  const counties = [...new Set(files.map((f) => f.payload.county.code))];
  // A county kept here (its cases or its network) is counted from its own rows, never twice.
  const hosted = new Set<string>();
  for (const some of chunked(counties)) {
    for (const r of await tx.selectFrom('cases').select('county_code').distinct().where('county_code', 'in', some).execute()) hosted.add(r.county_code);
    for (const r of await tx.selectFrom('committees').select('location').where(sql`substr(location, 1, 6)`, 'in', some).execute()) hosted.add(r.location.slice(0, 6));
  }
  const current = new Map<string, { version: number; hash: string }>();
  const monthsAsked = [...new Set(files.map((f) => f.payload.month))];
  for (const some of chunked(counties)) {
    const rows = await tx.selectFrom('federation_imports').select(['county_code', 'month', 'version', 'hash'])
      .where('county_code', 'in', some).where('month', 'in', monthsAsked).execute();
    for (const r of rows) {
      const key = monthKey(r.county_code, r.month);
      const held = current.get(key);
      if (!held || Number(r.version) > held.version) current.set(key, { version: Number(r.version), hash: r.hash });
    }
  }
  // Every file checked before anything is written: one refusal refuses the batch.
  for (const { payload, hash, countyName } of files) {
    if (hosted.has(payload.county.code)) throw new ApiError(409, 'federation.hostedHere', { county: countyName });
    const held = current.get(monthKey(payload.county.code, payload.month));
    const params = { county: countyName, month: payload.month, version: payload.version, current: held?.version ?? 0 };
    if (held) {
      if (held.hash === hash) throw new ApiError(409, 'federation.already', params);
      if (payload.version < held.version) throw new ApiError(409, 'federation.replayed', params);
      if (payload.version === held.version) throw new ApiError(409, 'federation.versionConflict', params);
      if (payload.previousHash !== held.hash) throw new ApiError(409, 'federation.chainBroken', params);
    }
  }
  await ensureAreas(tx, files.map((f) => f.payload));
  const byMonth = new Map<string, string[]>();
  for (const f of files) byMonth.set(f.payload.month, [...(byMonth.get(f.payload.month) ?? []), f.payload.county.code]);
  for (const [month, list] of byMonth) {
    for (const some of chunked(list)) await tx.deleteFrom('stat_cells').where('period', '=', month).where('area_code', 'in', some).execute();
  }
  // Cells of one shape (the same columns, in the order the file lists them) go in together as one
  // JSON parameter the database unpacks itself (json_populate_recordset, json_each): thousands of
  // rows in one statement, with no statement of tens of thousands of parameters to build and
  // parse. The JSON is the files' own cell objects under their county and month, unpacked by a
  // lateral join: no row object is copied here to add the county and month to each cell.
  const shapes = new Map<string, { a: string; p: string; c: FederatedCell[] }[]>();
  for (const { payload } of files) {
    const ofFile = new Map<string, FederatedCell[]>();
    for (const cell of payload.cells) pushInto(ofFile, Object.keys(cell).join(','), cell);
    for (const [shape, cells] of ofFile) pushInto(shapes, shape, { a: payload.county.code, p: payload.month, c: cells });
  }
  for (const [shape, entries] of shapes) {
    // The names were checked against this server's own stat_cells columns (verifyFile).
    const columns = shape === '' ? [] : shape.split(',');
    const list = sql.join([sql`area_code, period`, ...columns.map((c) => sql.ref(c))]);
    for (const some of byCells(entries, 5000)) {
      const json = JSON.stringify(some);
      if (kind === 'postgres') {
        const cells = sql.join([sql`f.a, f.p`, ...columns.map((c) => sql.ref(`c.${c}`))]);
        await sql`insert into stat_cells (${list}) select ${cells}
          from json_to_recordset(${json}::json) as f(a text, p text, c json) cross join lateral json_populate_recordset(null::stat_cells, f.c) as c`.execute(tx);
      } else {
        const fields = sql.join([sql`json_extract(f.value, '$.a'), json_extract(f.value, '$.p')`, ...columns.map((c) => sql`json_extract(c.value, ${`$.${c}`})`)]);
        await sql`insert into stat_cells (${list}) select ${fields} from json_each(${json}) as f, json_each(f.value, '$.c') as c`.execute(tx);
      }
    }
  }
  const replacing = files.filter((f) => current.has(monthKey(f.payload.county.code, f.payload.month)));
  for (const f of replacing) {
    await tx.updateTable('federation_imports').set({ replaced_at: now })
      .where('county_code', '=', f.payload.county.code).where('month', '=', f.payload.month).where('replaced_at', 'is', null).execute();
  }
  const log = files.map(({ payload, hash }) => ({
    county_code: payload.county.code, month: payload.month, version: payload.version, hash, signed_at: payload.signedAt,
    imported_at: now, imported_by: by, replaced_at: null, org: JSON.stringify(payload.org), form_no: payload.formNo ?? null,
  }));
  for (const some of chunked(log, 500)) await tx.insertInto('federation_imports').values(some).execute();
  for (const { payload } of files) imported.push({ county: payload.county.code, month: payload.month, cells: payload.cells });
  return files.map(({ payload }) => ({
    county: payload.county.code, month: payload.month, version: payload.version,
    replaced: current.get(monthKey(payload.county.code, payload.month))?.version ?? null,
  }));
}

/** The province and county of a file become areas here, so the dashboard can name and drill them. */
async function ensureAreas(tx: Kysely<DB>, payloads: readonly FederationPayload[]): Promise<void> {
  const rows = new Map<string, { code: string; name: string; level: string; parent: string | null }>();
  for (const payload of payloads) {
    if (!rows.has(payload.province.code)) rows.set(payload.province.code, { code: payload.province.code, name: payload.province.name, level: 'province', parent: null });
    if (!rows.has(payload.county.code)) rows.set(payload.county.code, { code: payload.county.code, name: payload.county.name, level: 'county', parent: payload.province.code });
  }
  for (const some of chunked([...rows.values()], 500)) {
    await tx.insertInto('areas').values(some.map((row) => ({ ...row, valid_from: null, valid_to: null }))).onConflict((oc) => oc.column('code').doNothing()).execute();
  }
}

export async function registerKey(ctx: Ctx, input: { countyCode: string; countyName: string; publicKey: string }, by: string): Promise<{ fingerprint: string }> {
  const fingerprint = fingerprintOf(parsePublicKey(input.publicKey));
  const row = {
    county_code: input.countyCode, county_name: input.countyName, public_key: input.publicKey, fingerprint,
    registered_at: ctx.now().toISOString(), registered_by: by,
  };
  // A new key for a county replaces the old one (a reinstalled server); what was imported stays.
  await ctx.store.write((tx) => tx.insertInto('federation_keys').values(row)
    .onConflict((oc) => oc.column('county_code').doUpdateSet({ county_name: row.county_name, public_key: row.public_key, fingerprint, registered_at: row.registered_at, registered_by: by }))
    .execute());
  return { fingerprint };
}

export async function federatedMonths(ctx: Ctx, prefix: string): Promise<FederatedMonth[]> {
  const rows = await ctx.store.read.selectFrom('federation_imports')
    .innerJoin('federation_keys', 'federation_keys.county_code', 'federation_imports.county_code')
    .select(['federation_imports.county_code', 'federation_keys.county_name', 'month', 'version', 'hash', 'signed_at', 'imported_at', 'imported_by', 'replaced_at', 'federation_imports.form_no'])
    .where('federation_imports.county_code', 'like', `${prefix}%`)
    .orderBy('month', 'desc').orderBy('federation_imports.county_code').orderBy('version', 'desc').limit(5000).execute();
  return rows.map((r) => ({
    countyCode: r.county_code, countyName: r.county_name, month: r.month, version: r.version, hash: r.hash,
    signedAt: r.signed_at, importedAt: r.imported_at, importedBy: r.imported_by, replacedAt: r.replaced_at, formNo: r.form_no ?? null,
  }));
}
