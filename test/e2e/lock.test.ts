// The PIN lock in Chromium at 360×740: set on first run with the keypad, a case saved with names,
// 身份证号, phone and facts, then locked — and no store of any IndexedDB database holds any of
// them; a wrong PIN is refused, the right one opens the case and the name search; a reload starts
// locked; ten wrong PINs warn from the fifth and then erase the device.
import { dumpIndexedDb } from '../support/indexeddb-dump.ts';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';

let server: AppServer;
let device: Device;
let page: Page;

const PIN = '480215';
const SECRETS = ['张秀英', '李国强', '150523199001011234', '13800001234', '院墙滴水'];

beforeAll(async () => {
  server = await startAppServer({ demo: false, counties: ['150523'] });
  device = await openDevice();
  page = await device.context.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

async function tapPin(pin: string): Promise<void> {
  for (const d of pin) await page.locator('.pin-key', { hasText: new RegExp(`^${d}$`) }).click();
}

const phase = () => page.evaluate(() => document.documentElement.dataset.lock);
const settled = () => page.waitForFunction(() => (document.documentElement.dataset.lock ?? 'checking') !== 'checking');

const pageDump = () => page.evaluate(dumpIndexedDb);

describe('PIN lock', () => {
  it('sets the PIN on first run, then the profile', async () => {
    await page.goto(`${server.url}/me`);
    await settled();
    expect(await phase()).toBe('setPin');
    await tapPin('123456');
    await expect.poll(() => page.getByTestId('pin-problem').textContent()).toContain('太容易猜到');
    await tapPin(PIN);
    await page.getByRole('heading', { name: '请再输入一次 PIN' }).waitFor();
    await tapPin(PIN);
    await page.waitForFunction(() => document.documentElement.dataset.lock === 'open');
    await page.getByLabel('您的姓名').fill('王建国');
    await page.getByLabel('按名称查找村（社区）').fill('五家');
    await page.getByRole('radio', { name: /^五家/ }).first().check();
    await page.getByTestId('submit').click();
    await page.getByTestId('flash').filter({ hasText: '已保存' }).waitFor();
  });

  it('leaves no name, 身份证号, phone or fact in IndexedDB after a save and a lock', async () => {
    await page.getByTestId('nav-plus').click();
    await page.getByRole('radio', { name: '邻里纠纷' }).check();
    await page.locator('#party-0-name').fill('张秀英');
    await page.locator('[data-testid="party-0"] .disclosure').click();
    await page.locator('#party-0-idNumber').fill('150523199001011234');
    await page.locator('#party-0-phone').fill('13800001234');
    await page.locator('#party-1-name').fill('李国强');
    await page.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执，李家屋檐的水流进张家院子。');
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    // While open, the data is really there (the dump below is not empty by accident).
    await expect.poll(() => page.locator('main').textContent()).toContain('院墙滴水');

    await page.goto(`${server.url}/me`);
    await settled();
    await tapPin(PIN); // every page load starts locked
    await page.getByTestId('lock-now').click();
    await page.getByRole('heading', { name: '输入 PIN 解锁' }).waitFor();
    const dump = await pageDump();
    expect(dump).toContain('shuohe/cases');
    expect(dump).toContain('shuohe/outbox');
    expect(SECRETS.filter((s) => dump.includes(s))).toEqual([]);
  });

  it('refuses a wrong PIN and opens with the right one, name search included', async () => {
    await tapPin('111111');
    await page.getByTestId('pin-wrong').waitFor();
    expect(await phase()).toBe('locked');
    await page.screenshot({ path: 'test-results/lock-360.png' });
    await tapPin(PIN);
    await page.waitForFunction(() => document.documentElement.dataset.lock === 'open');
    await page.goto(`${server.url}/`);
    await settled();
    expect(await phase()).toBe('locked'); // a page load starts locked: the key is in memory only
    await tapPin(PIN);
    await page.waitForFunction(() => document.documentElement.dataset.lock === 'open');
    await page.locator('#case-search').fill('秀英');
    await page.getByTestId('case-row').filter({ hasText: '张*英' }).waitFor();
  });

  it('warns from the fifth wrong PIN and erases the device at the tenth', async () => {
    await page.reload();
    await settled();
    for (let i = 1; i <= 4; i++) {
      await tapPin('111111');
      await page.getByTestId('pin-wrong').waitFor();
      await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('.pin-key')?.disabled === false);
    }
    await tapPin('111111');
    // The PIN is checked asynchronously (key derivation): wait for the fifth miss to be counted.
    await expect.poll(() => page.getByTestId('pin-warning').textContent()).toContain('再错 5 次');
    for (let i = 6; i <= 10; i++) {
      await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('.pin-key')?.disabled === false);
      await tapPin('111111');
    }
    await page.waitForFunction(() => document.documentElement.dataset.lock === 'setPin');
    await expect.poll(() => page.locator('main').textContent()).toContain('已清除');
    const dump = await pageDump();
    expect(SECRETS.filter((s) => dump.includes(s))).toEqual([]);
    const counts = await page.evaluate(async () => {
      const idb = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('shuohe');
        req.onsuccess = () => resolve(req.result);
      });
      const count = (s: string) => new Promise<number>((resolve) => {
        const req = idb.transaction(s).objectStore(s).count();
        req.onsuccess = () => resolve(req.result);
      });
      return { cases: await count('cases'), outbox: await count('outbox'), keyring: await count('keyring') };
    });
    expect(counts).toEqual({ cases: 0, outbox: 0, keyring: 0 });
  });
});
