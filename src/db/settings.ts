// Small device settings and form drafts in idb-keyval, apart from the case database: the
// mediator's profile (until accounts exist it is what stamps each case) and drafts that must
// survive a reload, a crash and an app update.

import type { CommitteeRef } from '../shared/committee-area.ts';
import { get, set, del, keys } from 'idb-keyval';
import type { Keyring } from './crypto-keyring.ts';
import type { SignedMonths } from '../shared/month-locks.ts';

export interface Profile {
  name: string;
  committeeName: string;
  villageCode: string;
  /** A signed-in mediator's committees (issue #14); the first one is the default above. */
  committees?: CommitteeRef[];
}

const PROFILE_KEY = 'profile';

/** The profile holds the mediator's name: sealed like the session, readable only while unlocked. */
export async function loadProfile(): Promise<Profile | undefined> {
  const read = await loadSealedSetting<Profile, object>(PROFILE_KEY, () => ({}));
  return read.state === 'open' ? read.value : undefined;
}
export const saveProfile = (profile: Profile): Promise<void> => saveSealedSetting(PROFILE_KEY, profile, {});
/** The device was wiped: its key is gone, and with it any use of the sealed profile. */
export const forgetProfile = (): Promise<void> => forgetSealedSetting(PROFILE_KEY);

// The signed months of the account's towns as the server last said (GET /api/sync/locks): public
// facts, not sealed, kept so a locked edit is refused on the form offline too.
const SIGNED_MONTHS_KEY = 'signedMonths';
export const loadSignedMonths = (): Promise<SignedMonths | undefined> => get<SignedMonths>(SIGNED_MONTHS_KEY);
export const saveSignedMonths = (value: SignedMonths): Promise<void> => set(SIGNED_MONTHS_KEY, value);

const draftKey = (form: string) => `draft:${form}`;

// A draft holds parties and facts, so once the device has a PIN it is sealed with the data key
// like the cases (crypto-middleware.ts). state/lock.ts hands the device's vault over at start;
// while it is locked, saving throws rather than writing personal data in clear.
interface SealedDraft {
  $sealed: Uint8Array<ArrayBuffer>;
}
const isSealedDraft = (v: unknown): v is SealedDraft => typeof v === 'object' && v !== null && '$sealed' in v;

let vault: Keyring | undefined;
export function sealDraftsWith(keyring: Keyring): void {
  vault = keyring;
}

export async function loadDraft<T>(form: string): Promise<T | undefined> {
  const stored = await get<T | SealedDraft>(draftKey(form));
  if (!isSealedDraft(stored)) return stored;
  if (!vault) return undefined;
  return vault.openJson(stored.$sealed, draftKey(form)) as T;
}

export function saveDraft<T>(form: string, value: T): Promise<void> {
  if (!vault || vault.mode === 'plain') return set(draftKey(form), value);
  return set(draftKey(form), { $sealed: vault.sealJson(value, draftKey(form)) } satisfies SealedDraft);
}

/**
 * A setting sealed under the PIN key (the session, the profile, whose device this is), with the
 * few bits the shell needs while locked kept beside it in clear. Before a PIN exists it is stored
 * as it is, like a draft; once one exists it is never written in clear.
 */
export type SealedSetting<T, C> = { state: 'none' } | { state: 'open'; value: T } | { state: 'locked'; clear: C };

export async function loadSealedSetting<T, C extends object>(key: string, clearOf: (value: T) => C): Promise<SealedSetting<T, C>> {
  if (unsealed.has(key)) {
    const value = unsealed.get(key) as T;
    // The first PIN exists now: written for the first time, sealed.
    if (vault?.mode === 'open') await saveSealedSetting(key, value, clearOf(value));
    return { state: 'open', value };
  }
  const stored = await get<unknown>(key);
  if (stored === undefined) return { state: 'none' };
  if (isSealedDraft(stored)) {
    const { $sealed, ...clear } = stored as SealedDraft & C;
    if (vault?.mode !== 'open') return { state: 'locked', clear: clear as C };
    try {
      return { state: 'open', value: vault.openJson($sealed, key) as T };
    } catch {
      // Sealed under a key this device no longer has (a wipe, then a new PIN): unreadable for good.
      await del(key);
      return { state: 'none' };
    }
  }
  // In clear: stored before the PIN was set, or by a version that did not seal it. Once a PIN
  // exists it stays unreadable until the unlock, which seals it and drops the clear copy.
  const value = stored as T;
  if (vault?.mode === 'locked') return { state: 'locked', clear: clearOf(value) };
  if (vault?.mode === 'open') await set(key, { ...clearOf(value), $sealed: vault.sealJson(value, key) });
  return { state: 'open', value };
}

/**
 * Before the first PIN (staff sign in before setting it, ui/lock/lock-gate.tsx) a setting is kept
 * in memory only: written in clear even for a moment, it would stay in IndexedDB's LevelDB log
 * after being sealed. The PIN comes on the very next screen; a reload before it means signing in
 * again.
 */
const unsealed = new Map<string, unknown>();

/** Throws LockedError while locked: nothing personal is written in clear once a PIN exists. */
export function saveSealedSetting<T, C extends object>(key: string, value: T, clear: C): Promise<void> {
  // No vault: a test of another module, without the lock.
  if (!vault) return set(key, value);
  if (vault.mode === 'plain') {
    unsealed.set(key, value);
    return Promise.resolve();
  }
  const sealed = { ...clear, $sealed: vault.sealJson(value, key) };
  unsealed.delete(key);
  return set(key, sealed);
}

/** Forgets a sealed setting, stored or still waiting for the PIN. */
export function forgetSealedSetting(key: string): Promise<void> {
  unsealed.delete(key);
  return del(key);
}

export const clearDraft = (form: string): Promise<void> => del(draftKey(form));

const draftKeys = async (): Promise<string[]> => (await keys()).filter((k): k is string => typeof k === 'string' && k.startsWith('draft:'));

/** Seals drafts written before the PIN existed (part of crypto-migrate's one-time step). */
export async function sealDrafts(): Promise<void> {
  if (!vault || vault.mode !== 'open') return;
  for (const key of await draftKeys()) {
    const value = await get<unknown>(key);
    if (value !== undefined && !isSealedDraft(value)) await set(key, { $sealed: vault.sealJson(value, key) } satisfies SealedDraft);
  }
}

/** Forgets every draft (the device was wiped). */
export async function clearAllDrafts(): Promise<void> {
  for (const key of await draftKeys()) await del(key);
}
