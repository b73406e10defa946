// PUT/HEAD/GET /api/blobs/:sha256 on SQLite and PostgreSQL: idempotent whole and chunked
// uploads, a piece sent twice or out of order stored once, bytes that are not their hash refused
// with nothing kept, the limits, and scope — the blob follows the case that names it.
import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser } from '../support/server.ts';
import { caseRecord } from '../support/server-device.ts';
import { makePng } from '../support/png.ts';
import type { AttachmentData } from '../../src/shared/attachments.ts';
import type { CaseRecord } from '../../src/shared/case.ts';

afterAll(closeTestStores);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const photo = (seed: number, pattern: 'page' | 'noise' = 'noise') => new Uint8Array(makePng(500, 400, { seed, pattern }));

function meta(bytes: Uint8Array, over: Partial<AttachmentData> = {}): AttachmentData {
  return { sha256: sha(bytes), size: bytes.byteLength, mime: 'image/png', name: '协议签字页.png', purpose: '签字页', takenAt: '2026-03-03T02:00:00.000Z', ...over };
}

describe.each(storeKinds)('blob API on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  /** A case of `user`'s village with attachment metadata, pushed the way a phone would. */
  async function caseWith(user: TestUser, attachments: AttachmentData[]): Promise<CaseRecord> {
    const record = caseRecord(user.scope);
    const d = user.device;
    const reply = await h.push(user, d.request([d.create(record), ...attachments.map((data) => d.event(record, { kind: 'attachment', data }))]));
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', ...attachments.map(() => 'applied')]);
    return record;
  }

  function put(user: TestUser | undefined, digest: string, caseId: string, body: Uint8Array<ArrayBuffer>, range?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (user) headers.authorization = `Bearer ${user.token}`;
    if (range) headers['content-range'] = range;
    return h.app.request(`/api/blobs/${digest}?caseId=${caseId}`, { method: 'PUT', headers, body });
  }

  function fetchBlob(user: TestUser, digest: string, caseId: string, method: 'GET' | 'HEAD' = 'GET') {
    return h.app.request(`/api/blobs/${digest}?caseId=${caseId}`, { method, headers: { authorization: `Bearer ${user.token}` } });
  }

  async function stored() {
    const blobs = await h.store.read.selectFrom('blobs').select(['sha256', 'size', 'bytes', 'mime']).execute();
    const parts = await h.store.read.selectFrom('blob_parts').select(['sha256', 'start_byte', 'size']).execute();
    return { blobs, parts };
  }

  async function clearBlobs() {
    await h.store.db.deleteFrom('blobs').execute();
    await h.store.db.deleteFrom('blob_parts').execute();
  }

  test('a whole upload is stored once: 201, then 200 on a repeat; HEAD and GET give it back', async () => {
    await clearBlobs();
    const { med, town } = h.users;
    const bytes = photo(1);
    const record = await caseWith(med, [meta(bytes)]);
    const digest = sha(bytes);

    const first = await put(med, digest, record.id, bytes);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ received: bytes.byteLength, size: bytes.byteLength, complete: true });
    expect((await put(med, digest, record.id, bytes)).status).toBe(200);

    const head = await fetchBlob(med, digest, record.id, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('blob-received')).toBe(String(bytes.byteLength));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    // The town sees its villages' cases, so it may fetch the photo too.
    const got = await fetchBlob(town, digest, record.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(digest);

    const { blobs, parts } = await stored();
    expect(blobs.map((b) => [b.sha256, b.size, b.mime])).toEqual([[digest, bytes.byteLength, 'image/png']]);
    expect(sha(new Uint8Array(blobs[0]?.bytes ?? []))).toBe(digest);
    expect(parts).toEqual([]);
  });

  test('chunked: a piece sent twice or from beyond the received offset is not stored twice; the last piece completes it', async () => {
    await clearBlobs();
    const { med } = h.users;
    const bytes = photo(2);
    const total = bytes.byteLength;
    const record = await caseWith(med, [meta(bytes)]);
    const digest = sha(bytes);
    const piece = 256 * 1024;
    expect(total).toBeGreaterThan(2 * piece);

    const first = await put(med, digest, record.id, bytes.subarray(0, piece), `bytes 0-${piece - 1}/${total}`);
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe(`bytes=0-${piece - 1}`);
    expect(await first.json()).toEqual({ received: piece, size: total, complete: false });
    // Its answer was lost, so the phone sends the same piece again: nothing new is stored.
    const again = await put(med, digest, record.id, bytes.subarray(0, piece), `bytes 0-${piece - 1}/${total}`);
    expect(again.status).toBe(308);
    expect((await again.json()).received).toBe(piece);
    // A piece from beyond what the server holds is not kept; the answer says where to resume.
    const gap = await put(med, digest, record.id, bytes.subarray(2 * piece), `bytes ${2 * piece}-${total - 1}/${total}`);
    expect(gap.status).toBe(308);
    expect((await gap.json()).received).toBe(piece);

    const head = await fetchBlob(med, digest, record.id, 'HEAD');
    expect(head.status).toBe(404);
    expect(head.headers.get('blob-received')).toBe(String(piece));
    const early = await fetchBlob(med, digest, record.id);
    expect(early.status).toBe(404);
    expect((await early.json()).error.code).toBe('blob.notUploaded');

    // An overlapping piece (starts inside what is held) only adds its new bytes.
    const overlap = await put(med, digest, record.id, bytes.subarray(piece - 100, 2 * piece), `bytes ${piece - 100}-${2 * piece - 1}/${total}`);
    expect((await overlap.json()).received).toBe(2 * piece);
    const last = await put(med, digest, record.id, bytes.subarray(2 * piece), `bytes ${2 * piece}-${total - 1}/${total}`);
    expect(last.status).toBe(201);

    const { blobs, parts } = await stored();
    expect(blobs).toHaveLength(1);
    expect(Buffer.from(blobs[0]?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
    expect(parts).toEqual([]);
  });

  test('bytes that are not their hash are refused with 422 and nothing is kept (whole or in pieces)', async () => {
    await clearBlobs();
    const { med } = h.users;
    const real = photo(3);
    const other = photo(4);
    expect(other.byteLength).toBe(real.byteLength);
    const record = await caseWith(med, [meta(real)]);
    const digest = sha(real);

    const whole = await put(med, digest, record.id, other);
    expect(whole.status).toBe(422);
    expect((await whole.json()).error).toMatchObject({ code: 'blob.hashMismatch', message: expect.stringContaining('校验不一致') });

    const half = Math.floor(other.byteLength / 2);
    expect((await put(med, digest, record.id, other.subarray(0, half), `bytes 0-${half - 1}/${other.byteLength}`)).status).toBe(308);
    const end = await put(med, digest, record.id, other.subarray(half), `bytes ${half}-${other.byteLength - 1}/${other.byteLength}`);
    expect(end.status).toBe(422);
    expect(await stored()).toEqual({ blobs: [], parts: [] });

    // The right bytes are accepted afterwards.
    expect((await put(med, digest, record.id, real)).status).toBe(201);
  });

  test('limits and malformed requests: wrong size, bad range, too large, bad hash or case id, no login', async () => {
    await clearBlobs();
    const { med } = h.users;
    const bytes = photo(5, 'page');
    const record = await caseWith(med, [meta(bytes)]);
    const digest = sha(bytes);
    const code = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];

    expect(await code(await put(med, digest, record.id, bytes.subarray(1)))).toEqual([422, 'blob.sizeMismatch']);
    expect(await code(await put(med, digest, record.id, bytes.subarray(0, 10), 'bytes 0-20/100'))).toEqual([400, 'blob.badRange']);
    expect(await code(await put(med, digest, record.id, bytes.subarray(0, 10), 'bytes=0-9'))).toEqual([400, 'blob.badRange']);
    expect(await code(await put(med, digest, record.id, bytes.subarray(0, 10), `bytes 0-9/${6 * 1024 * 1024}`))).toEqual([413, 'blob.tooLarge']);
    expect(await code(await put(med, digest, record.id, new Uint8Array(1024 * 1024 + 1)))).toEqual([413, 'blob.chunkTooLarge']);
    expect(await code(await put(med, digest, record.id, new Uint8Array(0)))).toEqual([400, 'blob.badRange']);
    expect(await code(await put(med, digest.toUpperCase(), record.id, bytes))).toEqual([400, 'server.badRequest']);
    expect(await code(await put(med, digest, 'not-a-case', bytes))).toEqual([400, 'server.badRequest']);
    expect(await code(await put(undefined, digest, record.id, bytes))).toEqual([401, 'auth.required']);
    expect(await code(await put(med, digest, '018f0000-0000-7000-8000-000000000000', bytes))).toEqual([404, 'case.notFound']);
    expect(await stored()).toEqual({ blobs: [], parts: [] });
  });

  test('scope: another village can neither fetch nor upload (403); a hash the case does not name is 409', async () => {
    await clearBlobs();
    const { med, med2, medB } = h.users;
    const bytes = photo(6);
    const digest = sha(bytes);
    const record = await caseWith(med, [meta(bytes)]);
    expect((await put(med, digest, record.id, bytes)).status).toBe(201);

    // med2 mediates the neighbouring village of the same town.
    for (const method of ['GET', 'HEAD'] as const) expect((await fetchBlob(med2, digest, record.id, method)).status).toBe(403);
    const foreignPut = await put(med2, digest, record.id, bytes);
    expect(foreignPut.status).toBe(403);
    expect((await foreignPut.json()).error.code).toBe('auth.forbidden');

    // Naming its own case does not help medB reach a photo that case does not list.
    const own = await caseWith(medB, []);
    const unlisted = await fetchBlob(medB, digest, own.id);
    expect(unlisted.status).toBe(409);
    expect((await unlisted.json()).error.code).toBe('blob.unreferenced');
    const stray = photo(7);
    expect((await put(medB, sha(stray), own.id, stray)).status).toBe(409);
    expect((await stored()).blobs.map((b) => b.sha256)).toEqual([digest]);
  });

  test("naming a stored photo's hash in an attachment of one's own case does not fetch its bytes (issue #12)", async () => {
    await clearBlobs();
    const { med, medB, townB, town } = h.users;
    const bytes = photo(31);
    const home = await caseWith(med, [meta(bytes)]);
    expect((await put(med, sha(bytes), home.id, bytes)).status).toBe(201);
    // Someone of another town who learnt the hash and size (a leaked list, a shared screenshot's metadata).
    const own = await caseWith(medB, [meta(bytes, { name: '随便.png' })]);
    for (const user of [medB, townB]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const reply = await fetchBlob(user, sha(bytes), own.id, method);
        expect(reply.status, `${user.username} ${method}`).toBe(403);
        if (method === 'GET') expect((await reply.json()).error.code).toBe('blob.foreign');
      }
    }
    // Uploading the same bytes again under the other case changes nothing about whose they are.
    expect((await put(medB, sha(bytes), own.id, bytes)).status).toBe(200);
    expect((await fetchBlob(townB, sha(bytes), own.id)).status).toBe(403);
    // Through its own case, every viewer of that case gets it; its uploader gets it from anywhere they may look.
    const viaHome = await fetchBlob(town, sha(bytes), home.id);
    expect(viaHome.status).toBe(200);
    expect(new Uint8Array(await viaHome.arrayBuffer())).toEqual(bytes);
    const second = await caseWith(med, [meta(bytes)]);
    expect((await fetchBlob(med, sha(bytes), second.id)).status).toBe(200);
  });

  test('attachment metadata is checked like any event: a non-image type is rejected for review', async () => {
    const { med } = h.users;
    const record = caseRecord(med.scope);
    const d = med.device;
    const bad = { ...meta(photo(8)), mime: 'text/html' } as unknown as AttachmentData;
    const reply = await h.push(med, d.request([d.create(record), d.event(record, { kind: 'attachment', data: bad })]));
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(reply.body.results[1]).toMatchObject({ code: 'attach.notImage' });
  });
});
