// The ciphers behind the keyring (crypto-keyring.ts), loaded as a lazy chunk when the PIN is set or
// entered, so the first paint stays small. One algorithm for every record: AES-256-GCM with a
// random 96-bit nonce and the table and primary key as associated data (a sealed payload moved to
// another row fails to open). Two implementations of that same algorithm:
// - WebCrypto for bulk sealing done before a transaction (a pull page, the migration): fast, and
//   its key is a non-extractable CryptoKey;
// - @noble/ciphers (audited, synchronous) for what happens INSIDE an IndexedDB transaction — the
//   Dexie middleware seals and opens records there, and awaiting WebCrypto inside a transaction
//   would commit it early (sync.md §2.2). Both produce nonce ‖ ciphertext ‖ tag.
// The data key is random; only a PIN-derived key (PBKDF2-SHA256) wraps it at rest.

import { gcm } from '@noble/ciphers/aes.js';
import type { Cipher } from './crypto-keyring.ts';

const NONCE_BYTES = 12;
const KEY_BYTES = 32;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3–1 s on a cheap phone, once per unlock. */
export const PIN_ITERATIONS = 600_000;

/** What the keyring table keeps of the PIN: never the PIN, never the data key in clear. */
export interface WrappedKey {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  iv: Uint8Array<ArrayBuffer>;
  wrapped: Uint8Array<ArrayBuffer>;
}

/** `n` random bytes; getRandomValues fills at most 65,536 a call, so a batch's nonces go in slices. */
function random(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += 65_536) crypto.getRandomValues(out.subarray(at, Math.min(n, at + 65_536)));
  return out;
}

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A new random data key, wrapped by `pin`. Returns the stored form and the open cipher. */
export async function createDataKey(pin: string, iterations = PIN_ITERATIONS): Promise<{ stored: WrappedKey; cipher: Cipher }> {
  const raw = random(KEY_BYTES);
  const salt = random(16);
  const iv = random(NONCE_BYTES);
  const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await pinKey(pin, salt, iterations), raw));
  return { stored: { salt, iterations, iv, wrapped }, cipher: await openCipher(raw) };
}

/** The open cipher, or undefined when `pin` is wrong (the GCM tag of the wrapped key fails). */
export async function unwrapDataKey(pin: string, stored: WrappedKey): Promise<Cipher | undefined> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    const key = await pinKey(pin, stored.salt, stored.iterations);
    raw = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: stored.iv }, key, stored.wrapped));
  } catch {
    return undefined;
  }
  return openCipher(raw);
}

async function openCipher(raw: Uint8Array<ArrayBuffer>): Promise<Cipher> {
  const webKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  let key: Uint8Array | undefined = raw;
  const live = (): Uint8Array => {
    if (!key) throw new Error('cipher closed');
    return key;
  };
  return {
    seal(plain, aad) {
      const nonce = random(NONCE_BYTES);
      const body = gcm(live(), nonce, aad).encrypt(plain);
      const out = new Uint8Array(NONCE_BYTES + body.length);
      out.set(nonce);
      out.set(body, NONCE_BYTES);
      return out;
    },
    open(sealed, aad) {
      return gcm(live(), sealed.subarray(0, NONCE_BYTES), aad).decrypt(sealed.subarray(NONCE_BYTES));
    },
    async sealMany(items) {
      live();
      // Every nonce of the batch from one call to the random source (a page is 1,000 rows): each
      // is still 96 random bits of its own, and a view of its own slice.
      const nonces = random(NONCE_BYTES * items.length);
      return Promise.all(
        items.map(async ({ plain, aad }, i) => {
          const iv = nonces.subarray(i * NONCE_BYTES, (i + 1) * NONCE_BYTES);
          const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, webKey, plain));
          const out = new Uint8Array(NONCE_BYTES + body.length);
          out.set(iv);
          out.set(body, NONCE_BYTES);
          return out;
        }),
      );
    },
    async openMany(items) {
      live();
      return Promise.all(
        items.map(async ({ sealed, aad }) => {
          const iv = sealed.subarray(0, NONCE_BYTES);
          return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, webKey, sealed.subarray(NONCE_BYTES)));
        }),
      );
    },
    close() {
      // Overwrite the only copy of the raw key this module holds; the CryptoKey is dropped with it.
      key?.fill(0);
      key = undefined;
    },
  };
}
