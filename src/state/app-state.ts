// App-wide state as signals, kept in its own module so hot reload never re-creates it
// (toolchain.md pitfall 11). Screens read these; they never open Dexie or fetch themselves.

import { signal, computed } from '@preact/signals';
import { liveQuery } from 'dexie';
import { ShuoheDb } from '../db/schema.ts';
import { loadProfile, type Profile } from '../db/settings.ts';
import type { WriteContext } from '../db/write.ts';

export const db = new ShuoheDb();

export const profile = signal<Profile | undefined>(undefined);
export const profileLoaded = signal(false);
export const isOnline = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
export const pendingCount = signal(0);
export const updateReady = signal(false);

/** The signed-in account's id (set by session.ts); the server credits every push to it anyway. */
export const accountUserId = signal<string | undefined>(undefined);

/** The user id stamped on mutations: the account when signed in, else the profile's name. */
export const userId = computed(() => accountUserId.value ?? profile.value?.name ?? 'device');

/** Where saves read the signed months from; state/sync.ts plugs in state/month-locks.ts (loaded after first paint). */
let signedMonthsSource: WriteContext['signedMonths'];
export function provideSignedMonths(source: WriteContext['signedMonths']): void {
  signedMonthsSource = source;
}

export function writeContext(): WriteContext {
  return { db, userId: userId.value, now: () => new Date(), signedMonths: () => signedMonthsSource?.() ?? Promise.resolve([]) };
}

export async function startAppState(): Promise<void> {
  // Sealed once a PIN exists: undefined while locked, read again at the unlock (session.ts).
  // An unlock that came first has already read it: keep that.
  profile.value = (await loadProfile()) ?? profile.value;
  profileLoaded.value = true;
  addEventListener('online', () => (isOnline.value = true));
  addEventListener('offline', () => (isOnline.value = false));
  liveQuery(() => db.outbox.count()).subscribe({ next: (n) => (pendingCount.value = n) });
}
