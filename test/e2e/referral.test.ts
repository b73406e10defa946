// 移交 in Chromium against the real server (demo county), every phone at 360×740. The village
// mediator (`tiaojie`) refers an open case to 开鲁镇人民调解委员会 offline — the list of committees
// it may go to was kept on the phone when it was online — and syncs. The 镇调委会's mediator
// (`zhentiao`) finds it in the 移交 inbox with its age and working-day clock, accepts it, and after
// the next sync holds the case with its history, records an agreement and syncs. The village phone,
// after its own sync, no longer holds the case and shows the outcome on its 移交 list. The town's
// desk (1366×768) shows the inbox on 今日. Screenshots of each screen go to test-results/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { passLock, signIn, syncNow, waitForOfflineReady } from './flows.ts';

const DESK = { width: 1366, height: 768 };
const REASON = '双方分属两个村，村调委会调解两次未成，请镇调委会统一调解';

let server: AppServer;
let villageDevice: Device;
let townDevice: Device;
let village: Page;
let town: Page;
let caseId = '';

beforeAll(async () => {
  server = await startAppServer();
  villageDevice = await openDevice(PHONE);
  townDevice = await openDevice(PHONE);
  village = await villageDevice.context.newPage();
  town = await townDevice.context.newPage();
  village.setDefaultTimeout(30_000);
  town.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await villageDevice?.close();
  await townDevice?.close();
  await server?.close();
});

describe('移交 from a village to the 镇调委会', () => {
  it('the village mediator refers an open case offline, then syncs', async () => {
    await signIn(village, server.url, 'tiaojie');
    await village.waitForURL(`${server.url}/`);
    await waitForOfflineReady(village);
    // The committees it may refer to are kept on the phone once it has been online.
    await village.waitForFunction(() => (localStorage.getItem('shuohe.referralTargets') ?? '[]').includes('开鲁镇人民调解委员会'));
    await villageDevice.context.setOffline(true);
    await village.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();

    // A case taken in offline, then referred up while still offline.
    await village.getByTestId('nav-plus').click();
    await village.getByRole('radio', { name: '山林土地纠纷' }).check();
    await village.locator('#party-0-name').fill('赵德胜');
    await village.locator('#party-1-name').fill('钱广林');
    await village.getByLabel('纠纷简要情况').fill('两村村民因机耕路改道后的承包地地界发生争执。');
    await village.getByRole('radio', { name: '当事人申请' }).check();
    await village.getByTestId('submit').click();
    await village.getByTestId('case-label').waitFor();
    caseId = village.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await village.getByTestId('refer-case').click();
    await village.waitForURL(/\/referrals\/new\?case=/);
    await village.getByRole('radio', { name: '开鲁镇人民调解委员会' }).check();
    await village.getByLabel('移交理由').fill(REASON);
    await village.screenshot({ path: 'test-results/referral-form-phone.png', fullPage: true });
    await village.getByTestId('referral-submit').click();
    await village.getByTestId('flash').filter({ hasText: '已移交' }).waitFor();
    await village.getByTestId('case-label').waitFor();
    await village.locator('[data-testid="case-referral"][data-status="sent"]').waitFor();
    // Not again while it waits.
    expect(await village.getByTestId('refer-case').count()).toBe(0);
    await village.screenshot({ path: 'test-results/referral-case-phone.png', fullPage: true });

    await villageDevice.context.setOffline(false);
    await syncNow(village);
    await expect.poll(async () => (await server.store.db.selectFrom('referrals').select('status').where('case_id', '=', caseId).executeTakeFirst())?.status).toBe('sent');
    // The server's own history line: 移交给 开鲁镇人民调解委员会.
    await village.getByTestId('timeline').filter({ hasText: '移交给 开鲁镇人民调解委员会' }).waitFor();
  });

  it('the 镇调委会 mediator sees it in the inbox with its clock and accepts it', async () => {
    await signIn(town, server.url, 'zhentiao');
    await syncNow(town);
    await town.getByTestId('nav-todo').click();
    await town.getByTestId('todo-referrals').waitFor();
    await town.getByTestId('todo-referrals').click();
    const item = town.getByTestId('referral-item').filter({ hasText: REASON });
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('sent');
    expect(await item.getByTestId('referral-clock').textContent()).toMatch(/^已等 \d+ 天 · \d{4}年\d{1,2}月\d{1,2}日 前接收或退回/);
    await town.screenshot({ path: 'test-results/referral-inbox-phone.png', fullPage: true });
    await item.getByTestId('referral-accept').click();
    await town.getByTestId('flash').filter({ hasText: '已保存' }).waitFor();
    await syncNow(town);
    await expect.poll(async () => town.getByTestId('referral-item').filter({ hasText: REASON }).count()).toBe(0);
    expect((await server.store.db.selectFrom('cases').select('village_code').where('id', '=', caseId).executeTakeFirstOrThrow()).village_code).toBe('150523100000');
  });

  it('the town holds the case with its history and records an agreement', async () => {
    await town.goto(`${server.url}/cases/${caseId}`);
    await town.getByTestId('case-label').waitFor();
    await town.getByTestId('timeline').filter({ hasText: '开鲁镇人民调解委员会 接收移交' }).waitFor();
    await town.getByTestId('action-agreement').click();
    await town.locator('#terms-0').fill('双方按镇调委会现场确认的界线管理承包地，互不越界');
    await town.getByLabel('履行方式').fill('当场履行');
    await town.getByLabel('履行期限').fill('2099-12-31');
    await town.getByTestId('submit').click();
    await town.getByTestId('agreement').waitFor();
    await town.screenshot({ path: 'test-results/referral-town-case-phone.png', fullPage: true });
    await syncNow(town);
    await expect.poll(async () => (await server.store.db.selectFrom('cases').select('outcome').where('id', '=', caseId).executeTakeFirstOrThrow()).outcome).toBe('success');
  });

  it('the village phone shows the outcome and no longer holds the case', async () => {
    await syncNow(village);
    await village.getByTestId('nav-todo').click();
    await village.getByTestId('todo-referrals-link').click();
    const sent = village.getByTestId('referral-sent').getByTestId('referral-item').filter({ hasText: REASON });
    await sent.waitFor();
    await expect.poll(async () => sent.getAttribute('data-status')).toBe('accepted');
    await sent.getByTestId('referral-outcome').filter({ hasText: '达成协议' }).waitFor();
    await village.screenshot({ path: 'test-results/referral-outcome-phone.png', fullPage: true });
    await village.goto(`${server.url}/cases/${caseId}`);
    await village.getByRole('alert').filter({ hasText: '找不到这个案件' }).waitFor();
  });

  it('the 移交 screen at desk width', async () => {
    const desk = await townDevice.context.newPage();
    await desk.setViewportSize(DESK);
    await desk.goto(`${server.url}/referrals`);
    await passLock(desk);
    await desk.getByRole('heading', { name: '移交待接收' }).waitFor();
    await desk.screenshot({ path: 'test-results/referral-desk.png', fullPage: true });
    await desk.close();
  });
});
