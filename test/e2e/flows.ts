// Steps several browser tests share: the first-run profile and waiting for offline readiness.
import type { Page } from 'playwright-core';

export async function setUpProfile(page: Page, baseUrl: string, villageQuery = '五家'): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('您的姓名').fill('王建国');
  await page.getByLabel('按名称查找村（社区）').fill(villageQuery);
  await page.getByRole('radio', { name: new RegExp(`^${villageQuery}`) }).first().check();
  await page.getByTestId('submit').click();
  await page.getByTestId('flash').filter({ hasText: '已保存' }).waitFor();
}

/** Waits until the service worker has precached the app and controls the page. */
export async function waitForOfflineReady(page: Page): Promise<void> {
  // `ready` resolves once a worker is active, i.e. the precache of the whole app is complete.
  await page.evaluate(() => Promise.race([navigator.serviceWorker.ready, new Promise((_, reject) => setTimeout(() => reject(new Error('service worker not ready')), 15_000))]));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
