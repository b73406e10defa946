// Photos through the real sync engine (fake-indexeddb devices, the server in-process on SQLite,
// then PostgreSQL): a photo added offline reaches the town laptop after reconnecting with equal
// bytes; an upload cut after its first piece — or whose answer is lost — resumes from the
// server's offset and sends no byte twice; a device of another village gets 403 both ways.
import { createHash } from 'node:crypto';
import { describe, it, expect, afterAll } from 'vitest';
import { createCase } from '../../src/state/actions.ts';
import { addAttachment, requeueBlob } from '../../src/db/blobs.ts';
import { downloadBlob } from '../../src/sync/blobs.ts';
import { ApiError } from '../../src/sync/http.ts';
import { BLOB_CHUNK_BYTES } from '../../src/shared/attachments.ts';
import { startHarness, VILLAGE_A, VILLAGE_B, TOWN, type Harness } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { newCaseInput } from '../support/case-factory.ts';
import { blobDevice } from '../support/blob-device.ts';
import { makePng, toArrayBuffer } from '../support/png.ts';
import { newDevice } from '../support/dexie-device.ts';

const sha = (b: ArrayBuffer | Uint8Array) => createHash('sha256').update(b instanceof Uint8Array ? b : new Uint8Array(b)).digest('hex');

/** ~700 KB of noise: three pieces of 256 KB. */
const photoBytes = (seed: number) => toArrayBuffer(makePng(520, 440, { seed, pattern: 'noise' }));

async function serverBlobs(h: Harness) {
  const blobs = await h.store.read.selectFrom('blobs').select(['sha256', 'bytes']).execute();
  const parts = await h.store.read.selectFrom('blob_parts').select(['sha256', 'start_byte', 'size']).execute();
  return { blobs, parts };
}

describe('adding a photo on the device', () => {
  it('keeps the bytes, the event and its outbox entry together: a failure part-way leaves none of them', async () => {
    const phone = newDevice('a');
    const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
    const bytes = photoBytes(9);
    // The outbox refuses the entry (as a full disk would), after the blob row was written.
    const refuse = () => {
      throw new Error('disk full');
    };
    phone.db.outbox.hook('creating', refuse);
    await expect(addAttachment(phone, record.id, { bytes, mime: 'image/png', name: 'a.png', purpose: '其他', takenAt: '2026-11-21T08:00:00.000Z' })).rejects.toThrow('disk full');
    phone.db.outbox.hook('creating').unsubscribe(refuse);
    expect(await phone.db.blobs.count()).toBe(0);
    expect(await phone.db.events.count()).toBe(0);
    expect(await phone.db.outbox.count()).toBe(1); // the case.create only

    await expect(addAttachment(phone, '018f0000-0000-7000-8000-000000000000', { bytes, mime: 'image/png', name: 'a.png', purpose: '其他', takenAt: '2026-11-21T08:00:00.000Z' }))
      .rejects.toMatchObject({ code: 'sync.caseMissing' });
    expect(await phone.db.blobs.count()).toBe(0);
  });
});

function suite(label: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`attachments through sync on ${label}`, () => {
    it('a photo added offline reaches the town laptop after reconnecting, byte for byte', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        const laptop = await blobDevice(h, 'zhen', TOWN);
        const bytes = photoBytes(1);
        const digest = sha(bytes);

        phone.net.up = false;
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        const data = await addAttachment(phone, record.id, { bytes, mime: 'image/png', name: '协议签字页.png', purpose: '签字页', takenAt: '2026-11-21T08:00:00.000Z' });
        expect(data.sha256).toBe(digest);
        // One transaction: the bytes, the event and its outbox entry are all there.
        expect((await phone.db.blobs.get(digest))?.state).toBe('pending');
        expect((await phone.db.events.where('caseId').equals(record.id).toArray()).map((e) => e.kind)).toEqual(['attachment']);
        expect(await phone.db.outbox.count()).toBe(2);
        // The same photo twice on one case is refused and writes nothing.
        await expect(addAttachment(phone, record.id, { ...data, bytes })).rejects.toMatchObject({ code: 'attach.duplicate' });
        expect(await phone.db.outbox.count()).toBe(2);
        await expect(phone.sync()).rejects.toBeInstanceOf(ApiError);
        expect((await phone.db.blobs.get(digest))?.state).toBe('pending');

        phone.net.up = true;
        await phone.sync();
        expect(await phone.db.outbox.count()).toBe(0);
        expect(await phone.db.blobs.get(digest)).toMatchObject({ state: 'uploaded', sent: bytes.byteLength, error: null });
        expect(phone.puts.map((p) => p.status)).toEqual([308, 308, 201]);

        await laptop.sync();
        const events = await laptop.db.events.where('caseId').equals(record.id).toArray();
        const metadata = events.find((e) => e.kind === 'attachment');
        expect(metadata?.data).toEqual(data);
        expect(await laptop.db.blobs.count()).toBe(0); // on demand only
        if (metadata?.kind !== 'attachment') throw new Error('no attachment event');
        await downloadBlob(laptop.db, laptop.blobs, record.id, metadata.data, laptop.now);
        const cached = await laptop.db.blobs.get(digest);
        expect(cached?.state).toBe('uploaded');
        expect(sha(cached?.bytes ?? new ArrayBuffer(0))).toBe(digest);
        expect(Buffer.from(cached?.bytes ?? new ArrayBuffer(0)).equals(Buffer.from(bytes))).toBe(true);
        // Nothing to send from the laptop: a downloaded photo is not queued for upload.
        await laptop.sync();
        expect(laptop.puts).toEqual([]);
      } finally {
        await h.close();
      }
    });

    it('an upload cut after its first piece resumes from the server offset; one blob, no byte sent twice', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        const bytes = photoBytes(2);
        const digest = sha(bytes);
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        await addAttachment(phone, record.id, { bytes, mime: 'image/png', name: '证据.png', purpose: '证据', takenAt: '2026-11-21T08:00:00.000Z' });

        // The network drops right after the first piece reached the server.
        phone.net.afterPut = () => {
          phone.net.up = false;
          phone.net.afterPut = undefined;
        };
        await expect(phone.sync()).rejects.toMatchObject({ status: 0 });
        expect(await phone.db.blobs.get(digest)).toMatchObject({ state: 'failed', sent: BLOB_CHUNK_BYTES, isRefused: false });
        expect((await phone.db.blobs.get(digest))?.error).toContain('断点');
        const half = await serverBlobs(h);
        expect(half.blobs).toEqual([]);
        expect(half.parts.map((p) => [p.start_byte, p.size])).toEqual([[0, BLOB_CHUNK_BYTES]]);

        // Back online, and this time the answer to the next piece is lost on the way back.
        phone.net.up = true;
        phone.net.afterPut = () => {
          phone.net.loseResponses = true;
          phone.net.afterPut = undefined;
        };
        await expect(phone.sync()).rejects.toMatchObject({ status: 0 });
        phone.net.loseResponses = false;
        await phone.sync();
        expect((await phone.db.blobs.get(digest))?.state).toBe('uploaded');

        const total = bytes.byteLength;
        const delivered = phone.puts.filter((p) => typeof p.status === 'number' || p.status === 'lost');
        expect(delivered.map((p) => p.range)).toEqual([
          `bytes 0-${BLOB_CHUNK_BYTES - 1}/${total}`,
          `bytes ${BLOB_CHUNK_BYTES}-${2 * BLOB_CHUNK_BYTES - 1}/${total}`,
          `bytes ${2 * BLOB_CHUNK_BYTES}-${total - 1}/${total}`,
        ]);
        expect(delivered.reduce((n, p) => n + p.bytes, 0)).toBe(total);

        const done = await serverBlobs(h);
        expect(done.parts).toEqual([]);
        expect(done.blobs.map((b) => b.sha256)).toEqual([digest]);
        expect(Buffer.from(done.blobs[0]?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
      } finally {
        await h.close();
      }
    });

    it('a device of another village can neither fetch the photo nor upload into the case (403)', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        const other = await blobDevice(h, 'b', VILLAGE_B);
        const bytes = photoBytes(3);
        const digest = sha(bytes);
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        const data = await addAttachment(phone, record.id, { bytes, mime: 'image/png', name: '身份证.png', purpose: '身份证明', takenAt: '2026-11-21T08:00:00.000Z' });
        await phone.sync();
        await other.sync();
        expect(await other.db.events.count()).toBe(0);

        await expect(downloadBlob(other.db, other.blobs, record.id, data, other.now)).rejects.toMatchObject({ status: 403, code: 'auth.forbidden' });
        await expect(other.blobs.head(digest, record.id)).rejects.toMatchObject({ status: 403 });
        const junk = new Uint8Array(1000);
        await expect(other.blobs.put(digest, record.id, junk, 0, junk.byteLength)).rejects.toMatchObject({ status: 403 });
        expect(await other.db.blobs.count()).toBe(0);
        expect((await serverBlobs(h)).blobs.map((b) => b.sha256)).toEqual([digest]);
      } finally {
        await h.close();
      }
    });

    it('a hash mismatch from the device is refused, marked 失败 and not retried until the user asks', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        const bytes = photoBytes(4);
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        const data = await addAttachment(phone, record.id, { bytes, mime: 'image/png', name: '证据.png', purpose: '证据', takenAt: '2026-11-21T08:00:00.000Z' });
        // Storage corrupted the bytes after they were hashed (same size, different content).
        await phone.db.blobs.update(data.sha256, { bytes: photoBytes(5) });
        await phone.sync();
        expect(await phone.db.blobs.get(data.sha256)).toMatchObject({ state: 'failed', isRefused: true });
        expect((await phone.db.blobs.get(data.sha256))?.error).toContain('校验不一致');
        const sent = phone.puts.length;
        await phone.sync();
        expect(phone.puts.length).toBe(sent);
        expect(await serverBlobs(h)).toEqual({ blobs: [], parts: [] });
        // The user's 重试 puts it back in the queue: it is sent (and refused) once more.
        await requeueBlob(phone.db, data.sha256);
        expect((await phone.db.blobs.get(data.sha256))?.state).toBe('pending');
        await phone.sync();
        expect(phone.puts.length).toBeGreaterThan(sent);
        expect((await phone.db.blobs.get(data.sha256))?.state).toBe('failed');
      } finally {
        await h.close();
      }
    });

    it('bytes whose metadata the server refused wait as 待上传 instead of failing (409 blob.unreferenced)', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        const data = await addAttachment(phone, record.id, { bytes: photoBytes(8), mime: 'image/png', name: '证据.png', purpose: '证据', takenAt: '2026-11-21T08:00:00.000Z' });
        // A metadata event the server will refuse (kept for review): the bytes have nothing to attach to.
        await phone.db.outbox.toCollection().modify((m) => {
          if (m.name === 'event.append' && m.args.event.kind === 'attachment') m.args.event.data = { ...m.args.event.data, purpose: '合同' as '其他' };
        });
        await phone.sync();
        expect(await phone.db.blobs.get(data.sha256)).toMatchObject({ state: 'pending', isRefused: false, error: expect.stringContaining('同步') });
        expect(phone.puts).toEqual([]);
        expect(await serverBlobs(h)).toEqual({ blobs: [], parts: [] });
      } finally {
        await h.close();
      }
    });

    it('a revoked (lost) phone erases its photos with its cases, uploaded or not', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        const laptop = await blobDevice(h, 'zhen', TOWN);
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        await addAttachment(phone, record.id, { bytes: photoBytes(6), mime: 'image/png', name: '身份证.png', purpose: '身份证明', takenAt: '2026-11-21T08:00:00.000Z' });
        await phone.sync();
        // The second photo's metadata goes up, its bytes do not (the network drops mid-upload).
        const second = await addAttachment(phone, record.id, { bytes: photoBytes(7), mime: 'image/png', name: '身份证反面.png', purpose: '身份证明', takenAt: '2026-11-21T08:00:00.000Z' });
        phone.net.afterPut = () => {
          phone.net.up = false;
          phone.net.afterPut = undefined;
        };
        await expect(phone.sync()).rejects.toMatchObject({ status: 0 });
        expect((await phone.db.blobs.get(second.sha256))?.state).toBe('failed');
        expect(await phone.db.blobs.count()).toBe(2);

        const { clientId } = (await phone.db.meta.get('device')) ?? { clientId: '' };
        const revoke = await h.fetch(`/api/devices/${clientId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${laptop.token}` } });
        expect(revoke.status).toBe(200);
        phone.net.up = true;
        const result = await phone.sync();
        expect(result.wiped).toBe(true);
        expect(await phone.db.blobs.count()).toBe(0);
        expect(await phone.db.cases.count()).toBe(0);
      } finally {
        await h.close();
      }
    });
  });
}

afterAll(closeTestStores);
for (const kind of storeKinds) suite(storeLabel[kind], () => testDatabaseUrl(kind));
