// The data key of this device while it is unlocked, and how records are sealed with it. Small and
// free of cipher code (that is crypto-cipher.ts, a lazy chunk): the Dexie middleware and the lock
// screen need this on first paint.
//
// Modes: 'plain' — no PIN has been set on this device (a fresh install before setup, an older
// install before its migration, the tests of other modules): records pass through unchanged.
// 'locked' — a PIN exists and the key is not in memory: reading sealed data or writing personal
// data throws LockedError, so nothing is ever written in clear once a PIN exists.
// 'open' — the key is in memory: records are sealed on write and opened on read.

import { t } from '../shared/i18n/index.ts';

export interface Cipher {
  seal(plain: Uint8Array<ArrayBuffer>, aad: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  open(sealed: Uint8Array<ArrayBuffer>, aad: Uint8Array<ArrayBuffer>): Uint8Array;
  /** Seals many payloads at once (WebCrypto): call it before a transaction, never inside one. */
  sealMany(items: { plain: Uint8Array<ArrayBuffer>; aad: Uint8Array<ArrayBuffer> }[]): Promise<Uint8Array<ArrayBuffer>[]>;
  /** Opens many payloads at once (WebCrypto): call it outside a transaction, never inside one. */
  openMany(items: { sealed: Uint8Array<ArrayBuffer>; aad: Uint8Array<ArrayBuffer> }[]): Promise<Uint8Array[]>;
  close(): void;
}

export type KeyringMode = 'plain' | 'locked' | 'open';

/**
 * What this version seals (crypto-middleware.ts sealedTables). 2: a case's agreement, termination,
 * rejection and void reason joined `private`; 3: the follow-up (its 督促履行 note); 4: the mediators'
 * names. Rows sealed by an older version are sealed again after the next unlock (crypto-migrate.ts).
 */
export const SEAL_VERSION = 4;

export class LockedError extends Error {
  constructor() {
    super(t('lock.lockedError'));
    this.name = 'LockedError';
  }
}

/** The error, or what Dexie wrapped (`inner`, `cause`), is LockedError: the device locked mid-way. */
export function isLockedError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  if (error instanceof LockedError || ('name' in error && error.name === 'LockedError')) return true;
  return ('inner' in error && isLockedError(error.inner, depth + 1)) || ('cause' in error && isLockedError(error.cause, depth + 1));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Keyring {
  mode: KeyringMode = 'plain';
  private cipher: Cipher | undefined;
  /** Called synchronously just before the key is dropped (drafts flush, the name index forgets). */
  private readonly beforeLock = new Set<() => void>();

  open(cipher: Cipher): void {
    this.cipher?.close();
    this.cipher = cipher;
    this.mode = 'open';
  }

  lock(): void {
    if (this.mode === 'plain') return;
    for (const f of this.beforeLock) f();
    this.cipher?.close();
    this.cipher = undefined;
    this.mode = 'locked';
  }

  /** Back to no PIN at all: only after the device's data was wiped. */
  forget(): void {
    this.lock();
    this.mode = 'plain';
  }

  onLock(f: () => void): () => void {
    this.beforeLock.add(f);
    return () => this.beforeLock.delete(f);
  }

  private live(): Cipher {
    if (!this.cipher) throw new LockedError();
    return this.cipher;
  }

  sealJson(value: unknown, aad: string): Uint8Array<ArrayBuffer> {
    return this.live().seal(encoder.encode(JSON.stringify(value)), encoder.encode(aad));
  }

  openJson(sealed: Uint8Array<ArrayBuffer>, aad: string): unknown {
    return JSON.parse(decoder.decode(this.live().open(sealed, encoder.encode(aad))));
  }

  sealBytes(bytes: ArrayBuffer, aad: string): Uint8Array<ArrayBuffer> {
    return this.live().seal(new Uint8Array(bytes), encoder.encode(aad));
  }

  openBytes(sealed: Uint8Array<ArrayBuffer>, aad: string): ArrayBuffer {
    const plain = this.live().open(sealed, encoder.encode(aad));
    return plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) as ArrayBuffer;
  }

  /** Opens JSON payloads in bulk through WebCrypto, after the transaction that read them. */
  async openJsonMany(items: { sealed: Uint8Array<ArrayBuffer>; aad: string }[]): Promise<unknown[]> {
    const plains = await this.live().openMany(items.map(({ sealed, aad }) => ({ sealed, aad: encoder.encode(aad) })));
    return plains.map((plain) => JSON.parse(decoder.decode(plain)) as unknown);
  }

  /** Seals JSON payloads in bulk through WebCrypto, before the transaction that stores them. */
  sealJsonMany(items: { value: unknown; aad: string }[]): Promise<Uint8Array<ArrayBuffer>[]> {
    return this.live().sealMany(items.map(({ value, aad }) => ({ plain: encoder.encode(JSON.stringify(value)), aad: encoder.encode(aad) })));
  }
}
