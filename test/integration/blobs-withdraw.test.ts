// Withdrawing a photo, through the real sync engine (fake-indexeddb phone, the server in-process
// on SQLite, then PostgreSQL): the phone uploads two photos, withdraws one while offline, syncs —
// and from then on the server refuses that photo's bytes to every account whose area holds the
// case (the village's mediators, the town, the county, admin), by GET, HEAD and PUT alike, while
// the other photo is still served. The bytes stay stored: nothing is physically deleted.
import { createHash } from 'node:crypto';
import { describe, it, expect, afterAll } from 'vitest';
import { createCase } from '../../src/state/actions.ts';
import { addAttachment } from '../../src/db/blobs.ts';
import { withdrawAttachment } from '../../src/state/withdraw-photo.ts';
import { visibleEvents } from '../../src/shared/events.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { startHarness, login, VILLAGE_A, TOWN, type Harness } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { newCaseInput } from '../support/case-factory.ts';
import { blobDevice } from '../support/blob-device.ts';
import { makePng, toArrayBuffer } from '../support/png.ts';

afterAll(closeTestStores);

const sha = (b: ArrayBuffer) => createHash('sha256').update(new Uint8Array(b)).digest('hex');
const photoBytes = (seed: number) => toArrayBuffer(makePng(200, 160, { seed, pattern: 'noise' }));

/** Everyone whose area holds a case of VILLAGE_A, and one whose area does not. */
async function accounts(h: Harness) {
  const more = [
    { username: 'a2', displayName: '李秀梅', role: 'mediator', scope: VILLAGE_A },
    { username: 'xian', displayName: '张科长', role: 'county', scope: TOWN.slice(0, 6) },
    { username: 'root', displayName: '管理员', role: 'admin', scope: '' },
  ] as const;
  for (const u of more) await createUser(h.store.db, { ...u, password: 'pw-12345678' });
  const inScope = await Promise.all(['a', 'a2', 'zhen', 'xian', 'root'].map(async (name) => ({ name, token: await login(h, name) })));
  return { inScope, outside: { name: 'b', token: await login(h, 'b') } };
}

function blobRequest(h: Harness, token: string, digest: string, caseId: string, method: 'GET' | 'HEAD' | 'PUT', body?: ArrayBuffer) {
  return h.fetch(`/api/blobs/${digest}?caseId=${caseId}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/octet-stream' } : {}) },
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

function suite(label: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`withdrawing a photo on ${label}`, () => {
    it('after sync the server refuses its bytes to every role in scope, serves the other photo, deletes nothing', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const { inScope, outside } = await accounts(h);
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        const kept = photoBytes(1);
        const wrong = photoBytes(2);
        await addAttachment(phone, record.id, { bytes: kept, mime: 'image/png', name: '借条.png', purpose: '证据', takenAt: '2026-11-21T08:00:00.000Z' });
        await addAttachment(phone, record.id, { bytes: wrong, mime: 'image/png', name: '无关的人.png', purpose: '证据', takenAt: '2026-11-21T08:05:00.000Z' });
        await phone.sync();
        expect(await phone.db.blobs.get(sha(wrong))).toMatchObject({ state: 'uploaded' });

        // Before: everyone in scope may fetch it — so the refusal below is the withdrawal's doing.
        for (const u of inScope) expect((await blobRequest(h, u.token, sha(wrong), record.id, 'GET')).status, u.name).toBe(200);

        // Withdrawn with no network: saved on the phone at once, the photo gone from its case.
        phone.net.up = false;
        const events = await phone.db.events.where('caseId').equals(record.id).toArray();
        const wrongEvent = events.find((e) => e.kind === 'attachment' && e.data.sha256 === sha(wrong));
        if (!wrongEvent) throw new Error('no attachment event');
        const note = await withdrawAttachment(phone, record.id, wrongEvent.id, '照片里是与本案无关的人', '王建国');
        const local = visibleEvents(await phone.db.events.where('caseId').equals(record.id).toArray());
        expect(local.filter((e) => e.kind === 'attachment').map((e) => e.kind === 'attachment' && e.data.name)).toEqual(['借条.png']);
        // The audit line says who and why, and nothing of the photo.
        expect(note.data).toEqual({ text: '王建国撤回了一张证据照片。原因：照片里是与本案无关的人', topic: 'withdrawal' });
        expect(JSON.stringify(note)).not.toContain(sha(wrong));
        // Not synced yet: the server still serves it.
        expect((await blobRequest(h, inScope[2]!.token, sha(wrong), record.id, 'GET')).status).toBe(200);
        await expect(phone.sync()).rejects.toThrow();

        phone.net.up = true;
        await phone.sync();
        expect(await phone.db.outbox.count()).toBe(0);

        for (const u of inScope) {
          for (const method of ['GET', 'HEAD'] as const) {
            const res = await blobRequest(h, u.token, sha(wrong), record.id, method);
            expect(res.status, `${u.name} ${method}`).toBe(410);
            if (method === 'GET') expect(((await res.json()) as { error: { code: string } }).error.code).toBe('blob.withdrawn');
          }
          // Nor can anyone put it back.
          expect((await blobRequest(h, u.token, sha(wrong), record.id, 'PUT', wrong)).status, `${u.name} PUT`).toBe(410);
          const other = await blobRequest(h, u.token, sha(kept), record.id, 'GET');
          expect(other.status, `${u.name} kept photo`).toBe(200);
          expect(sha(await other.arrayBuffer())).toBe(sha(kept));
        }
        // Outside the area nothing changed: still no access at all.
        expect((await blobRequest(h, outside.token, sha(wrong), record.id, 'GET')).status).toBe(403);

        // Nothing is physically deleted: the bytes and the attachment event stay on the server.
        const stored = await h.store.read.selectFrom('blobs').select('sha256').where('sha256', '=', sha(wrong)).execute();
        expect(stored).toHaveLength(1);

        // The town's laptop learns of the withdrawal at its next sync and no longer lists the photo.
        const laptop = await blobDevice(h, 'zhen', TOWN);
        await laptop.sync();
        const seen = visibleEvents(await laptop.db.events.where('caseId').equals(record.id).toArray());
        expect(seen.filter((e) => e.kind === 'attachment')).toHaveLength(1);
        expect(seen.some((e) => e.kind === 'note' && e.data.topic === 'withdrawal')).toBe(true);
      } finally {
        await h.close();
      }
    });

    it('a photo withdrawn before it was ever uploaded is refused for good, and the phone stops offering it', async () => {
      const h = await startHarness(await databaseUrl());
      try {
        const phone = await blobDevice(h, 'a', VILLAGE_A);
        phone.net.up = false;
        const record = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }));
        const bytes = photoBytes(3);
        await addAttachment(phone, record.id, { bytes, mime: 'image/png', name: '拍错了.png', purpose: '其他', takenAt: '2026-11-21T09:00:00.000Z' });
        const attachment = (await phone.db.events.where('caseId').equals(record.id).toArray()).find((e) => e.kind === 'attachment');
        if (!attachment) throw new Error('no attachment event');
        await withdrawAttachment(phone, record.id, attachment.id, '拍错了案件', '王建国');
        // Withdrawing it again is refused and writes nothing.
        const queued = await phone.db.outbox.count();
        await expect(withdrawAttachment(phone, record.id, attachment.id, '再撤一次', '王建国')).rejects.toMatchObject({ code: 'attach.withdraw.gone' });
        expect(await phone.db.outbox.count()).toBe(queued);

        phone.net.up = true;
        await phone.sync();
        expect(await h.store.read.selectFrom('blobs').select('sha256').where('sha256', '=', sha(bytes)).execute()).toEqual([]);
        expect(phone.puts).toEqual([]);
        expect(await phone.db.blobs.get(sha(bytes))).toMatchObject({ state: 'failed', isRefused: true });
        // A refused photo waits for a person's 重试; the next passes do not try it again.
        await phone.sync();
        expect(phone.puts).toEqual([]);
      } finally {
        await h.close();
      }
    });
  });
}

for (const kind of storeKinds) suite(storeLabel[kind], () => testDatabaseUrl(kind));
