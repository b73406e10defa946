// The county's dashboard in a real browser against the real server (demo county): 司法局 staff
// sign in, open 统计 from the navigation, choose 2023, drill from the county to a town to a
// village and back by the breadcrumb, and open the cases behind a number — on a 360×740 phone
// and on a 1280×800 laptop.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { LAPTOP, PHONE, openDevice, type Device } from './browser.ts';
import { passLock, signIn } from './flows.ts';

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.close();
});

const title = (page: Page) => page.getByTestId('dash-title');
const cardNumber = async (page: Page, id: string) => Number((await page.getByTestId(id).locator('strong').textContent())?.trim());

/** The 受理 figure of an area's row in the table of the next level. */
async function rowAccepted(page: Page, code: string): Promise<number> {
  const row = page.locator('tr', { has: page.getByTestId(`area-${code}`) });
  return Number((await row.locator('td').first().textContent())?.trim());
}

describe.each([['phone', PHONE], ['laptop', LAPTOP]] as const)('dashboard on a %s', (_name, viewport) => {
  let device: Device;
  let page: Page;
  beforeAll(async () => {
    device = await openDevice(viewport);
    page = await device.context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await device?.close();
  });

  it('drills from the county to a town to a village and back', async () => {
    await signIn(page, server.url, 'xian');

    // Staff find 统计 where a mediator has 我的统计.
    await page.getByTestId('nav-stats').click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.getByTestId('year-select').selectOption('2023');
    await page.waitForURL((url) => url.searchParams.get('from') === '2023-01-01');
    await expect.poll(() => title(page).textContent()).toBe('开鲁县人民调解统计');
    await expect.poll(() => cardNumber(page, 'stat-accepted')).toBe(297);
    await expect.poll(() => page.getByTestId('area-table').locator('tbody tr').count()).toBe(13);
    await page.getByTestId('bar-chart').waitFor();
    await page.getByTestId('trend-chart').waitFor();
    const townCount = await rowAccepted(page, '150523100');

    await page.getByTestId('area-150523100').click();
    await expect.poll(() => title(page).textContent()).toBe('开鲁镇人民调解统计');
    await expect.poll(() => cardNumber(page, 'stat-accepted')).toBe(townCount);
    await expect.poll(() => page.getByTestId('area-table').locator('tbody tr').count()).toBe(63);
    const villageCount = await rowAccepted(page, '150523100200');
    expect(villageCount).toBeGreaterThan(0);

    await page.getByTestId('area-150523100200').click();
    await expect.poll(() => title(page).textContent()).toBe('五家村委会人民调解统计');
    await expect.poll(() => cardNumber(page, 'stat-accepted')).toBe(villageCount);
    expect(await page.getByTestId('area-table').count()).toBe(0);

    // The number opens the very cases it counts.
    await page.getByTestId('stat-accepted').getByRole('link').click();
    await page.getByTestId('drill-list').waitFor();
    await expect.poll(() => page.getByTestId('drill-list').locator('li').count()).toBe(Math.min(villageCount, 50));
    await page.goBack();
    await expect.poll(() => title(page).textContent()).toBe('五家村委会人民调解统计');

    await page.getByTestId('crumb-150523100').click();
    await expect.poll(() => title(page).textContent()).toBe('开鲁镇人民调解统计');
    await expect.poll(() => cardNumber(page, 'stat-accepted')).toBe(townCount);
    await page.getByTestId('crumb-150523').click();
    await expect.poll(() => title(page).textContent()).toBe('开鲁县人民调解统计');
    await expect.poll(() => cardNumber(page, 'stat-accepted')).toBe(297);
    await expect.poll(() => page.getByTestId('org-committees').locator('strong').textContent()).toBe('250');
  });
});

describe.each([['phone', PHONE], ['laptop', LAPTOP]] as const)('群众满意度 on a %s', (name, viewport) => {
  let device: Device;
  let page: Page;
  beforeAll(async () => {
    device = await openDevice(viewport);
    page = await device.context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await device?.close();
  });

  it('shows 群众满意率 from the 回访 and opens the visited cases behind it', async () => {
    await signIn(page, server.url, 'xian');
    // A page load asks for the PIN again.
    await page.goto(`${server.url}/dashboard?area=150523&from=2023-01-01&to=2023-12-31`);
    await passLock(page);
    await title(page).filter({ hasText: '开鲁县人民调解统计' }).waitFor();
    const panel = page.getByTestId('satisfaction');
    await panel.waitFor();
    const rate = (await page.getByTestId('satisfaction-rate').textContent())?.trim() ?? '';
    expect(rate).toMatch(/^\d+(\.\d{2})?%$/);
    // Each sheet's CSV twin downloads from the dashboard, UTF-8 with a BOM, named for its sheet.
    await page.getByTestId('export-csv').locator('summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-areas').click()]);
    expect(download.suggestedFilename()).toMatch(/^开鲁县人民调解统计表_2023-01-01_2023-12-31_分乡镇\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('开鲁镇');
    await page.getByTestId('export-csv').locator('summary').click();
    const satisfied = panel.locator('dd a').first();
    const n = Number((await satisfied.textContent())?.trim());
    expect(n).toBeGreaterThan(0);
    await satisfied.click();
    await page.getByTestId('drill-list').waitFor();
    await page.locator('#drill-title').filter({ hasText: '回访满意或基本满意' }).waitFor();
    await expect.poll(() => page.getByTestId('drill-list').locator('li').count(), { timeout: 20_000 }).toBe(Math.min(n, 50));
    await page.locator('.drill .muted').filter({ hasText: `共 ${n} 件` }).waitFor();
  });

  it('the county sets its 移交接收期限 and the 表号 its province gives the form; a wrong value is refused and changes nothing', async () => {
    const days = viewport === PHONE ? '5' : '7';
    const formNo = viewport === PHONE ? '蒙司调统1表' : '蒙司调统2表';
    // Signed in by the test before: a page load asks for the PIN again.
    await page.goto(`${server.url}/dashboard`);
    await passLock(page);
    const daysInput = page.getByTestId('referral-days-input');
    await expect.poll(() => daysInput.inputValue()).toMatch(/^\d+$/);
    const before = await daysInput.inputValue();
    await daysInput.fill('0');
    await page.getByTestId('referral-days-save').click();
    await expect.poll(() => page.getByTestId('referral-days').getByRole('status').textContent()).toBe('移交接收期限应为 1 到 20 个工作日');
    await daysInput.fill(days);
    await page.getByTestId('referral-days-save').click();
    await expect.poll(() => page.getByTestId('referral-days').getByRole('status').textContent()).toBe('已保存');
    expect(before).not.toBe(days);

    await page.getByTestId('form-number-input').fill(formNo);
    await page.getByTestId('form-number-save').click();
    await expect.poll(() => page.getByTestId('form-number').getByRole('status').textContent()).toBe('已保存');

    await page.reload();
    await expect.poll(() => page.getByTestId('referral-days-input').inputValue()).toBe(days);
    await expect.poll(() => page.getByTestId('form-number-input').inputValue()).toBe(formNo);
  });
});
