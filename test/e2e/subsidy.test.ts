// 以案定补 on the desk at 1366×768 (the 司法所, `zhen`): the month's sheet of the demo county's
// December 2023, scoring one waiting 卷宗 against the county's checklist with the printed volume
// beside it, and the sheet taking the score and its amount. Screenshots go to $SHOTS when set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { openDevice, type Device } from './browser.ts';
import { signIn, syncNow } from './flows.ts';

let server: AppServer;
let device: Device;
let page: Page;
const shots = process.env.SHOTS;
const DESK = { width: 1366, height: 768 };

beforeAll(async () => {
  server = await startAppServer();
  device = await openDevice(DESK);
  page = await device.context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, server.url, 'zhen');
  await page.getByTestId('desk').waitFor();
  // The dossier is built on this computer from the synced cases.
  await syncNow(page);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

describe('以案定补 on the desk', () => {
  it('scores one 卷宗 beside the printed volume, and the month\'s sheet takes the score and its amount', async () => {
    await page.getByTestId('nav-subsidy').click();
    await page.waitForURL((url) => url.pathname === '/subsidy');
    await page.goto(`${server.url}/subsidy?month=2023-12&area=150523100`);
    await page.getByTestId('subsidy-summary').waitFor();
    const waiting = page.getByTestId('subsidy-line').filter({ hasText: '待评分' }).first();
    await waiting.waitFor();
    const caseId = await waiting.getAttribute('data-case');
    const before = await page.getByTestId('subsidy-total').textContent();
    if (shots) await page.screenshot({ path: `${shots}/subsidy-sheet-before.png`, fullPage: true });

    await waiting.getByTestId('subsidy-score-link').click();
    await page.waitForURL((url) => url.pathname === `/subsidy/cases/${caseId}`);
    await page.getByTestId('score-form').waitFor();
    // The volume as it prints, beside the checklist (or what it still lacks).
    await page.locator('[data-testid="score-dossier"] .doc, [data-testid="score-dossier-incomplete"]').first().waitFor();
    const dossierBox = await page.getByTestId('score-dossier').boundingBox();
    const formBox = await page.getByTestId('score-form').boundingBox();
    expect(dossierBox && formBox && dossierBox.x > formBox.x + formBox.width - 1).toBe(true);
    for (const item of ['cover', 'application', 'record', 'agreement', 'visit']) await page.getByTestId(`score-item-${item}`).check();
    await expect.poll(() => page.getByTestId('score-total').textContent()).toBe('得分 85/100');
    await page.getByTestId('score-difficulty-一般').check();
    if (shots) await page.screenshot({ path: `${shots}/subsidy-score.png` });
    await page.getByTestId('score-save').click();
    const saved = page.getByTestId('score-message');
    await saved.filter({ hasText: '已保存' }).waitFor();
    // 一般 pays 200 元; a 山林土地 case (07) pays its own 300 元 whatever the difficulty.
    expect(await saved.textContent()).toMatch(/^已保存：85\/100 分，补贴 (200|300)\.00元$/);
    await page.getByTestId('score-previous').waitFor();

    await page.getByRole('link', { name: '返回补贴表' }).click();
    await page.waitForURL((url) => url.pathname === '/subsidy');
    const line = page.locator(`[data-testid="subsidy-line"][data-case="${caseId}"]`);
    await expect.poll(() => line.getByTestId('subsidy-line-score').textContent(), { timeout: 30_000 }).toBe('85/100 · 一般');
    await expect.poll(() => page.getByTestId('subsidy-total').textContent(), { timeout: 30_000 }).not.toBe(before);
    if (shots) await page.screenshot({ path: `${shots}/subsidy-sheet-after.png`, fullPage: true });
  });
});
