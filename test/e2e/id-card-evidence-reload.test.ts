// 扫描身份证's "保留身份证照片作为证据" across a reload (issue #17): the kept photo waits with the
// form's draft — written beside it, sealed (no readable JPEG on the phone) — so a reload before 保存
// brings it back with the typed fields, and 保存 still makes it the case's 身份证明 attachment.
// Before, it lived in page memory only and a reload lost it without a word.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn } from './flows.ts';
import { makeCards, photograph } from '../id-card/cards.ts';
import { openScan, scanSide } from '../id-card/scan-steps.ts';

let server: AppServer;
let device: Device;
let page: Page;

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

/** Whether any value in the app's key-value store (drafts) holds a readable JPEG. */
function plainJpegInKeyval(p: Page): Promise<{ keys: string[]; plainJpeg: boolean }> {
  return p.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('keyval-store');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('keyval').objectStore('keyval');
    const [keys, values] = await Promise.all(
      [store.getAllKeys(), store.getAll()].map((r) => new Promise<unknown[]>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result as unknown[]);
        r.onerror = () => reject(r.error);
      })),
    );
    db.close();
    // A JPEG starts FF D8 FF: as base64 "/9j/"; in raw bytes, those three.
    const text = JSON.stringify(values ?? []);
    const raw = (values ?? []).some((v) => v instanceof Uint8Array && v[0] === 0xff && v[1] === 0xd8);
    return { keys: (keys ?? []).map(String), plainJpeg: raw || text.includes('/9j/') };
  });
}

describe('保留身份证照片作为证据 and a reload before 保存', () => {
  it('the kept photo comes back with the draft and is attached on 保存', async () => {
    const card = makeCards(1, 43, true)[0];
    if (!card) throw new Error('no card');
    const photo = await photograph(device.context, card.person, 'front', card.distortion, card.seed);
    await signIn(page, server.url, 'tiaojie');
    await page.waitForURL(`${server.url}/`);
    await openScan(page);
    const party = page.getByTestId('party-0');
    const read = await scanSide(page, 'front', photo);
    expect(read.fields.name).toBe(card.person.name);
    await party.getByLabel('保留身份证照片作为证据').check();
    await party.getByTestId('id-scan-apply').click();
    await expect.poll(() => page.locator('#party-0-name').inputValue()).toBe(card.person.name);
    // Both writes done before the page goes: the photo beside the draft, and the draft itself.
    const kept = party.getByTestId('party-0-kept');
    await expect.poll(() => kept.getAttribute('data-written'), { timeout: 60_000 }).toBe('true');
    expect(await kept.textContent()).toContain('已加密暂存在本机');
    // Nothing else was typed: the draft written is the one holding the scanned fields.
    await expect.poll(() => page.locator('.draft-status').textContent(), { timeout: 60_000 }).toContain('草稿已自动保存');
    const stored = await plainJpegInKeyval(page);
    expect(stored.keys.some((k) => k.startsWith('draft:id-card-photos:'))).toBe(true);
    expect(stored.plainJpeg).toBe(false);

    await page.reload();
    const again = page.getByTestId('party-0');
    await expect.poll(() => page.locator('#party-0-name').inputValue(), { timeout: 60_000 }).toBe(card.person.name);
    await expect.poll(() => again.getByTestId('party-0-kept').textContent(), { timeout: 60_000 }).toContain('1 张');
    await again.getByTestId('party-0-kept').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/id-card-kept-after-reload.png', fullPage: false });

    await page.getByRole('radio', { name: '邻里纠纷' }).check();
    await page.locator('#party-1-name').fill('李国强');
    await page.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执。');
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    const tile = page.getByTestId('attachments').locator('.thumb-item');
    await expect.poll(() => tile.count()).toBe(1);
    await expect.poll(() => tile.first().locator('.thumb-purpose').textContent()).toBe('身份证明');
    // Saved: nothing of the photo waits beside a draft any more.
    await expect.poll(async () => (await plainJpegInKeyval(page)).keys.filter((k) => k.startsWith('draft:id-card-photos:'))).toEqual([]);
  }, 900_000);
});
