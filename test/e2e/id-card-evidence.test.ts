// 扫描身份证's "保留身份证照片作为证据" (issue #17) in Chromium at 360×740 with the real models: off by
// default, the card's photo is read and dropped — the saved case has no attachment, the phone
// holds no photo for it, and no byte run of the photo is in any file of the browser profile; ticked,
// the photo becomes a 身份证明 attachment of the saved case, sealed on the phone (no readable JPEG
// in IndexedDB) and, after the sync, on the server under that case.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow } from './flows.ts';
import { makeCards, photograph } from '../id-card/cards.ts';
import { openScan, scanSide } from '../id-card/scan-steps.ts';

let server: AppServer;
let device: Device;
let page: Page;
let keptCaseId = '';

beforeAll(async () => {
  server = await startAppServer();
  device = await openDevice();
  page = await device.context.newPage();
  page.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

const CARDS = makeCards(2, 41, true);
const photos: Buffer[] = [];

/** Fills what 受理 needs besides party 0 (filled by the scan) and saves; resolves with the case id. */
async function finishCase(p: Page): Promise<string> {
  await p.getByRole('radio', { name: '邻里纠纷' }).check();
  await p.locator('#party-1-name').fill('李国强');
  await p.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执。');
  await p.getByRole('radio', { name: '当事人申请' }).check();
  await p.getByTestId('submit').click();
  await p.getByTestId('case-label').waitFor();
  return new URL(p.url()).pathname.split('/')[2] ?? '';
}

/** The phone's photo rows as stored: hash, case, and whether the bytes are a readable JPEG. */
function phoneBlobs(p: Page): Promise<{ sha256: string; caseId: string; plainJpeg: boolean }[]> {
  return p.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('shuohe');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ sha256: string; caseId: string; bytes: unknown }[]>((resolve, reject) => {
      const all = db.transaction('blobs').objectStore('blobs').getAll();
      all.onsuccess = () => resolve(all.result);
      all.onerror = () => reject(all.error);
    });
    db.close();
    return rows.map((r) => {
      const raw = r.bytes instanceof ArrayBuffer ? new Uint8Array(r.bytes) : r.bytes instanceof Uint8Array ? r.bytes : null;
      return { sha256: r.sha256, caseId: r.caseId, plainJpeg: raw !== null && raw[0] === 0xff && raw[1] === 0xd8 };
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

describe('保留身份证照片作为证据', () => {
  it('ticked: the card photo becomes a 身份证明 attachment of the saved case, sealed on the phone and synced', async () => {
    for (const c of CARDS) photos.push(await photograph(device.context, c.person, 'front', c.distortion, c.seed));
    await signIn(page, server.url, 'tiaojie');
    await page.waitForURL(`${server.url}/`);
    await openScan(page);
    const party = page.getByTestId('party-0');
    await expect.poll(() => party.getByTestId('id-scan-notice').textContent()).toContain('保留身份证照片作为证据');
    await scanSide(page, 'front', photos[0] ?? Buffer.alloc(0));
    const keep = party.getByLabel('保留身份证照片作为证据');
    expect(await keep.isChecked()).toBe(false);
    await keep.check();
    await page.screenshot({ path: 'test-results/id-card-keep.png', fullPage: false });
    await party.getByTestId('id-scan-apply').click();
    await expect.poll(() => party.getByTestId('party-0-kept').textContent()).toContain('1 张');
    const caseId = await finishCase(page);
    keptCaseId = caseId;

    const section = page.getByTestId('attachments');
    const tile = section.locator('.thumb-item');
    await expect.poll(() => tile.count()).toBe(1);
    await expect.poll(() => tile.first().locator('.thumb-purpose').textContent()).toBe('身份证明');
    const onPhone = await phoneBlobs(page);
    expect(onPhone).toEqual([expect.objectContaining({ caseId, plainJpeg: false })]);

    await syncNow(page);
    await expect.poll(() => tile.first().getByTestId('attach-status').textContent(), { timeout: 60_000 }).toBe('已上传');
    const rows = await server.store.read.selectFrom('blobs').select(['sha256', 'home_case_id']).execute();
    expect(rows).toEqual([{ sha256: onPhone[0]?.sha256, home_case_id: caseId }]);
    const events = await server.store.read.selectFrom('events').select('data').where('case_id', '=', caseId).where('kind', '=', 'attachment').execute();
    expect(events.map((e) => JSON.parse(e.data).data)).toEqual([expect.objectContaining({ sha256: onPhone[0]?.sha256, purpose: '身份证明', mime: 'image/jpeg' })]);
  }, 900_000);

  it('on 编辑: a card scanned again only to keep its photo is saved, although no field changed', async () => {
    const card = CARDS[0];
    if (!card) throw new Error('no card');
    // Another photo of the same card (other light and grain): the same fields, new bytes.
    const again = await photograph(device.context, card.person, 'front', card.distortion, card.seed + 7);
    await page.goto(`${server.url}/cases/${keptCaseId}/edit`);
    const party = page.getByTestId('party-0');
    await expect.poll(() => page.locator('#party-0-name').inputValue()).not.toBe('');
    const before = await page.locator('#party-0-name').inputValue();
    await page.getByTestId('party-0-scan').click();
    await party.getByTestId('id-scan-notice').waitFor();
    await scanSide(page, 'front', again);
    await party.getByLabel('保留身份证照片作为证据').check();
    await party.getByTestId('id-scan-apply').click();
    await expect.poll(() => party.getByTestId('party-0-kept').textContent()).toContain('1 张');
    expect(await page.locator('#party-0-name').inputValue()).toBe(before);
    await page.getByTestId('submit').click();
    await page.waitForURL(`${server.url}/cases/${keptCaseId}`);
    const tiles = page.getByTestId('attachments').locator('.thumb-item');
    await expect.poll(() => tiles.count()).toBe(2);
    await expect.poll(() => tiles.nth(1).locator('.thumb-purpose').textContent()).toBe('身份证明');
  }, 900_000);

  it('left off (the default): the photo is dropped — no attachment, no photo on the phone, no byte of it in the profile', async () => {
    await page.goto(`${server.url}/`);
    await openScan(page);
    const party = page.getByTestId('party-0');
    const read = await scanSide(page, 'front', photos[1] ?? Buffer.alloc(0));
    expect(read.fields.name).toBe(CARDS[1]?.person.name);
    expect(await party.getByLabel('保留身份证照片作为证据').isChecked()).toBe(false);
    await party.getByTestId('id-scan-apply').click();
    await expect.poll(() => page.locator('#party-0-name').inputValue()).toBe(CARDS[1]?.person.name);
    expect(await party.getByTestId('party-0-kept').count()).toBe(0);
    const caseId = await finishCase(page);

    const section = page.getByTestId('attachments');
    await expect.poll(() => section.textContent()).toContain('还没有附件');
    expect(await section.locator('.thumb-item').count()).toBe(0);
    // Only the first case's kept photos are on the phone.
    await expect.poll(async () => (await phoneBlobs(page)).map((b) => b.caseId)).not.toContain(caseId);
    expect((await phoneBlobs(page)).map((b) => b.caseId)).toEqual([keptCaseId, keptCaseId]);
    await syncNow(page);
    const events = await server.store.read.selectFrom('events').select('id').where('case_id', '=', caseId).where('kind', '=', 'attachment').execute();
    expect(events).toEqual([]);

    // Everything flushed to disk, as on a phone switched off: no run of the photo's bytes anywhere
    // (the file chooser's copy, a cache, a stray IndexedDB value).
    await device.context.close();
    const photo = photos[1] ?? Buffer.alloc(0);
    const needles = [0.25, 0.5, 0.75].map((at) => photo.subarray(Math.floor(photo.length * at), Math.floor(photo.length * at) + 48));
    const files = filesUnder(device.dir);
    expect(files.some((f) => /IndexedDB/.test(f))).toBe(true);
    const found = files.filter((f) => statSync(f).size > 0 && needles.some((n) => readFileSync(f).includes(n)));
    expect(found.map((f) => f.slice(device.dir.length))).toEqual([]);
  }, 900_000);
});
