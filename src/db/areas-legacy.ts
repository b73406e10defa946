// Place names as versions before the places store (db/areas.ts) kept them: the `areas` table of
// the case database. Read with plain IndexedDB, not Dexie, so a public page adopting them loads no
// case schema; and never on a phone without a case database, which opening by name would create.
import type { StoredArea } from './areas.ts';

const CASE_DB = 'shuohe';
const TABLE = 'areas';

export async function legacyAreas(): Promise<StoredArea[]> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
  if (!(await indexedDB.databases()).some((d) => d.name === CASE_DB)) return [];
  // No version asked: the database opens as it is, and no upgrade can run from here.
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(CASE_DB);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open'));
  });
  try {
    // The app opening the case database for an upgrade must not wait on this connection.
    db.onversionchange = () => db.close();
    if (!db.objectStoreNames.contains(TABLE)) return [];
    return await new Promise<StoredArea[]>((resolve, reject) => {
      const request = db.transaction(TABLE, 'readonly').objectStore(TABLE).getAll();
      request.onsuccess = () => resolve(request.result as StoredArea[]);
      request.onerror = () => reject(request.error ?? new Error('getAll'));
    });
  } finally {
    db.close();
  }
}
