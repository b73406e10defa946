// A new app version while a form is half filled: the page is not reloaded under the mediator;
// the banner 「有新版本，点击更新」 waits, and after tapping it the form comes back as it was.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { setUpProfile, waitForOfflineReady, passLock } from './flows.ts';

let server: AppServer;
let device: Device;
let page: Page;

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

describe('app update', () => {
  it('prompts instead of reloading, and the half-filled form survives the update', async () => {
    await setUpProfile(page, server.url);
    await waitForOfflineReady(page);
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    await page.getByTestId('nav-plus').click();
    await page.getByRole('radio', { name: '婚姻家庭纠纷' }).check();
    await page.locator('#party-0-name').fill('孙桂芝');
    await page.getByLabel('纠纷简要情况').fill('夫妻因彩礼返还发生争执，话说到一半');

    // Ship a new version: the service worker file changes byte for byte.
    appendFileSync(join(server.distDir, 'sw.js'), '\n// next version\n');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    // Installing the new worker re-checks the whole precache: on a loaded machine that takes a while.
    await page.getByTestId('update-banner').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('update-banner').textContent()).toContain('有新版本，点击更新');
    // Nothing reloaded on its own: what was typed is still in the form.
    expect(await page.getByLabel('纠纷简要情况').inputValue()).toBe('夫妻因彩礼返还发生争执，话说到一半');

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-banner').click()]);
    await passLock(page); // the reloaded page starts locked
    await page.getByLabel('纠纷简要情况').waitFor();
    expect(await page.getByLabel('纠纷简要情况').inputValue()).toBe('夫妻因彩礼返还发生争执，话说到一半');
    expect(await page.locator('#party-0-name').inputValue()).toBe('孙桂芝');
    expect(await page.getByTestId('picked-category').textContent()).toBe('婚姻家庭纠纷');
    // The new worker now controls the page and is waiting for nothing.
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => !r?.waiting));
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);
  });
});
