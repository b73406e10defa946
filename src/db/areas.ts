// The server's area tree of one or more counties, kept on the phone so every screen names towns
// and villages offline (state/areas.ts fills and reads it). A county is replaced whole, in one
// transaction, so a re-coding on the server never leaves half of it behind.
import type { AreaRow } from '../shared/areas-api.ts';
import type { ShuoheDb } from './schema.ts';

export interface StoredArea extends AreaRow {
  /** The 6-digit county the row was fetched with. */
  county: string;
}

export function loadAreas(db: ShuoheDb): Promise<StoredArea[]> {
  return db.areas.toArray();
}

export function loadCountyAreas(db: ShuoheDb, county: string): Promise<StoredArea[]> {
  return db.areas.where('county').equals(county).toArray();
}

export async function replaceCountyAreas(db: ShuoheDb, county: string, rows: readonly AreaRow[]): Promise<StoredArea[]> {
  const stored = rows.map((r) => ({ ...r, county }));
  await db.transaction('rw', db.areas, async () => {
    await db.areas.where('county').equals(county).delete();
    await db.areas.bulkPut(stored);
  });
  return stored;
}
