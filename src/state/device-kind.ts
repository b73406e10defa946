// Whose device this is, decided before any private machinery starts: a mediator's or staff's work
// phone ('work', it opens on the PIN pad and its home) or anyone else's ('public', it opens on the
// residents' home with 法律指南, 申请调解 and 找调解员, and never shows a PIN pad). A device becomes
// a work device when someone signs in on it or sets its PIN (both mark it here); a phone set up
// before this mark existed is recognised by its stored profile, session or PIN.

import { signal } from '@preact/signals';
import { getMany } from 'idb-keyval';

export type DeviceKind = 'checking' | 'public' | 'work';

/** The localStorage key that marks a work device; the prerendered `/` reads it before any script (src/build/prerender.ts). */
export const WORK_DEVICE_MARK = 'shuohe.workDevice';
const MARK = WORK_DEVICE_MARK;

function stored(): DeviceKind {
  try {
    return localStorage.getItem(MARK) === '1' ? 'work' : 'checking';
  } catch {
    return 'checking';
  }
}

export const deviceKind = signal<DeviceKind>(typeof localStorage === 'undefined' ? 'checking' : stored());

/**
 * True while a prerendered page is being hydrated. It was drawn at build time for a device of
 * unknown kind, and Preact's hydrate adopts the DOM's attributes as they are, so screens that differ
 * by kind draw the prerendered variant first and correct themselves when this turns false.
 */
export const hydrating = signal(false);

/** Hydrates a prerendered page (main.tsx, public-main.tsx), then lets kind-dependent parts redraw. */
export function hydrateAsPrerendered(hydrate: () => void): void {
  hydrating.value = true;
  try {
    hydrate();
  } finally {
    hydrating.value = false;
  }
}

export function markWorkDevice(): void {
  try {
    localStorage.setItem(MARK, '1');
  } catch {
    // Private mode without storage: the in-memory answer still holds for this visit.
  }
  deviceKind.value = 'work';
}

/** Settles 'checking' from what an older install stored (idb-keyval, and the PIN's keyring). */
export async function settleDeviceKind(): Promise<void> {
  if (deviceKind.value !== 'checking') return;
  const [profile, session] = await getMany(['profile', 'session']).catch(() => [undefined, undefined]);
  const isWork = profile !== undefined || session !== undefined || (await hasWorkData());
  if (isWork) markWorkDevice();
  else deviceKind.value = 'public';
}

/**
 * Whether the case database holds a PIN's keyring or any case, read with plain IndexedDB so the
 * public home loads no database code. A database that does not exist is not created.
 */
async function hasWorkData(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (indexedDB.databases && !(await indexedDB.databases()).some((d) => d.name === 'shuohe')) return false;
  return new Promise((resolve) => {
    const open = indexedDB.open('shuohe');
    open.onerror = () => resolve(false);
    open.onupgradeneeded = () => {
      // It did not exist after all: undo the empty database this open just made.
      open.transaction?.abort();
      resolve(false);
    };
    open.onsuccess = () => {
      const idb = open.result;
      const stores = ['keyring', 'cases'].filter((name) => idb.objectStoreNames.contains(name));
      if (stores.length === 0) {
        idb.close();
        return resolve(false);
      }
      const tx = idb.transaction(stores);
      const counts = stores.map((name) => tx.objectStore(name).count());
      tx.oncomplete = () => {
        idb.close();
        resolve(counts.some((c) => c.result > 0));
      };
      tx.onerror = () => {
        idb.close();
        resolve(false);
      };
    };
  });
}

/** The last page opened on this device, where the installed app (start_url ?from=app) reopens. */
const LAST_PLACE = 'shuohe.lastPlace';

export function rememberPlace(path: string): void {
  try {
    localStorage.setItem(LAST_PLACE, path);
  } catch {
    // Nothing to remember without storage; the app opens on its home.
  }
}

export function lastPlace(): string | undefined {
  try {
    const path = localStorage.getItem(LAST_PLACE) ?? undefined;
    return path?.startsWith('/') && !path.startsWith('//') ? path : undefined;
  } catch {
    return undefined;
  }
}

