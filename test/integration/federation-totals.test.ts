// The stored totals an import writes (federation/totals.ts), on SQLite and PostgreSQL: months
// arriving over several requests add to the county-years and province totals above them, a month
// with no cases, two months of a county in one batch and a re-signed month replacing its
// predecessor all leave every stored total equal to summing the months afresh (stats/cells.ts
// rebuildFromMonths, the path the hosted counties' refresh takes). And the cells of a file are
// checked by hand as stat_cells holds them: a sum given as text or a dimension given as a number
// refuses the file before anything is written. Two imports into one province at the same time
// both count (they take turns on the province's totals: on PostgreSQL an advisory lock; whether
// two requests overlap at the window that matters depends on timing, so this one checks the
// outcome, it cannot force the race).
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { federationFormat, type FederatedCell, type FederationFile, type FederationPayload } from '../../src/shared/federation.ts';
import { makeCtx, type Ctx } from '../../src/server/deps.ts';
import { importMonths } from '../../src/server/federation/import.ts';
import { fingerprintOf } from '../../src/server/federation/identity.ts';
import { sha256Hex } from '../../src/server/federation/export.ts';
import { cellGroups, rebuildFromMonths } from '../../src/server/stats/cells.ts';
import { importedCells } from '../../src/server/federation/cells.ts';
import { moveImportedCells } from '../../src/server/federation/migration.ts';
import { rollupByKey } from '../../src/shared/stats.ts';
import { areaRollup } from '../../src/server/stats/summary.ts';
import { totalsByKey } from '../../src/server/stats/totals.ts';
import { freshenStaleYears } from '../../src/server/federation/stale-years.ts';
import { yearPeriod } from '../../src/shared/stat-periods.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';

afterAll(closeTestStores);

const pair = generateKeyPairSync('ed25519');
const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const fingerprint = fingerprintOf(pair.publicKey);
// Two provinces, three counties; none of them is seeded in a fresh store.
const counties = ['610102', '610103', '620102'];

/** A cell over real dimensions; `k` varies the figures (amounts in 元 with fen). */
function cell(k: number, category: string): FederatedCell {
  const success = k % 4 !== 1;
  return {
    category_code: category, source: k % 3 === 0 ? '申请' : k % 3 === 1 ? '主动调解' : '法院委派', status: success ? 'archived' : 'accepted', outcome: success ? 'success' : null,
    agreement_form: success ? (k % 2 === 0 ? '书面' : '口头') : null, performance: success && k % 5 === 0 ? '已履行' : null, confirmation: null, satisfaction: success ? '满意' : null,
    n: 1 + (k % 5), difficult: k % 2, amount_yuan: success ? 100.25 * (k % 7) : 0, suicide_cases: 0, suicide_persons: 0, criminal_cases: k % 3 === 0 ? 1 : 0,
    criminal_persons: k % 3 === 0 ? 2 : 0, petition_cases: 0, petition_persons: 0, fight_cases: 0, fight_persons: 0, parties_involved: 2 + (k % 3),
  };
}
/** A cell as an older county server sends it: without the columns added since (satisfaction, 当事人数). */
const older = ({ satisfaction: _s, parties_involved: _p, ...rest }: FederatedCell): FederatedCell => rest;
/** A cell as it is read back: a column without a value is left out (an absent dimension is null, an absent sum 0). */
const present = (c: FederatedCell): FederatedCell => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null));
const monthCells = (seed: number, count: number) => Array.from({ length: count }, (_, i) => cell(seed + i, ['01', '02', '03', '05'][(seed + i) % 4] as string));

const signedOf = new Map<string, string>();
function file(county: string, month: string, version: number, cells: FederatedCell[], extra: Partial<FederationPayload> = {}): FederationFile {
  const previous = signedOf.get(`${county}|${month}|${version - 1}`);
  const payload: FederationPayload = {
    county: { code: county, name: `县${county}` }, province: { code: county.slice(0, 2), name: `省${county.slice(0, 2)}` }, month, version,
    previousHash: previous === undefined ? null : sha256Hex(previous), signedAt: `${month}-28T08:00:00.000Z`, generatedAt: `${month}-28T08:00:00.000Z`,
    keyFingerprint: fingerprint, cells, org: { committeesTotal: 3 }, ...extra,
  };
  const signed = JSON.stringify(payload);
  signedOf.set(`${county}|${month}|${version}`, signed);
  return { format: federationFormat, signed, signature: sign(null, Buffer.from(signed), pair.privateKey).toString('base64') };
}

/** Every stored total, parsed, by area and period. */
async function totals(ctx: Ctx): Promise<Record<string, unknown>> {
  const rows = await ctx.store.read.selectFrom('stat_totals').select(['area_code', 'period', 'rollup']).orderBy('area_code').orderBy('period').execute();
  return Object.fromEntries(rows.map((r) => [`${r.area_code}|${r.period}`, JSON.parse(r.rollup)]));
}

/** The stored totals as summing every imported month afresh makes them (in a transaction rolled back). */
async function summedAfresh(ctx: Ctx): Promise<Record<string, unknown>> {
  const months = await ctx.store.read.selectFrom('federation_imports').select(['county_code', 'month']).where('replaced_at', 'is', null).execute();
  let out: Record<string, unknown> = {};
  await ctx.store.write(async (tx) => {
    await tx.deleteFrom('stat_totals').execute();
    await rebuildFromMonths(tx, months.map((m) => [m.county_code, m.month] as const));
    const rows = await tx.selectFrom('stat_totals').select(['area_code', 'period', 'rollup']).execute();
    out = Object.fromEntries(rows.map((r) => [`${r.area_code}|${r.period}`, JSON.parse(r.rollup)]));
    throw new Rollback();
  }).catch((error: unknown) => {
    if (!(error instanceof Rollback)) throw error;
  });
  return out;
}
class Rollback extends Error {}

/**
 * The totals as a read answers them: an import leaves a year above its months stale (its row
 * removed) and the read sums the year's months — every stored year kept must still be exact, and
 * every year with months under it is read through totalsByKey, as the dashboard reads it.
 */
async function asRead(ctx: Ctx, stored: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = Object.fromEntries(Object.entries(stored).filter(([key]) => key.split('|')[1]?.length === 7));
  const years = new Set(Object.keys(out).map((key) => { const [area, month] = key.split('|') as [string, string]; return `${area}|${month.slice(0, 4)}`; }));
  for (const key of years) {
    const [area, year] = key.split('|') as [string, string];
    const read = (await totalsByKey(ctx.store.read, area, yearPeriod(Number(year)), 'none', area.length)).get('');
    if (key in stored) expect(stored[key]).toEqual(read);
    if (read) out[key] = read;
  }
  return out;
}

describe.each(storeKinds)('federation import totals (%s)', (kind) => {
  test('months added over many requests, empty months, batches and re-signings leave the totals a fresh sum gives', async () => {
    const store = await openTestStore(kind);
    const ctx = makeCtx({ store, now: () => new Date('2026-01-15T00:00:00Z'), version: 'test' });
    const now = new Date().toISOString();
    await store.db.insertInto('federation_keys').values(counties.map((c) => ({
      county_code: c, county_name: `县${c}`, public_key: publicPem, fingerprint, registered_at: now, registered_by: 'test',
    }))).execute();
    const check = async () => {
      const stored = await totals(ctx);
      expect(Object.keys(stored).length).toBeGreaterThan(0);
      expect(await asRead(ctx, stored)).toEqual(await summedAfresh(ctx));
    };

    // January of every county in one request: nothing above them yet. One county's file mixes
    // cells of an older server (fewer columns) with full ones: the table's defaults fill them in.
    const mixed = monthCells(0, 6).map((c, i) => (i % 2 === 0 ? older(c) : c));
    await importMonths(ctx, counties.map((c, i) => file(c, '2025-01', 1, i === 0 ? mixed : monthCells(i * 10, 6))), 'test');
    await check();
    // February one county at a time: each adds to its county-year and to its province's totals.
    for (const [i, c] of counties.entries()) await importMonths(ctx, [file(c, '2025-02', 1, monthCells(50 + i, 5))], 'test');
    await check();
    // A month without a case, and two months of one county in one batch.
    await importMonths(ctx, [file('610102', '2025-03', 1, []), file('610103', '2025-03', 1, monthCells(70, 4)), file('610103', '2025-04', 1, monthCells(80, 3))], 'test');
    await check();
    expect(Object.keys(await totals(ctx))).not.toContain('610102|2025-03');
    // A re-signed month replaces its predecessor: the totals above it are summed again, not added to.
    await importMonths(ctx, [file('610103', '2025-02', 2, monthCells(90, 2)), file('620102', '2025-05', 1, monthCells(95, 3))], 'test');
    await check();
    // …also when the new version has no case left, and when both versions come in one batch.
    await importMonths(ctx, [file('610102', '2025-01', 2, [])], 'test');
    await check();
    expect(Object.keys(await totals(ctx))).not.toContain('610102|2025-01');
    await importMonths(ctx, [file('620102', '2025-06', 1, monthCells(5, 2)), file('620102', '2025-06', 2, monthCells(7, 4))], 'test');
    await check();
    // Another year stays apart from this one.
    await importMonths(ctx, [file('610102', '2024-12', 1, monthCells(3, 3))], 'test');
    await check();

    // The province's year is the sum of what its counties sent, the last version of each month:
    // 610102's January was re-signed empty, 610103's February re-signed with two cells.
    const accepted = (cells: FederatedCell[]) => cells.reduce((sum, c) => sum + (c.n as number), 0);
    const expected = accepted(monthCells(10, 6)) + accepted(monthCells(50, 5)) + accepted(monthCells(90, 2)) + accepted(monthCells(70, 4)) + accepted(monthCells(80, 3));
    expect((await areaRollup(ctx, '61', yearPeriod(2025))).accepted).toBe(expected);

    // The first read of whole years stores the stale ones afresh and clears their marks: then
    // every stored total, the years included, is what a fresh sum gives.
    const years = { from: '2024-01-01', to: '2026-01-01' };
    for (const level of [6, 2]) await freshenStaleYears(store, '', years, 'child', level);
    expect(await store.db.selectFrom('stat_totals_stale').selectAll().execute()).toEqual([]);
    expect(await totals(ctx)).toEqual(await summedAfresh(ctx));

    // The dimension cells of the imported months (stats/cells.ts cellGroups, read from their import
    // rows) add up to the stored totals, by month, by county and by 调解主体 (which they do not say).
    const year = yearPeriod(2025);
    const byMonth = rollupByKey(await cellGroups(store.read, { area: '61', period: year, by: 'month' }));
    expect(Object.fromEntries(byMonth)).toEqual(Object.fromEntries(await totalsByKey(store.read, '61', year, 'month', 2)));
    const byCounty = rollupByKey(await cellGroups(store.read, { area: '61', period: year, by: 'child' }));
    expect(Object.fromEntries(byCounty)).toEqual(Object.fromEntries(await totalsByKey(store.read, '61', year, 'child', 6)));
    const byType = rollupByKey(await cellGroups(store.read, { area: '61', period: year, by: 'committeeType' }));
    expect([...byType.keys()]).toEqual(['']);
    expect(byType.get('')).toEqual(await areaRollup(ctx, '61', year));
  });

  test('cells imported before 0350 move from stat_cells into their import rows', async () => {
    const store = await openTestStore(kind);
    const ctx = makeCtx({ store, now: () => new Date('2026-01-15T00:00:00Z'), version: 'test' });
    const now = new Date().toISOString();
    const log = (month: string, version: number, replaced: string | null) => ({
      county_code: '650102', month, version, hash: `h${month}${version}`, signed_at: now, imported_at: now, imported_by: 'test', replaced_at: replaced, org: '{}', form_no: null, cells: null,
    });
    // As an older server left them: the current version's cells in stat_cells, a replaced version before it.
    await store.db.insertInto('federation_imports').values([log('2025-01', 1, now), log('2025-01', 2, null), log('2025-02', 1, null)]).execute();
    const january = monthCells(0, 4);
    const february = monthCells(20, 3).map(older);
    const rowsOf = (month: string, cells: FederatedCell[]) => cells.map((c) => ({ ...c, area_code: '650102', period: month }));
    for (const rows of [rowsOf('2025-01', january), rowsOf('2025-02', february), rowsOf('2025-03', monthCells(40, 1))]) await store.db.insertInto('stat_cells').values(rows as never).execute();
    await moveImportedCells(store.db as never);

    const cells = await importedCells(store.db, [['650102', '2025-01'], ['650102', '2025-02']]);
    // Read back as stat_cells held them: the older cells' columns with the table's defaults.
    const asHeld = (c: FederatedCell) => present({ satisfaction: null, committee_type: null, parties_involved: 0, ...c });
    expect(cells.get('650102|2025-01')?.map(asHeld)).toEqual(january.map(asHeld));
    expect(cells.get('650102|2025-02')?.map(asHeld)).toEqual(february.map(asHeld));
    // Only March, which no import row names, is left in stat_cells.
    expect((await store.db.selectFrom('stat_cells').select('period').distinct().execute()).map((r) => r.period)).toEqual(['2025-03']);
    // …and the totals summed afresh come from the moved cells.
    await store.write((tx) => rebuildFromMonths(tx, [['650102', '2025-01'], ['650102', '2025-02']]));
    const accepted = (list: FederatedCell[]) => list.reduce((sum, c) => sum + (c.n as number), 0);
    expect((await areaRollup(ctx, '650102', { from: '2025-01-01', to: '2025-03-01' })).accepted).toBe(accepted(january) + accepted(february));
  });

  test('cells are checked as the table holds them: a sum as text or a dimension as a number refuses the file', async () => {
    const store = await openTestStore(kind);
    const ctx = makeCtx({ store, now: () => new Date('2026-01-15T00:00:00Z'), version: 'test' });
    await store.db.insertInto('federation_keys').values({
      county_code: '630102', county_name: '县630102', public_key: publicPem, fingerprint, registered_at: new Date().toISOString(), registered_by: 'test',
    }).execute();
    const good = monthCells(1, 3);
    // …and as the table would hold them: a fraction where it keeps whole numbers, a required column missing.
    const { category_code: _c, ...noCategory } = good[0] as FederatedCell;
    for (const bad of [{ ...good[0], n: '3' }, { ...good[0], category_code: 1 }, { ...good[0], amount_yuan: null }, { ...good[0], difficult: true }, { ...good[0], n: 1.5 }, noCategory]) {
      const refused = importMonths(ctx, [file('630102', '2025-01', 1, [...good.slice(1), bad as FederatedCell])], 'test');
      await expect(refused).rejects.toMatchObject({ status: 400, code: 'federation.fileInvalid' });
    }
    // A column this server does not know is a version difference, said as such.
    const foreign = importMonths(ctx, [file('630102', '2025-01', 1, [{ ...good[0], mystery: 'x' } as FederatedCell])], 'test');
    await expect(foreign).rejects.toMatchObject({ status: 422, code: 'federation.columnsUnknown' });
    expect(await store.db.selectFrom('federation_imports').select('county_code').execute()).toEqual([]);
    await importMonths(ctx, [file('630102', '2025-01', 1, good)], 'test');
    // The month's cells are kept in its import row (federation/cells.ts), none in stat_cells.
    expect((await importedCells(store.db, [['630102', '2025-01']])).get('630102|2025-01')).toEqual(good.map(present));
    expect(await store.db.selectFrom('stat_cells').select('area_code').execute()).toEqual([]);
  });

  test('two imports into one province at once both count: the province totals add one after the other', async () => {
    const store = await openTestStore(kind);
    const ctx = makeCtx({ store, now: () => new Date('2026-01-15T00:00:00Z'), version: 'test' });
    const many = Array.from({ length: 40 }, (_, i) => `64${String(1 + Math.floor(i / 10)).padStart(2, '0')}${String(1 + (i % 10)).padStart(2, '0')}`);
    const now = new Date().toISOString();
    await store.db.insertInto('federation_keys').values(many.map((c) => ({
      county_code: c, county_name: `县${c}`, public_key: publicPem, fingerprint, registered_at: now, registered_by: 'test',
    }))).execute();
    let expected = 0;
    for (const month of ['2025-01', '2025-02', '2025-03']) {
      const files = many.map((c, i) => {
        const cells = monthCells(i, 8);
        expected += cells.reduce((sum, c) => sum + (c.n as number), 0);
        return file(c, month, 1, cells);
      });
      // Two requests of half the counties each, at the same time.
      await Promise.all([importMonths(ctx, files.slice(0, 20), 'test'), importMonths(ctx, files.slice(20), 'test')]);
    }
    expect((await areaRollup(ctx, '64', yearPeriod(2025))).accepted).toBe(expected);
    expect(await asRead(ctx, await totals(ctx))).toEqual(await summedAfresh(ctx));
  });
});

