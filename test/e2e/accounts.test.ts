// Accounts in a real browser against the real server (demo county): county staff open 账号 from
// the navigation, create a mediator account on a phone-sized screen (the form refuses a short
// password in Chinese first), the new mediator signs in on their own phone, is made to replace
// the temporary password, and lands in the app; county staff then see the sign-in and disable
// the account, after which the mediator can no longer sign in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { openDevice, PHONE, type Device } from './browser.ts';
import { passLock, setPinIfAsked } from './flows.ts';

let server: AppServer;
let countyPhone: Device;
let mediatorPhone: Device;
let county: Page;
let mediator: Page;

/** E2E_SCREENSHOT_DIR=/tmp/x saves what the screens look like at each step. */
const shot = async (page: Page, name: string) => {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
};

beforeAll(async () => {
  server = await startAppServer();
  countyPhone = await openDevice(PHONE);
  mediatorPhone = await openDevice(PHONE);
  county = await countyPhone.context.newPage();
  mediator = await mediatorPhone.context.newPage();
  county.setDefaultTimeout(60_000);
  mediator.setDefaultTimeout(60_000);
  county.on('dialog', (dialog) => void dialog.accept());
});
afterAll(async () => {
  await countyPhone?.close();
  await mediatorPhone?.close();
  await server?.close();
});

/** Opens a page past the device lock (sets the PIN on a new phone, unlocks after a page load). */
async function open(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  await setPinIfAsked(page);
}

async function signIn(page: Page, username: string, password: string) {
  await open(page, '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}

const row = (username: string) => county.locator(`[data-testid="account-row"][data-username="${username}"]`);

describe('accounts on /accounts', () => {
  it('county staff open 账号 from the navigation and see the accounts of their county', async () => {
    await signIn(county, 'xian', 'shuohe-2023');
    await county.waitForURL((url) => !url.pathname.startsWith('/login'));
    await passLock(county);
    await county.getByTestId('nav-accounts').click();
    await county.waitForURL((url) => url.pathname === '/accounts');
    await row('zhen').waitFor();
    expect(await row('tiaojie').textContent()).toContain('调解员');
    expect(await row('zhen').textContent()).toContain('司法所 · 开鲁镇');
    // Peers and the administrator are not theirs to manage.
    expect(await county.locator('[data-testid="account-row"][data-username="admin"]').count()).toBe(0);
    await shot(county, 'accounts-list');
  });

  it('creates a mediator account for a village chosen from the area tree', async () => {
    await county.getByTestId('new-account').click();
    await county.waitForURL((url) => url.pathname === '/accounts/new');
    expect(await county.getByTestId('role-mediator').getAttribute('aria-pressed')).toBe('true');
    await county.getByLabel('姓名').fill('李新');
    await county.getByLabel('用户名').fill('lixin');
    await county.getByLabel('乡镇').selectOption({ label: '开鲁镇' });
    await county.getByLabel('村（社区）').selectOption({ label: '五家村委会' });
    await county.getByLabel('临时密码').fill('short');
    await county.getByTestId('new-account-submit').click();
    await county.getByText('密码至少 10 位，请再长一些').waitFor();
    await county.getByLabel('临时密码').fill('lixin-first-1');
    await shot(county, 'new-account');
    await county.getByTestId('new-account-submit').click();
    await county.waitForURL((url) => url.pathname === '/accounts');
    await county.getByTestId('flash').filter({ hasText: '已创建账号“lixin”' }).waitFor();
    await expect.poll(() => row('lixin').textContent()).toContain('待改密码');
    expect(await row('lixin').textContent()).toContain('五家村委会');
    expect(await row('lixin').textContent()).toContain('从未登录');
  });

  it('the new mediator signs in on a phone, replaces the temporary password and starts work', async () => {
    await signIn(mediator, 'lixin', 'lixin-first-1');
    await mediator.getByTestId('must-change').waitFor();
    await mediator.getByLabel('新密码', { exact: true }).fill('lixin-own-secret');
    await mediator.getByLabel('再输一次新密码').fill('lixin-own-secret');
    await shot(mediator, 'must-change');
    await mediator.getByTestId('password-submit').click();
    await mediator.waitForURL((url) => url.pathname === '/');
    await passLock(mediator); // a fresh phone sets its PIN once signed in
    await mediator.getByTestId('flash').filter({ hasText: '已登录：李新' }).waitFor();
    // 我的 shows the account and where to change the password; a mediator has no 账号 tab.
    await mediator.getByTestId('nav-me').click();
    await expect.poll(() => mediator.getByTestId('account-card').textContent()).toContain('李新（用户名 lixin）');
    expect(await mediator.getByTestId('nav-accounts').count()).toBe(0);
    await shot(mediator, 'mediator-me');
  });

  it('county staff see the sign-in, disable the account, and the mediator can no longer sign in', async () => {
    // Away and back through the navigation: the list is read again from the server.
    await county.getByTestId('nav-review').click();
    await county.getByTestId('nav-accounts').click();
    await expect.poll(() => row('lixin').textContent()).toContain('最近登录');
    expect(await row('lixin').textContent()).toContain('正常');
    await row('lixin').getByTestId('account-toggle').click();
    await expect.poll(() => row('lixin').textContent()).toContain('已停用');
    await shot(county, 'accounts-disabled');

    await open(mediator, '/login');
    await mediator.getByTestId('logout').click();
    // Signing out finishes (the server forgets the token, the phone its sealed session) before the
    // form shows again; a new page load before that would open the old session.
    await mediator.getByLabel('用户名').waitFor();
    await signIn(mediator, 'lixin', 'lixin-own-secret');
    await expect.poll(() => mediator.getByTestId('login-error').textContent()).toBe('用户名或密码不对');
  });
});
