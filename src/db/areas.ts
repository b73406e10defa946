// The server's area tree of one or more counties, kept on the phone so every screen names towns
// and villages offline (state/places.ts fills and reads it). A small IndexedDB database of its
// own, apart from the case database: /help's village picker reads it on a resident's phone
// without opening the case schema, the session or the lock (issue #13: the public page's total
// blocking time). One entry per county, replaced whole in one write, so a re-coding on the server
// never leaves half of a county behind. Names are public: nothing here is sealed.
import { createStore, entries, get, keys, set } from 'idb-keyval';
import { pushInto } from '../shared/group.ts';
import type { AreaRow } from '../shared/areas-api.ts';
import { legacyAreas } from './areas-legacy.ts';

export interface StoredArea extends AreaRow {
  /** The 6-digit county the row was fetched with. */
  county: string;
}

/** The database's name; the case database is `shuohe` (db/schema.ts). */
export const PLACES_DB = 'shuohe-places';
const store = createStore(PLACES_DB, 'counties');
/** Set once the names earlier versions kept in the case database were copied here. */
const ADOPTED = 'adopted';
const isCounty = (key: IDBValidKey): key is string => typeof key === 'string' && /^\d{6}$/.test(key);

let adoption: Promise<void> | undefined;

/**
 * Before this store existed the names sat in the case database's `areas` table: a phone updated
 * offline must still name its cases, so they are copied here once (the table is no longer read).
 */
function adoptLegacy(): Promise<void> {
  adoption ??= (async () => {
    if (await get(ADOPTED, store)) return;
    const byCounty = new Map<string, StoredArea[]>();
    for (const row of await legacyAreas()) pushInto(byCounty, row.county, row);
    const kept = new Set(await keys(store));
    for (const [county, rows] of byCounty) if (!kept.has(county)) await set(county, rows, store);
    await set(ADOPTED, true, store);
  })().catch(() => {
    adoption = undefined; // tried again at the next read: a failed copy must not lose the names
  });
  return adoption;
}

export async function loadAreas(): Promise<StoredArea[]> {
  await adoptLegacy();
  return (await entries<IDBValidKey, StoredArea[]>(store)).flatMap(([key, rows]) => (isCounty(key) ? rows : []));
}

export async function loadCountyAreas(county: string): Promise<StoredArea[]> {
  await adoptLegacy();
  return (await get<StoredArea[]>(county, store)) ?? [];
}

export async function replaceCountyAreas(county: string, rows: readonly AreaRow[]): Promise<StoredArea[]> {
  const stored = rows.map((r) => ({ ...r, county }));
  await adoptLegacy();
  await set(county, stored, store);
  return stored;
}
