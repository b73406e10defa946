// A simulated device: its own Dexie database on fake-indexeddb and an injectable clock.
import { uuidv7 } from 'uuidv7';
import { ShuoheDb } from '../../src/db/schema.ts';
import type { WriteContext } from '../../src/db/write.ts';

export function newDevice(userId = 'tiaojie', clock = { now: new Date('2026-11-21T08:00:00Z') }): WriteContext & { clock: typeof clock } {
  const db = new ShuoheDb(`test-${uuidv7()}`);
  return { db, userId, now: () => clock.now, clock };
}
