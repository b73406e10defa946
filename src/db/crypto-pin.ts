// The PIN that unlocks this device's data key (crypto-cipher.ts wraps it; the keyring table keeps
// the wrapped form). Ten wrong PINs in a row erase the device's data: the counter is stored, so
// reloading the page does not reset it.

import type { ShuoheDb, KeyringRow } from './schema.ts';

export const MAX_PIN_FAILURES = 10;
/** From this many wrong PINs on, the unlock screen warns that the device will be erased. */
export const WARN_PIN_FAILURES = 5;
export const PIN_LENGTH = 6;

export const isPin = (pin: string): boolean => new RegExp(`^\\d{${PIN_LENGTH}}$`).test(pin);

export type UnlockResult = { ok: true } | { ok: false; failures: number; wipe: boolean };

export function keyringRow(db: ShuoheDb): Promise<KeyringRow | undefined> {
  return db.keyring.get('pin');
}

/** Makes a new data key wrapped by `pin` and opens it. Existing records are sealed afterwards. */
export async function createPin(db: ShuoheDb, pin: string, iterations?: number): Promise<void> {
  if (!isPin(pin)) throw new Error('PIN must be six digits');
  const { createDataKey } = await import('./crypto-cipher.ts');
  const { stored, cipher } = await createDataKey(pin, iterations);
  await db.keyring.put({ id: 'pin', ...stored, failures: 0, migrated: false });
  db.vault.open(cipher);
}

/** Tries `pin`. A wrong one is counted; `wipe` says the caller must erase the device now. */
export async function unlockWithPin(db: ShuoheDb, pin: string): Promise<UnlockResult> {
  const row = await keyringRow(db);
  if (!row) throw new Error('no PIN on this device');
  const { unwrapDataKey } = await import('./crypto-cipher.ts');
  const cipher = isPin(pin) ? await unwrapDataKey(pin, row) : undefined;
  if (!cipher) {
    const failures = row.failures + 1;
    await db.keyring.update('pin', { failures });
    return { ok: false, failures, wipe: failures >= MAX_PIN_FAILURES };
  }
  if (row.failures > 0) await db.keyring.update('pin', { failures: 0 });
  db.vault.open(cipher);
  return { ok: true };
}
