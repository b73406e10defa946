// The signed months this device refuses locked edits by (shared/month-locks.ts). Kept in
// idb-keyval so a phone offline refuses with the last known state; refreshed after every sync.
// Office staff (town, county) are online at their desks: before each save they ask the server
// again, so what they see is the server's verdict, never a 已保存 that the push then refuses into
// their own 待核对.
import { signal } from '@preact/signals';
import type { SignedMonth, SignedMonths } from '../shared/month-locks.ts';
import { loadSignedMonths, saveSignedMonths } from '../db/settings.ts';
import { createApiClient } from '../sync/http.ts';
import { isOnline } from './app-state.ts';
import { session } from './session.ts';

/** The last known list, for screens that show it (我的 → 本机状态). */
export const signedMonths = signal<SignedMonths | undefined>(undefined);

/** A save waits at most this long for the server's list before using the one it has. */
const FRESH_WAIT_MS = 4000;

/** Asks the server for the account's signed months and keeps them; the kept list if that fails. */
export async function refreshSignedMonths(): Promise<SignedMonths | undefined> {
  const s = session.value;
  if (!s || !isOnline.value) return known();
  const api = createApiClient(fetch.bind(globalThis), '', () => session.value?.token);
  try {
    const fresh = await api.get<SignedMonths>('/api/sync/locks');
    await saveSignedMonths(fresh);
    signedMonths.value = fresh;
    return fresh;
  } catch {
    return known();
  }
}

async function known(): Promise<SignedMonths | undefined> {
  signedMonths.value ??= await loadSignedMonths();
  return signedMonths.value;
}

/** What a save checks against (db/write.ts WriteContext.signedMonths). */
export async function signedMonthsForSave(): Promise<readonly SignedMonth[]> {
  const staff = session.value !== undefined && session.value.me.role !== 'mediator';
  if (!staff || !isOnline.value) return (await known())?.months ?? [];
  let timer: number | undefined;
  const late = new Promise<undefined>((resolve) => (timer = window.setTimeout(resolve, FRESH_WAIT_MS)));
  const fresh = await Promise.race([refreshSignedMonths(), late]);
  clearTimeout(timer);
  return (fresh ?? (await known()))?.months ?? [];
}
