// Steps several browser tests share: the device PIN, the first-run profile, signing in, syncing
// now and waiting for offline readiness.
import type { Page } from 'playwright-core';

export const TEST_PIN = '480215';

/**
 * Gets past the lock gate with `pin`: sets it (typed twice) on a device without one, enters it on
 * a locked one, does nothing on an open device or a public page. Waits for the gate to settle
 * (<html data-lock>, state/lock.ts) so it never types into the wrong screen.
 */
export async function passLock(page: Page, pin = TEST_PIN): Promise<void> {
  // The public side (the guides, 申请调解, 找调解员, and `/` on a device not set up for work) has no
  // gate and starts no lock: its frame is the sign that it settled — unless it is the prerendered
  // residents' home that index.html carries, hidden at any other URL (<html data-blank>,
  // src/build/prerender.ts) until the app draws the page it was asked for.
  await page.waitForFunction(() => (document.querySelector('.shell.public') !== null && !document.documentElement.hasAttribute('data-blank')) || (document.documentElement.dataset.lock ?? 'checking') !== 'checking');
  const phase = await page.evaluate(() => document.documentElement.dataset.lock);
  const isPublic = await page.locator('.shell.public').count() > 0;
  if (isPublic || (phase !== 'setPin' && phase !== 'locked')) return;
  // A device with neither PIN nor account shows the sign-in form first (ui/lock/lock-gate.tsx):
  // the PIN comes after signing in (signIn passes it then).
  await page.locator('main.lock-screen h1, [data-testid="login-submit"]').first().waitFor();
  if (await page.locator('main.lock-screen h1').count() === 0) return;
  await page.keyboard.type(pin);
  if (phase === 'setPin') {
    await page.getByRole('heading', { name: '请再输入一次 PIN' }).waitFor();
    await page.keyboard.type(pin);
  }
  await page.waitForFunction(() => document.documentElement.dataset.lock === 'open');
}

const patched = new WeakSet<Page>();

/**
 * Sets the PIN if asked, and from then on passes the lock after every `goto` and `reload` of this
 * page: each page load starts locked (the key lives in memory only), and the tests written
 * before the lock navigate freely.
 */
export async function setPinIfAsked(page: Page, pin = TEST_PIN): Promise<void> {
  await passLock(page, pin);
  if (patched.has(page)) return;
  patched.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args: Parameters<Page['goto']>) => {
    const response = await goto(...args);
    await passLock(page, pin);
    return response;
  };
  page.reload = async (...args: Parameters<Page['reload']>) => {
    const response = await reload(...args);
    await passLock(page, pin);
    return response;
  };
}

/** Opens the sign-in page, setting the PIN on the way when the device has none. */
export async function openLogin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await setPinIfAsked(page);
}

/** Signs in on the sign-in page and waits until the app has left it (demo password by default). */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'shuohe-2023'): Promise<void> {
  await openLogin(page, baseUrl);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // On a fresh device the PIN is set right after signing in.
  await passLock(page);
}

/** Taps 立即同步 and waits for a sync that completed after the tap, with nothing left to send. */
export async function syncNow(page: Page): Promise<void> {
  const tapped = new Date().toISOString();
  await page.getByTestId('sync-now').click();
  await page.waitForFunction((after) => {
    const phase = document.querySelector('[data-testid="sync-phase"]');
    const at = phase?.getAttribute('data-synced-at') ?? '';
    return at > after && phase?.textContent?.startsWith('已同步') === true && document.querySelector('[data-testid="sync-pending"]') === null;
  }, tapped);
}

/** The first run of a mediator's phone without an account: the PIN, then who and where (我的). */
export async function setUpProfile(page: Page, baseUrl: string, villageQuery = '五家'): Promise<void> {
  await page.goto(`${baseUrl}/me`);
  await setPinIfAsked(page);
  await page.getByLabel('您的姓名').fill('王建国');
  await page.getByLabel('按名称查找村（社区）').fill(villageQuery);
  await page.getByRole('radio', { name: new RegExp(`^${villageQuery}`) }).first().check();
  await page.getByTestId('submit').click();
  await page.getByTestId('flash').filter({ hasText: '已保存' }).waitFor();
}

/** Waits until the service worker has precached the app and controls the page. */
export async function waitForOfflineReady(page: Page): Promise<void> {
  // `ready` resolves once a worker is active, i.e. the precache of the whole app is complete.
  await page.evaluate(() => Promise.race([navigator.serviceWorker.ready, new Promise((_, reject) => setTimeout(() => reject(new Error('service worker not ready')), 90_000))]));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Opens the first case of the list's 全部 tab on a signed-in phone; resolves on its detail screen. */
export async function openFirstCase(page: Page): Promise<void> {
  await page.getByText('全部', { exact: true }).click();
  await page.getByTestId('case-row').first().click();
  await page.getByTestId('case-label').waitFor();
}
