// 司法所 staff on a laptop nobody has used for 说和: from the public home, 工作人员登录 opens the
// sign-in form (no PIN pad before it, no mediator's 先填写您的姓名和所在的村), then the PIN that
// seals what the desk keeps, then the desk itself.
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
  device = await openDevice({ width: 1366, height: 768 });
  page = device.context.pages()[0] ?? (await device.context.newPage());
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

describe('a town user on a fresh 1366×768 browser', () => {
  it('reaches the sign-in form from the public home, then sets the PIN and lands on the desk', async () => {
    await page.goto(`${server.url}/`);
    await page.getByTestId('public-home').waitFor();
    await page.getByTestId('home-login').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('login-submit').waitFor();
    expect(await page.locator('main.lock-screen').count()).toBe(0);
    if (process.env.E2E_SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/staff-login-fresh.png` });

    await page.getByLabel('用户名').fill('zhen');
    await page.getByLabel('密码', { exact: true }).fill('shuohe-2023');
    await page.getByTestId('login-submit').click();
    await page.getByRole('heading', { name: '设置 6 位 PIN' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain('先填写您的姓名');
    await page.keyboard.type(TEST_PIN);
    await page.getByRole('heading', { name: '请再输入一次 PIN' }).waitFor();
    await page.keyboard.type(TEST_PIN);

    // The desk's side navigation, the 已登录 line, and never the mediator's set-up.
    await page.getByTestId('nav-cases').waitFor();
    await page.getByTestId('flash').filter({ hasText: '已登录' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain('先填写您的姓名');
    if (process.env.E2E_SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/staff-desk-after-pin.png` });

    // 我的 (the name in the desk header) is the account, not the mediator's profile form.
    await page.getByTestId('desk-me').click();
    await page.getByTestId('staff-me').waitFor();
    expect(await page.getByTestId('account-card').textContent()).toContain('zhen');
    expect(await page.getByLabel('您的姓名').count()).toBe(0);
  });
});
