// The county server's signing key (Ed25519 from node:crypto). Made on first use and kept in the
// database, so a backup carries it and a restored server signs as the same county. The province
// registers the public half once (its fingerprint is what two administrators compare on the phone).
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Store } from '../store/open.ts';
import { ApiError } from '../http/errors.ts';

export interface Identity {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
}

export function fingerprintOf(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** A PEM public key that must be Ed25519; anything else is refused in Chinese. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ApiError(400, 'federation.keyInvalid');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ApiError(400, 'federation.keyInvalid');
  return key;
}

export async function serverIdentity(store: Store, now: Date): Promise<Identity> {
  const existing = await store.read.selectFrom('federation_identity').selectAll().where('id', '=', 1).executeTakeFirst();
  if (existing) return { publicKey: existing.public_key, privateKey: existing.private_key, fingerprint: existing.fingerprint };
  const pair = generateKeyPairSync('ed25519');
  const made = {
    id: 1,
    public_key: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    private_key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(pair.publicKey),
    created_at: now.toISOString(),
  };
  // Two first requests at once: the first insert wins and both read it back.
  await store.write((tx) => tx.insertInto('federation_identity').values(made).onConflict((oc) => oc.column('id').doNothing()).execute());
  const row = await store.read.selectFrom('federation_identity').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { publicKey: row.public_key, privateKey: row.private_key, fingerprint: row.fingerprint };
}
