// The ciphers behind the device's sealed records: the synchronous (noble) and WebCrypto halves
// produce and open the same AES-GCM format, a payload is bound to its row, and a wrong PIN opens
// nothing.
import { describe, it, expect } from 'vitest';
import { createDataKey, unwrapDataKey } from '../../src/db/crypto-cipher.ts';
import { Keyring, LockedError } from '../../src/db/crypto-keyring.ts';
import { isTrivialPin } from '../../src/ui/lock/set-pin-screen.tsx';

const ITERATIONS = 1_000; // the count does not change the logic under test; the app uses 600,000

describe('device crypto', () => {
  it('opens with the right PIN only', async () => {
    const { stored } = await createDataKey('480215', ITERATIONS);
    expect(await unwrapDataKey('480216', stored)).toBeUndefined();
    expect(await unwrapDataKey('480215', stored)).toBeDefined();
  });

  it('seals the same format synchronously and through WebCrypto, bound to table and key', async () => {
    const { cipher } = await createDataKey('480215', ITERATIONS);
    const vault = new Keyring();
    vault.open(cipher);
    const value = { parties: [{ name: '张三丰', idNumber: '150523199001011234' }], facts: '院墙滴水' };
    const sync = vault.sealJson(value, 'cases/a');
    const [bulk] = await vault.sealJsonMany([{ value, aad: 'cases/a' }]);
    expect(new TextDecoder().decode(sync)).not.toContain('张三丰');
    expect(vault.openJson(sync, 'cases/a')).toEqual(value);
    expect(vault.openJson(bulk as Uint8Array<ArrayBuffer>, 'cases/a')).toEqual(value);
    // Two seals of one value differ (fresh nonce), and a payload copied to another row fails.
    expect(sync).not.toEqual(bulk);
    expect(() => vault.openJson(sync, 'cases/b')).toThrow();
  });

  it('refuses to seal or open once locked, and forgets the key', async () => {
    const { cipher } = await createDataKey('480215', ITERATIONS);
    const vault = new Keyring();
    vault.open(cipher);
    const sealed = vault.sealJson({ a: 1 }, 'x');
    vault.lock();
    expect(vault.mode).toBe('locked');
    expect(() => vault.openJson(sealed, 'x')).toThrow(LockedError);
    expect(() => vault.sealJson({ a: 1 }, 'x')).toThrow(LockedError);
    expect(() => cipher.seal(new Uint8Array(1), new Uint8Array(0))).toThrow();
  });

  it('calls trivial PINs trivial', () => {
    for (const pin of ['000000', '123456', '987654', '777777']) expect(isTrivialPin(pin)).toBe(true);
    for (const pin of ['480215', '112233', '135790']) expect(isTrivialPin(pin)).toBe(false);
  });
});
