// 排查 and 上报 in Chromium against the real server (demo county). The mediator's phone (360×740)
// records a 排查 round offline, turns its one finding into a case with one tap (the 受理 form
// opens filled from it and the new case is linked back), and reports the case upward as red. After
// sync the town's desk (1366×768) has the red 上报 in its inbox with its age, on top of 待办, until
// someone there taps 确认收到 — then it leaves 待办 and shows who acknowledged it. Screenshots of
// each screen go to test-results/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow, waitForOfflineReady } from './flows.ts';

const DESK = { width: 1366, height: 768 };

let server: AppServer;
let phoneDevice: Device;
let deskDevice: Device;
let phone: Page;
let desk: Page;
let screeningUrl = '';
let caseId = '';

beforeAll(async () => {
  server = await startAppServer();
  phoneDevice = await openDevice(PHONE);
  deskDevice = await openDevice(DESK);
  phone = await phoneDevice.context.newPage();
  desk = await deskDevice.context.newPage();
  phone.setDefaultTimeout(30_000);
  desk.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await phoneDevice?.close();
  await deskDevice?.close();
  await server?.close();
});

describe('排查 offline on a phone, 上报 at the town’s desk', () => {
  it('records a round offline and turns its finding into a case with one tap', async () => {
    await signIn(phone, server.url, 'tiaojie');
    await phone.waitForURL(`${server.url}/`);
    await waitForOfflineReady(phone);
    await phoneDevice.context.setOffline(true);
    await phone.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();

    await phone.getByTestId('nav-todo').click();
    await phone.getByTestId('todo-screening').click();
    await phone.getByTestId('screening-new').click();
    await phone.getByLabel('参加人员').fill('调委会主任王建国、网格员李芳');
    await phone.getByLabel('排查地点或范围').fill('三组、四组');
    await phone.getByTestId('add-finding').click();
    await phone.getByLabel('纠纷情况').fill('孙家与周家因宅基地界址争执，已多次争吵');
    await phone.getByLabel('重点人员').fill('周某，情绪激动');
    await phone.screenshot({ path: 'test-results/screening-form-phone.png', fullPage: true });
    await phone.getByTestId('screening-save').click();
    await phone.waitForURL(/\/screening\/[0-9a-f-]{36}$/);
    screeningUrl = phone.url();
    await phone.getByTestId('finding').waitFor();

    // 转为受理: the 受理 form opens filled from the finding.
    await phone.getByTestId('finding-to-case').click();
    await phone.waitForURL(`${server.url}/new`);
    await phone.getByTestId('from-finding').waitFor();
    await expect.poll(() => phone.getByLabel('纠纷简要情况').inputValue()).toBe('孙家与周家因宅基地界址争执，已多次争吵');
    expect(await phone.getByRole('radio', { name: '主动调解' }).isChecked()).toBe(true);
    await phone.getByRole('radio', { name: '邻里纠纷' }).check();
    await phone.locator('#party-0-name').fill('孙立新');
    await phone.locator('#party-1-name').fill('周国庆');
    await phone.getByTestId('submit').click();
    await phone.getByTestId('case-label').waitFor();
    caseId = phone.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

    // The finding now points at its case.
    await phone.goto(screeningUrl);
    await phone.locator('[data-testid="finding"][data-state="case"]').waitFor();
    await phone.getByTestId('finding-case').waitFor();
    expect(await phone.getByTestId('finding-case').getAttribute('href')).toBe(`/cases/${caseId}`);
    await phone.screenshot({ path: 'test-results/screening-linked-phone.png', fullPage: true });
  });

  it('reports the case upward as red, still offline', async () => {
    await phone.goto(`${server.url}/cases/${caseId}`);
    await phone.getByTestId('report-case').click();
    await phone.getByTestId('alert-suggested').filter({ hasText: '黄色' }).waitFor();
    await phone.getByTestId('reason-group').check();
    await phone.getByLabel('涉及人数').fill('6');
    await phone.getByTestId('alert-suggested').filter({ hasText: '红色' }).waitFor();
    await phone.getByLabel('情况说明').fill('孙、周两家及亲属六人在地头对峙，有推搡');
    await phone.screenshot({ path: 'test-results/alert-form-phone.png', fullPage: true });
    await phone.getByTestId('alert-submit').click();
    await phone.getByTestId('flash').filter({ hasText: '已上报（红色）' }).waitFor();
    await phone.getByTestId('case-label').waitFor();
    // On the phone's own 待办 at once, on top.
    await phone.getByTestId('nav-todo').click();
    await phone.getByTestId('todo-alert').first().waitFor();
    await phone.goto(`${server.url}/screening`);
    await phone.getByTestId('screening-item').filter({ hasText: '待发送' }).first().waitFor();
    await phone.screenshot({ path: 'test-results/screening-list-phone.png', fullPage: true });

    await phoneDevice.context.setOffline(false);
    await syncNow(phone);
    await expect.poll(async () => phone.getByTestId('screening-item').filter({ hasText: '待发送' }).count()).toBe(0);
  });

  it('shows the red 上报 at the town’s desk, on top of 待办 until acknowledged', async () => {
    await signIn(desk, server.url, 'zhen');
    await syncNow(desk);
    await desk.getByTestId('nav-alerts').click();
    const red = desk.locator('[data-testid="alert-item"][data-grade="red"]').filter({ hasText: '孙、周两家及亲属六人在地头对峙' });
    await red.waitFor();
    expect(await red.getAttribute('data-acked')).toBe('0');
    expect(await red.getByTestId('alert-age').textContent()).toMatch(/^\d+ (分钟|小时)前上报$/);
    await desk.screenshot({ path: 'test-results/alerts-desk.png', fullPage: true });

    await desk.goto(`${server.url}/todo`);
    const first = desk.getByTestId('todo-alert').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('孙、周两家及亲属六人在地头对峙');
    await desk.screenshot({ path: 'test-results/todo-desk.png', fullPage: true });

    await desk.goto(`${server.url}/alerts`);
    await red.waitFor();
    await red.getByTestId('alert-ack').click();
    await red.getByTestId('alert-acked').filter({ hasText: '已于' }).waitFor();
    await syncNow(desk);
    await desk.goto(`${server.url}/todo`);
    await desk.getByRole('heading', { name: '待办' }).waitFor();
    await expect.poll(async () => desk.getByTestId('todo-alert').filter({ hasText: '孙、周两家' }).count()).toBe(0);

    // The acknowledgement reaches the server with who and when, and the phone after its sync.
    const row = await server.store.db.selectFrom('alerts').select(['acked_at', 'acked_by']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.acked_at).not.toBeNull();
    await syncNow(phone);
    await phone.goto(`${server.url}/alerts`);
    await phone.locator('[data-testid="alert-item"][data-grade="red"]').getByTestId('alert-acked').waitFor();
    await phone.screenshot({ path: 'test-results/alerts-phone.png', fullPage: true });
  });

  it('shows the town its month’s 排查 coverage on the desk', async () => {
    await desk.getByTestId('nav-screening').click();
    await desk.getByTestId('coverage-row').first().waitFor();
    await expect.poll(async () => desk.locator('[data-testid="coverage-row"][data-reported="1"]').count()).toBeGreaterThan(0);
    await desk.screenshot({ path: 'test-results/screening-desk.png', fullPage: true });
  });
});
