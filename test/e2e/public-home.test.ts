// Residents' first minutes on a phone never set up for work: `/` and the installed app's start URL
// open the public home, from which the guides and the 申请调解 form are reached without a PIN pad
// or the mediator's bottom bar; the installed app reopens where its owner last was; 调解员登录
// leads into the work side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { TEST_PIN } from './flows.ts';

let server: AppServer;
let device: Device;
let page: Page;

beforeAll(async () => {
  server = await startAppServer();
  device = await openDevice();
  page = device.context.pages()[0] ?? (await device.context.newPage());
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

/** Nothing of the work side is on screen: no PIN pad, no mediator's bar, no sync line. */
async function expectPublicOnly(): Promise<void> {
  expect(await page.locator('main.lock-screen').count()).toBe(0);
  expect(await page.getByTestId('nav-plus').count()).toBe(0);
  expect(await page.getByTestId('sync-line').count()).toBe(0);
  expect(await page.locator('nav[aria-label="居民导航"]').count()).toBe(1);
}

/** The start URL the manifest gives the installed app. */
async function startUrl(): Promise<string> {
  const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json() as { start_url: string };
  return manifest.start_url;
}

describe('a phone never set up for work', () => {
  it('opens `/` on the public home and reaches the guides and the request form without a PIN', async () => {
    await page.goto(`${server.url}/`);
    await page.getByTestId('public-home').waitFor();
    await expectPublicOnly();
    expect(await page.getByTestId('mediator-login').textContent()).toBe('调解员登录');

    await page.getByRole('link', { name: /^法律指南/ }).first().click();
    await page.getByRole('heading', { level: 1, name: '法律指南' }).waitFor();
    await expectPublicOnly();

    await page.getByTestId('public-nav-help').click();
    await page.getByTestId('request-form').waitFor();
    await expectPublicOnly();

    await page.getByTestId('public-nav-phone').click();
    await page.getByTestId('contacts-screen').waitFor();
    await expectPublicOnly();
    // Nothing private was ever started on this phone: the lock never left 'checking' — or, on
    // pages the public side's own entry drew (src/public-main.tsx), was never even loaded.
    expect(await page.evaluate(() => document.documentElement.dataset.lock ?? 'never loaded')).toMatch(/^(checking|never loaded)$/);
  });

  it('opens the installed start URL where its owner last was, and on the public home the first time', async () => {
    const start = await startUrl();
    expect(start).not.toBe('/');
    await page.goto(`${server.url}/guides`);
    // The prerendered page is taken over by the app, which remembers the place: forget it after that.
    await page.waitForFunction(() => localStorage.getItem('shuohe.lastPlace') === '/guides');
    await page.evaluate(() => localStorage.removeItem('shuohe.lastPlace'));
    await page.goto(`${server.url}${start}`);
    await page.getByTestId('public-home').waitFor();
    await expectPublicOnly();

    // Last on the request form: the icon opens it again.
    await page.goto(`${server.url}/help`);
    // The form is prerendered with /help: wait for the app that took it over to remember the place.
    await page.waitForFunction(() => localStorage.getItem('shuohe.lastPlace') === '/help');
    await page.goto(`${server.url}${start}`);
    await page.waitForURL((url) => url.pathname === '/help');
    await page.getByTestId('request-form').waitFor();
    await expectPublicOnly();
  });

  it('leads from 调解员登录 to the sign-in form, then the PIN that seals the phone, then the case list', async () => {
    await page.goto(`${server.url}/`);
    await page.getByTestId('home-login').click();
    await page.waitForURL((url) => url.pathname === '/login');
    // The form first, in the residents' frame: no PIN pad, no work tab bar to wander into.
    await page.getByTestId('login-submit').waitFor();
    expect(await page.locator('main.lock-screen').count()).toBe(0);
    expect(await page.getByTestId('nav-plus').count()).toBe(0);
    await page.getByLabel('用户名').fill('tiaojie');
    await page.getByLabel('密码', { exact: true }).fill('shuohe-2023');
    await page.getByTestId('login-submit').click();
    // Signed in, the phone asks for its PIN before any case reaches it.
    await page.getByRole('heading', { name: '设置 6 位 PIN' }).waitFor();
    await page.keyboard.type(TEST_PIN);
    await page.getByRole('heading', { name: '请再输入一次 PIN' }).waitFor();
    await page.keyboard.type(TEST_PIN);
    await page.getByTestId('flash').filter({ hasText: '已登录' }).waitFor();
    // The opening tab has cases in it, and the 已登录 line covers no tab (it is in the header's flow).
    await page.getByTestId('case-row').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const covered = await page.evaluate(() => {
      const flash = document.querySelector('[data-testid="flash"]')?.getBoundingClientRect();
      if (!flash || flash.height === 0) return ['no flash'];
      return [...document.querySelectorAll('.tabs .tab, [data-testid="case-row"]')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < flash.right && flash.left < r.right && r.top < flash.bottom && flash.top < r.bottom;
      }).map((el) => el.textContent);
    });
    expect(covered).toEqual([]);
    expect(await page.locator('main').textContent()).not.toContain('先填写您的姓名');
  });
});
