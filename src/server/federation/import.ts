// A province server takes a county month from its file. Checked before anything is written: the
// file's shape, the county's registered key, the signature over the exact signed bytes, the
// version chain (a replayed older version, the same version changed, or a version that skips
// the one held here are refused with a sentence saying what to do), and that its columns are the
// ones this server counts. Then, in one transaction, the month's cells replace the county's cells
// of that month, the year and province cells are rebuilt, and the import is logged; the version
// it replaced stays listed with the time it was replaced.
import { createPublicKey, verify } from 'node:crypto';
import * as v from 'valibot';
import type { Kysely, Selectable } from 'kysely';
import { FederationFileSchema, FederationPayloadSchema, type FederatedMonth, type FederationPayload } from '../../shared/federation.ts';
import type { Ctx } from '../deps.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { ApiError } from '../http/errors.ts';
import { rebuildFromMonths } from '../stats/cells.ts';
import { sha256Hex } from './export.ts';
import { fingerprintOf, parsePublicKey } from './identity.ts';

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

function readPayload(body: unknown): { payload: FederationPayload; signed: string; signature: string } {
  const file = v.safeParse(FederationFileSchema, body);
  if (!file.success) throw new ApiError(400, 'federation.fileInvalid');
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.output.signed);
  } catch {
    throw new ApiError(400, 'federation.fileInvalid');
  }
  const payload = v.safeParse(FederationPayloadSchema, parsed);
  if (!payload.success) throw new ApiError(400, 'federation.fileInvalid');
  return { payload: payload.output, signed: file.output.signed, signature: file.output.signature };
}

export interface ImportResult {
  county: string;
  month: string;
  version: number;
  /** The version this import replaced, if the province held one. */
  replaced: number | null;
}

/** Checks one file against its county's key; returns what to apply. Writes nothing. */
async function verifyFile(ctx: Ctx, body: unknown, keys: Map<string, KeyRow | undefined>): Promise<{ payload: FederationPayload; hash: string; countyName: string }> {
  const { payload, signed, signature } = readPayload(body);
  const county = payload.county.code;
  if (!keys.has(county)) keys.set(county, await ctx.store.read.selectFrom('federation_keys').selectAll().where('county_code', '=', county).executeTakeFirst());
  const key = keys.get(county);
  if (!key) throw new ApiError(422, 'federation.keyUnknown', { county: `${payload.county.name}（${county}）` });
  if (payload.keyFingerprint !== key.fingerprint || !verify(null, Buffer.from(signed, 'utf8'), createPublicKey(key.public_key), Buffer.from(signature, 'base64'))) {
    throw new ApiError(422, 'federation.signatureInvalid', { county: key.county_name });
  }
  const known = await localCellColumns(ctx.store);
  const foreign = [...new Set(payload.cells.flatMap((cell) => Object.keys(cell)))].filter((c) => !known.has(c) || c === 'area_code' || c === 'period');
  if (foreign.length > 0) throw new ApiError(422, 'federation.columnsUnknown', undefined, foreign.slice(0, 5));
  return { payload, hash: sha256Hex(signed), countyName: key.county_name };
}

type KeyRow = Selectable<DB['federation_keys']>;
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
  const keys = new Map<string, KeyRow | undefined>();
  const files: Verified[] = [];
  for (const body of bodies) files.push(await verifyFile(ctx, body, keys));
  const now = ctx.now().toISOString();
  return ctx.store.write(async (tx) => {
    const results: ImportResult[] = [];
    const months = new Set<string>();
    for (const { payload, hash, countyName } of files) {
      const county = payload.county.code;
      // A county kept here (its cases or its network) is counted from its own rows, never twice.
      const hosted = await tx.selectFrom('cases').select('id').where('county_code', '=', county).limit(1).executeTakeFirst()
        ?? await tx.selectFrom('committees').select('id').where('location', 'like', `${county}%`).limit(1).executeTakeFirst();
      if (hosted) throw new ApiError(409, 'federation.hostedHere', { county: countyName });
      const current = await tx.selectFrom('federation_imports').select(['version', 'hash']).where('county_code', '=', county)
        .where('month', '=', payload.month).orderBy('version', 'desc').executeTakeFirst();
      const params = { county: countyName, month: payload.month, version: payload.version, current: current?.version ?? 0 };
      if (current) {
        if (current.hash === hash) throw new ApiError(409, 'federation.already', params);
        if (payload.version < current.version) throw new ApiError(409, 'federation.replayed', params);
        if (payload.version === current.version) throw new ApiError(409, 'federation.versionConflict', params);
        if (payload.previousHash !== current.hash) throw new ApiError(409, 'federation.chainBroken', params);
      }
      await ensureAreas(tx, payload);
      await tx.deleteFrom('stat_cells').where('area_code', '=', county).where('period', '=', payload.month).execute();
      for (let i = 0; i < payload.cells.length; i += 200) {
        const rows = payload.cells.slice(i, i + 200).map((cell) => ({ ...cell, area_code: county, period: payload.month }));
        await tx.insertInto('stat_cells').values(rows as never).execute();
      }
      months.add(`${county}|${payload.month}`);
      if (current) {
        await tx.updateTable('federation_imports').set({ replaced_at: now })
          .where('county_code', '=', county).where('month', '=', payload.month).where('replaced_at', 'is', null).execute();
      }
      await tx.insertInto('federation_imports').values({
        county_code: county, month: payload.month, version: payload.version, hash, signed_at: payload.signedAt,
        imported_at: now, imported_by: by, replaced_at: null, org: JSON.stringify(payload.org), form_no: payload.formNo ?? null,
      }).execute();
      results.push({ county, month: payload.month, version: payload.version, replaced: current?.version ?? null });
    }
    await rebuildFromMonths(tx, [...months].map((k) => k.split('|') as [string, string]));
    return results;
  });
}

/** The province and county of a file become areas here, so the dashboard can name and drill them. */
async function ensureAreas(tx: Kysely<DB>, payload: FederationPayload): Promise<void> {
  const rows = [
    { code: payload.province.code, name: payload.province.name, level: 'province', parent: null },
    { code: payload.county.code, name: payload.county.name, level: 'county', parent: payload.province.code },
  ];
  for (const row of rows) {
    await tx.insertInto('areas').values({ ...row, valid_from: null, valid_to: null }).onConflict((oc) => oc.column('code').doNothing()).execute();
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
