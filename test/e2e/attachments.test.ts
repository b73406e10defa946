// 附件 on a mediator's phone (Chromium, 360×740) against the real server with the demo county:
// sign in as `tiaojie`, register a case, add a 3 MB photo of a page from a file — it is
// compressed on the phone to a JPEG of at most 400 KB, long side 1600 px — and after the sync it
// shows 已上传 and the server holds exactly those bytes.
import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { setUpProfile, signIn } from './flows.ts';
import { makePng } from '../support/png.ts';

let server: AppServer;
let device: Device;
let page: Page;

beforeAll(async () => {
  server = await startAppServer({ demo: true });
  device = await openDevice();
  page = await device.context.newPage();
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

async function registerCase(p: Page): Promise<void> {
  await p.getByTestId('nav-plus').click();
  await p.getByRole('radio', { name: '邻里纠纷' }).check();
  await p.locator('#party-0-name').fill('张秀英');
  await p.locator('#party-1-name').fill('李国强');
  await p.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执，李家屋檐的水流进张家院子。');
  await p.getByRole('radio', { name: '当事人申请' }).check();
  await p.getByTestId('submit').click();
  await p.getByTestId('case-label').waitFor();
}

describe('attachments on the phone', () => {
  it('adds a photo from a file: compressed to ≤ 400 KB on the phone, 已上传 after sync, equal bytes on the server', async () => {
    await setUpProfile(page, server.url);
    await signIn(page, server.url, 'tiaojie');
    await registerCase(page);
    const caseId = new URL(page.url()).pathname.split('/')[2] ?? '';

    const section = page.getByTestId('attachments');
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => section.getByTestId('storage').textContent()).toMatch(/本机已用 .+，还可用约 .+/);
    expect(await page.getByTestId('attach-camera-input').getAttribute('capture')).toBe('environment');
    expect(await page.getByTestId('attach-camera-input').getAttribute('accept')).toBe('image/*');

    // A photographed A4 page, 2400×1800, about 3 MB as PNG.
    const original = makePng(2400, 1800, { seed: 7, pattern: 'page' });
    expect(original.byteLength).toBeGreaterThan(2_000_000);
    await section.getByRole('button', { name: '证据' }).click();
    await page.getByTestId('attach-file-input').setInputFiles({ name: '借条照片.png', mimeType: 'image/png', buffer: original });

    const tile = section.locator('.thumb-item');
    await tile.first().waitFor();
    await expect.poll(() => tile.count()).toBe(1);
    await expect.poll(() => tile.first().locator('.thumb-purpose').textContent()).toBe('证据');
    await expect.poll(() => tile.first().getByTestId('attach-status').textContent(), { timeout: 30_000 }).toBe('已上传');

    const rows = await server.store.read.selectFrom('blobs').select(['sha256', 'size', 'mime', 'bytes']).execute();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row) throw new Error('no blob on the server');
    expect(row.mime).toBe('image/jpeg');
    expect(row.size).toBeLessThanOrEqual(400 * 1024);
    expect(createHash('sha256').update(row.bytes).digest('hex')).toBe(row.sha256);
    expect([row.bytes[0], row.bytes[1]]).toEqual([0xff, 0xd8]); // a JPEG

    // The phone keeps the photo under the same hash, sealed at rest (db/crypto-middleware.ts): the
    // stored row holds no readable JPEG; the viewer below shows it decrypted, 1600×1200, upright.
    const local = await page.evaluate(async (sha) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('shuohe');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const blob = await new Promise<{ size: number; state: string; bytes: unknown }>((resolve, reject) => {
        const get = db.transaction('blobs').objectStore('blobs').get(sha);
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
      db.close();
      const raw = blob.bytes instanceof ArrayBuffer ? new Uint8Array(blob.bytes) : blob.bytes instanceof Uint8Array ? blob.bytes : null;
      return { size: blob.size, state: blob.state, plainJpeg: raw !== null && raw[0] === 0xff && raw[1] === 0xd8 };
    }, row.sha256);
    expect(local).toEqual({ size: row.size, state: 'uploaded', plainJpeg: false });

    // The metadata reached the server as an attachment event of this case.
    const events = await server.store.read.selectFrom('events').select('data').where('case_id', '=', caseId).where('kind', '=', 'attachment').execute();
    expect(events.map((e) => JSON.parse(e.data).data)).toEqual([
      expect.objectContaining({ sha256: row.sha256, size: row.size, mime: 'image/jpeg', name: '借条照片.jpg', purpose: '证据' }),
    ]);

    await section.screenshot({ path: 'test-results/attachments-section.png' });
    await tile.first().locator('.thumb').click();
    const viewer = page.getByTestId('photo-viewer');
    await viewer.waitFor();
    expect(await viewer.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1600);
    await page.screenshot({ path: 'test-results/attachments-viewer.png' });
    await page.getByTestId('viewer-close').click();
    await viewer.waitFor({ state: 'detached' });
  });
});
