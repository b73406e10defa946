// Sealed devices sync like any other (SQLite server): the push sends the plain mutations read
// through the sealing middleware, the pull stores sealed rows, and a photo's sealed bytes reach
// the server byte for byte.
import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { createCase } from '../../src/state/actions.ts';
import { addAttachment } from '../../src/db/blobs.ts';
import { downloadBlob } from '../../src/sync/blobs.ts';
import { createPin } from '../../src/db/crypto-pin.ts';
import { getCase } from '../../src/db/queries.ts';
import { startHarness, VILLAGE_A, TOWN } from '../support/sync-harness.ts';
import { newCaseInput } from '../support/case-factory.ts';
import { blobDevice } from '../support/blob-device.ts';
import { makePng, toArrayBuffer } from '../support/png.ts';

const sha = (b: ArrayBuffer) => createHash('sha256').update(Buffer.from(b)).digest('hex');

describe('sealed devices through sync', () => {
  it('a case and a photo made on a sealed phone reach a sealed laptop intact', async () => {
    const h = await startHarness(undefined);
    try {
      const phone = await blobDevice(h, 'a', VILLAGE_A);
      const laptop = await blobDevice(h, 'zhen', TOWN);
      await createPin(phone.db, '480215', 2_000);
      await createPin(laptop.db, '135790', 2_000);
      const bytes = toArrayBuffer(makePng(300, 200, { seed: 3, pattern: 'page' }));
      const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
      const data = await addAttachment(phone, record.id, { bytes, mime: 'image/png', name: '协议签字页.png', purpose: '签字页', takenAt: '2026-11-21T08:00:00.000Z' });
      await phone.sync();
      expect(await phone.db.outbox.count()).toBe(0);
      expect(await phone.db.blobs.get(data.sha256)).toMatchObject({ state: 'uploaded', error: null });

      await laptop.sync();
      expect((await getCase(laptop.db, record.id))?.private.parties.map((p) => p.name)).toEqual(['张三', '李四']);
      await downloadBlob(laptop.db, laptop.blobs, record.id, data, laptop.now);
      expect(sha((await laptop.db.blobs.get(data.sha256))?.bytes ?? new ArrayBuffer(0))).toBe(sha(bytes));
    } finally {
      await h.close();
    }
  });
});
