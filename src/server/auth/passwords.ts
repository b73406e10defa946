// Passwords are stored only as argon2id hashes (@node-rs/argon2; the `argon2` package's prebuilt
// binary crashes on this platform, toolchain.md).
import { hash, verify } from '@node-rs/argon2';
import { argonQueue } from './argon-queue.ts';
import { ApiError } from '../http/errors.ts';

// Algorithm.Argon2id; the package exports it as an ambient const enum, which isolatedModules
// code cannot read.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return argonQueue.run(() => hash(password, { algorithm: ARGON2ID }));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argonQueue.run(() => verify(passwordHash, password));
  } catch (error) {
    if (error instanceof ApiError) throw error; // auth.busy
    return false;
  }
}

// Verified when the username does not exist, so a miss takes as long as a wrong password and
// response times do not reveal which accounts exist.
let dummy: Promise<string> | undefined;
export async function burnVerify(password: string): Promise<void> {
  // Made outside the queue: a refused (busy) hash must not poison the one cached promise.
  dummy ??= hash('not-a-real-account', { algorithm: ARGON2ID });
  await verifyPassword(await dummy, password);
}
