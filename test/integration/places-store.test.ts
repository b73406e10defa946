// Place names in their own store (db/areas.ts, issue #13), on fake-indexeddb: a phone updated from
// a version that kept them in the case database's `areas` table still names its places offline
// (they are copied once), and a phone that never had a case database gets none from reading them.
import { describe, it, expect, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { ShuoheDb } from '../../src/db/schema.ts';
import type { StoredArea } from '../../src/db/areas.ts';

const row = (code: string, name: string, level: StoredArea['level'], parent: string | null, county = '150523'): StoredArea =>
  ({ code, name, level, parent, committee: null, validTo: null, county });

const names = (rows: readonly StoredArea[]) => rows.map((r) => r.name).sort();

/** The databases that exist, by name. */
const databases = async () => (await indexedDB.databases()).map((d) => d.name);

const PLACES_DB_NAME = 'shuohe-places';

async function freshStore() {
  // One module per phone start: db/areas.ts copies the old table once per page.
  vi.resetModules();
  return import('../../src/db/areas.ts');
}

describe('the places store', () => {
  it('adopts the names an earlier version kept in the case database, once', async () => {
    // A phone with nothing kept yet but the earlier version's case database, its areas table
    // filled for two counties.
    const old = new ShuoheDb('shuohe');
    await old.areas.bulkPut([
      row('150404', '松山区', 'county', null, '150404'),
      row('150404001', '振兴街道', 'town', '150404', '150404'),
      row('150523', '开鲁县', 'county', null),
      row('150523100200', '五家村委会', 'village', '150523100'),
    ]);
    old.close();
    const store = await freshStore();
    // Offline after the update, a county named from the old copy.
    expect(names(await store.loadCountyAreas('150404'))).toEqual(['振兴街道', '松山区']);
    expect(names(await store.loadAreas())).toEqual(['五家村委会', '开鲁县', '振兴街道', '松山区']);
    // Online: a fresh tree replaces the copy.
    await store.replaceCountyAreas('150523', [row('150523', '开鲁县', 'county', null), row('150523101', '麦新镇', 'town', '150523')]);
    expect(names(await store.loadCountyAreas('150523'))).toEqual(['开鲁县', '麦新镇']);

    // Copied once: what the old table holds later is not read again, at the next start either.
    const again = new ShuoheDb('shuohe');
    await again.areas.put(row('150404002', '钢铁街道', 'town', '150404', '150404'));
    again.close();
    const next = await freshStore();
    expect(names(await next.loadCountyAreas('150404'))).toEqual(['振兴街道', '松山区']);
    expect(names(await next.loadCountyAreas('150523'))).toEqual(['开鲁县', '麦新镇']);
  });

  it('opens no case database on a phone without one, and keeps a county whole', async () => {
    // Another phone (a new IndexedDB): no database at all yet.
    globalThis.indexedDB = new IDBFactory();
    const store = await freshStore();
    expect(await store.loadCountyAreas('150523')).toEqual([]);
    await store.replaceCountyAreas('150523', [row('150523', '开鲁县', 'county', null), row('150523100', '开鲁镇', 'town', '150523')]);
    await store.replaceCountyAreas('150523', [row('150523', '开鲁县', 'county', null), row('150523101', '麦新镇', 'town', '150523')]);
    expect(names(await store.loadCountyAreas('150523'))).toEqual(['开鲁县', '麦新镇']);
    expect(await databases()).not.toContain('shuohe');
    expect(store.PLACES_DB).toBe(PLACES_DB_NAME);
    expect(await databases()).toContain(PLACES_DB_NAME);
  });

});
