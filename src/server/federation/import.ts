// A province server takes a county month from its file. Checked before anything is written: the
// file's shape, the county's registered key, the signature over the exact signed bytes, the
// version chain (a replayed older version, the same version changed, or a version that skips
// the one held here are refused with a sentence saying what to do), and that its columns are the
// ones this server counts. Then, in one transaction, the import is logged with the month's cells
// (federation/cells.ts: one compact row, the current version's being what counts), the stored
// totals of the month and the province-month above it are written and the years above marked
// stale (federation/totals.ts); the version it replaced stays listed with the time it was replaced.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { FederatedMonth, FederationPayload } from '../../shared/federation.ts';
import type { Ctx } from '../deps.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { ApiError } from '../http/errors.ts';
import { sha256Hex } from './export.ts';
import { fingerprintOf, parsePublicKey } from './identity.ts';
import { encodeCells, rollupOfCells } from './cells.ts';
import { readPayload, type CellSchema, type ReadFile } from './payload.ts';
import { checkSignatures } from './signatures.ts';
import type { Rollup } from '../../shared/stats.ts';
import { importTotals, totalsBefore, type ImportedMonth } from './totals.ts';
import { chunked } from '../store/chunked.ts';

const cellSchemas = new WeakMap<Store, Promise<CellSchema>>();

/**
 * The stat_cells columns of this server, read from the database itself (both dialects). Imported
 * cells are not stored in that table (federation/cells.ts) but are checked as it would hold
 * them: the same columns, the required ones given, whole numbers where it keeps integers.
 */
function cellSchema(store: Store): Promise<CellSchema> {
  let schema = cellSchemas.get(store);
  if (!schema) {
    schema = store.read.introspection.getTables().then((tables) => {
      const columns = (tables.find((t) => t.name === 'stat_cells')?.columns ?? []).filter((c) => c.name !== 'area_code' && c.name !== 'period');
      return {
        order: columns.map((c) => c.name), known: new Set(columns.map((c) => c.name)),
        required: new Set(columns.filter((c) => !c.isNullable && !c.hasDefaultValue).map((c) => c.name)),
        integer: new Set(columns.filter((c) => /^(int|integer|int4|int8|bigint|smallint)$/i.test(c.dataType)).map((c) => c.name)),
      };
    });
    cellSchemas.set(store, schema);
  }
  return schema;
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

/** A file checked, with what the import writes of it: its cells as stored, its month's roll-up. */
interface Verified {
  payload: FederationPayload;
  hash: string;
  countyName: string;
  cells: string;
  rollup: Rollup | undefined;
}

/**
 * Checks one file against its county's key (`signatureOk`: the Ed25519 check of its signed text,
 * made beforehand) and its columns against this server's; returns what to apply. Writes nothing.
 */
function verifyFile(read: ReadFile, key: LoadedKey | undefined, signatureOk: boolean, made: { cells: string; rollup: Rollup | undefined }): Verified {
  const { payload, signed } = read;
  const county = payload.county.code;
  if (!key) throw new ApiError(422, 'federation.keyUnknown', { county: `${payload.county.name}（${county}）` });
  if (payload.keyFingerprint !== key.fingerprint || !signatureOk) throw new ApiError(422, 'federation.signatureInvalid', { county: key.county_name });
  const { foreign, broken } = read;
  if (foreign.length > 0) throw new ApiError(422, 'federation.columnsUnknown', undefined, foreign.slice(0, 5));
  if (broken) throw new ApiError(400, 'federation.fileInvalid');
  return { payload, hash: sha256Hex(signed), countyName: key.county_name, ...made };
}

type LoadedKey = Selectable<DB['federation_keys']> & { key: KeyObject };

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
  const schema = await cellSchema(ctx.store);
  const read = bodies.map((body) => readPayload(body, schema));
  const keys = await keysOf(ctx, read.map((r) => r.payload.county.code));
  // The signatures are checked (on a worker thread for a big batch: signatures.ts) while this
  // thread makes what would be written — each month's stored cells and roll-up, pure work that is
  // thrown away if a file is refused; then each file is judged in order.
  const jobs = read.map((r) => {
    const key = keys.get(r.payload.county.code);
    return key && r.payload.keyFingerprint === key.fingerprint ? { pem: key.public_key, key: key.key, signed: r.signed, signature: r.signature } : undefined;
  });
  const { ok, result: made } = await checkSignatures(jobs, () => read.map((r) => ({ cells: encodeCells(r.payload.cells, schema.order), rollup: rollupOfCells(r.payload.cells) })));
  const files = read.map((r, i) => verifyFile(r, keys.get(r.payload.county.code), ok[i] === true, made[i] as { cells: string; rollup: Rollup | undefined }));
  const now = ctx.now().toISOString();
  return ctx.store.write(async (tx) => {
    const results: ImportResult[] = [];
    await lockProvinces(tx, ctx.store.kind, files.map((f) => f.payload.county.code.slice(0, 2)));
    // Which months had a total is read before the batch writes: the totals above a new month are added to, above a replaced one summed again.
    const before = await totalsBefore(tx, files.map((f) => [f.payload.county.code, f.payload.month] as const));
    const imported: ImportedMonth[] = [];
    // A batch holding the same county month twice takes it in rounds, in the order given, so the
    // second sees the first as the version it replaces — as if they came one request after another.
    for (const round of rounds(files)) results.push(...(await importRound(tx, round, by, now, imported)));
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
async function importRound(tx: Kysely<DB>, files: readonly Verified[], by: string, now: string, imported: ImportedMonth[]): Promise<ImportResult[]> {
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
  const replacing = files.filter((f) => current.has(monthKey(f.payload.county.code, f.payload.month)));
  for (const f of replacing) {
    await tx.updateTable('federation_imports').set({ replaced_at: now })
      .where('county_code', '=', f.payload.county.code).where('month', '=', f.payload.month).where('replaced_at', 'is', null).execute();
  }
  const log = files.map(({ payload, hash, cells }) => ({
    county_code: payload.county.code, month: payload.month, version: payload.version, hash, signed_at: payload.signedAt,
    imported_at: now, imported_by: by, replaced_at: null, org: JSON.stringify(payload.org), form_no: payload.formNo ?? null, cells,
  }));
  for (const some of chunked(log, 500)) await tx.insertInto('federation_imports').values(some).execute();
  for (const { payload, rollup } of files) imported.push({ county: payload.county.code, month: payload.month, rollup });
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
