// The lock in front of personal data (DESIGN.md §Data): which screen the gate shows, the PIN
// actions, and the automatic lock after 5 minutes idle or in the background. The key itself lives
// in db.vault (db/crypto-keyring.ts) and nowhere else.

import { signal, effect, batch } from '@preact/signals';
import { db } from './app-state.ts';
import { createPin, keyringRow, unlockWithPin, MAX_PIN_FAILURES } from '../db/crypto-pin.ts';
import { wipeDevice } from '../db/device.ts';
import { SEAL_VERSION } from '../db/crypto-keyring.ts';
import { clearAllDrafts, forgetProfile, sealDrafts, sealDraftsWith } from '../db/settings.ts';
import { forgetDeviceAccount, openSealedSettings, dropSealedSettings } from './session.ts';
import { markWorkDevice } from './device-kind.ts';

/**
 * checking: reading the keyring; setPin: no PIN yet (first run, or an older install to migrate);
 * locked: a PIN exists, key not in memory; sealing: sealing records stored before the PIN;
 * open: unlocked.
 */
export type LockPhase = 'checking' | 'setPin' | 'locked' | 'sealing' | 'open';

export const lockPhase = signal<LockPhase>('checking');
// Mirrored on <html data-lock> for styles and for browser tests that wait for the gate to settle.
if (typeof document !== 'undefined') effect(() => void (document.documentElement.dataset.lock = lockPhase.value));

/** Wrong PINs in a row (stored: a reload does not reset it). */
export const pinFailures = signal(0);

/** Set when ten wrong PINs erased the device, for the set-PIN screen to say so. */
export const wipedByFailures = signal(false);

export const IDLE_LOCK_MS = 5 * 60_000;

let started = false;

/** Reads whether a PIN exists; the saved session is read after this (state/start.ts), never in clear once one does. */
export async function startLock(): Promise<void> {
  sealDraftsWith(db.vault);
  if (!started) {
    started = true;
    // The token and the names go with the key (the vault calls this just before dropping it).
    db.vault.onLock(dropSealedSettings);
  }
  const row = await keyringRow(db);
  if (!row) {
    lockPhase.value = 'setPin';
    return;
  }
  markWorkDevice();
  db.vault.mode = 'locked';
  pinFailures.value = row.failures;
  lockPhase.value = 'locked';
}

/** First PIN on this device: makes the key, then seals what was stored in clear before. */
export async function setFirstPin(pin: string): Promise<void> {
  await createPin(db, pin);
  markWorkDevice();
  wipedByFailures.value = false;
  await finishUnlock();
}

export type PinAnswer = 'ok' | 'wrong' | 'wiped';

export async function enterPin(pin: string): Promise<PinAnswer> {
  const result = await unlockWithPin(db, pin);
  if (result.ok) {
    pinFailures.value = 0;
    await finishUnlock();
    return 'ok';
  }
  pinFailures.value = result.failures;
  if (result.wipe) {
    await wipeAll();
    wipedByFailures.value = true;
    return 'wiped';
  }
  return 'wrong';
}

async function finishUnlock(): Promise<void> {
  const row = await keyringRow(db);
  if (row && (!row.migrated || (row.sealVersion ?? 1) < SEAL_VERSION)) {
    lockPhase.value = 'sealing';
    const { sealExistingRecords } = await import('../db/crypto-migrate.ts');
    await sealDrafts();
    await sealExistingRecords(db);
  }
  // Before the screens mount: they find the session and the profile there (sealed while locked;
  // one stored in clear by an older version is sealed now and its clear copy dropped).
  await openSealedSettings();
  lockPhase.value = 'open';
  watchIdle();
  warmNameIndex();
}

/**
 * The name index (db/crypto-name-index.ts) built once the phone is idle after unlock — the case
 * list has drawn — so the first name search finds it ready instead of opening every sealed case
 * then (585–881 ms for 10,000, issue #13). A lock meanwhile throws the half-built index away.
 */
function warmNameIndex(): void {
  const run = () => void db.names.warm(db.cases, db.vault);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 0);
}

export function lockNow(): void {
  if (lockPhase.value !== 'open') return;
  // Drafts flush (sealed) in the vault's onLock callbacks, before the key goes; the session leaves
  // memory there too. One batch: no screen sees the session gone while the gate is still open.
  batch(() => {
    db.vault.lock();
    lockPhase.value = 'locked';
  });
}

/**
 * Erases cases, photos, drafts and the PIN, and forgets the signed-in account: whoever holds the
 * phone must sign in with the password before the server sends any case again.
 */
export async function wipeAll(): Promise<void> {
  await wipeDevice(db);
  await clearAllDrafts();
  await forgetProfile();
  await forgetDeviceAccount();
  pinFailures.value = 0;
  lockPhase.value = 'setPin';
}

export const pinsLeft = (): number => MAX_PIN_FAILURES - pinFailures.value;

let watching = false;
function watchIdle(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  let lastActive = Date.now();
  let hiddenAt: number | undefined;
  const active = () => (lastActive = Date.now());
  for (const type of ['pointerdown', 'keydown', 'input', 'scroll']) addEventListener(type, active, { capture: true, passive: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      hiddenAt = Date.now();
      return;
    }
    if (hiddenAt !== undefined && Date.now() - hiddenAt >= IDLE_LOCK_MS) lockNow();
    hiddenAt = undefined;
    active();
  });
  // Timers are slowed in the background; the visibility check above covers that case.
  setInterval(() => {
    if (Date.now() - lastActive >= IDLE_LOCK_MS) lockNow();
  }, 30_000);
}
