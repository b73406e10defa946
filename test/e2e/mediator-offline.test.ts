// The mediator's phone in Chromium at 360×740: first visit online, then with no network at all
// (browser offline AND server stopped) register a case, add a session, record the agreement and
// a follow-up visit, reload — everything is still there, served by the service worker from cache.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { setUpProfile, waitForOfflineReady } from './flows.ts';

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

/** The case's status as its detail screen shows it (drawn from IndexedDB after the screen). */
const chip = () => page.getByTestId('status-chip').first().textContent();

async function goOffline(): Promise<void> {
  await device.context.setOffline(true);
  await server.stop();
}

describe('mediator phone, offline', () => {
  it('records a case from 受理 to 回访 with no network and keeps it all across an offline reload', async () => {
    await setUpProfile(page, server.url);
    await waitForOfflineReady(page);
    await goOffline();

    await page.getByTestId('nav-plus').click();
    await page.getByRole('radio', { name: '邻里纠纷' }).check();
    await page.locator('#party-0-name').fill('张秀英');
    await page.locator('#party-1-name').fill('李国强');
    await page.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执，李家屋檐的水流进张家院子。');
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    const caseUrl = page.url();
    expect(await page.getByTestId('case-label').textContent()).toMatch(/临[0-9A-F]{4}-0001/);

    await page.getByTestId('action-session').click();
    await page.getByLabel('地点', { exact: true }).fill('五家村村委会');
    await page.getByLabel('本次调解结果').fill('双方同意由李家改造排水沟');
    await page.getByTestId('submit').click();
    await page.getByTestId('timeline').waitFor();
    await expect.poll(chip).toBe('调解中');

    await page.getByTestId('action-agreement').click();
    await page.locator('#terms-0').fill('李国强于2026年12月31日前改造排水沟，使雨水不流入张家院内');
    await page.getByLabel('履行方式').fill('自行施工');
    await page.getByLabel('履行期限').fill('2026-12-31');
    await page.getByTestId('submit').click();
    await page.getByTestId('agreement').waitFor();
    await expect.poll(chip).toBe('调解成功');

    await page.getByTestId('action-visit').click();
    await page.getByRole('radio', { name: '已履行', exact: true }).check();
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    const person = page.getByLabel('回访对象');
    if ((await person.inputValue()) === '') await person.fill('张秀英');
    await page.getByTestId('submit').click();
    // The timeline was already drawn before the visit: wait for the status the visit set.
    await expect.poll(chip).toBe('已回访');

    // 司法确认 of the written agreement: first the application (审查中), later the court's ruling.
    await page.getByTestId('action-confirmation').click();
    // Prefilled from the phone's county once the form has read it.
    await expect.poll(() => page.getByLabel('受理法院').inputValue()).toBe('开鲁县人民法院');
    await page.getByTestId('submit').click();
    await page.getByTestId('confirmation').filter({ hasText: '审查中' }).waitFor();
    await page.getByTestId('action-confirmation').click();
    await page.getByRole('radio', { name: '确认有效' }).check();
    await page.getByTestId('submit').click();
    // A ruling needs its date: refused with the field's message, nothing saved.
    await page.getByText('有结果时请填写裁定（或撤回）日期').first().waitFor();
    await page.getByLabel('裁定（撤回）日期').fill(await page.getByLabel('申请日期').inputValue());
    await page.getByTestId('submit').click();
    await page.getByTestId('confirmation').filter({ hasText: '确认有效' }).waitFor();

    await page.reload();
    await page.getByTestId('timeline').waitFor();
    expect(page.url()).toBe(caseUrl);
    // After the reload everything is read back from IndexedDB: wait for each part's final text.
    const timeline = () => page.getByTestId('timeline').textContent();
    await expect.poll(timeline).toContain('双方同意由李家改造排水沟');
    await expect.poll(timeline).toMatch(/回访/);
    await expect.poll(() => page.getByTestId('agreement').textContent()).toContain('改造排水沟');
    await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain('确认有效');
    await expect.poll(chip).toBe('已回访');
    // Nothing reached a server: the status line says so.
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toMatch(/\d+ 条未同步/);

    await page.getByTestId('nav-cases').click();
    await page.getByTestId('tab-all').click();
    await page.getByTestId('case-row').first().waitFor();
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(1);
  });

  it('refuses an illegal step with its message and changes nothing', async () => {
    await page.getByTestId('case-row').first().click();
    await page.getByTestId('case-label').waitFor();
    const id = page.url().split('/cases/')[1];
    await page.goto(`${server.url}/cases/${id}/reject`).catch(() => undefined);
    // The form opens by address, but saving it is refused: 已回访 cannot become 不予受理.
    await page.getByRole('radio', { name: '法院已受理' }).check();
    await page.getByTestId('submit').click();
    await page.getByText('当前状态下不能进行这一步').first().waitFor();
    expect(await page.getByText(/已回访 之后只能/).count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/cases/${id}`).catch(() => undefined);
    await page.getByTestId('case-label').waitFor();
    await expect.poll(chip).toBe('已回访');
  });
});
