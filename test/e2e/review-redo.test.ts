// One mediator, two phones (360×740), one case, against the real server (demo county). Offline,
// phone A records a 调解 (受理 → 调解中) and edits 纠纷简要情况; phone B records 调解不成 with its
// reason and edits the same field. A syncs first: B's 调解不成 is refused (the case moved on) and
// the two texts conflict. On B the conflict names both phones (the same person: 手机 XXXX) and
// both times; the refused card shows the reason typed. 重新办理 opens the 调解不成 form filled with
// that reason, the refusal moves to 已知悉 keeping its text, and saving it succeeds on the server.
// The conflict, once decided, is an entry in 办理经过.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { waitForOfflineReady, signIn, syncNow } from './flows.ts';

let server: AppServer;
let deviceA: Device;
let deviceB: Device;
let a: Page;
let b: Page;
let caseId = '';
const REASON = '被申请人坚持不赔偿，双方分歧过大，无法达成协议';

beforeAll(async () => {
  server = await startAppServer();
  deviceA = await openDevice(PHONE);
  deviceB = await openDevice(PHONE);
  a = await deviceA.context.newPage();
  b = await deviceB.context.newPage();
  a.setDefaultTimeout(20_000);
  b.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await deviceA?.close();
  await deviceB?.close();
  await server?.close();
});

async function openCase(page: Page): Promise<void> {
  await page.goto(`${server.url}/cases/${caseId}`);
  await page.getByTestId('case-label').waitFor();
}

async function editFacts(page: Page, facts: string): Promise<void> {
  await page.getByTestId('edit-case').click();
  await page.locator('#facts').fill(facts);
  await page.getByTestId('submit').click();
  await page.getByTestId('case-label').waitFor();
  // Saved: the detail shows the new text (inside the closed 纠纷简要情况, so attached, not visible).
  await page.locator('details.facts').filter({ hasText: facts }).waitFor({ state: 'attached' });
}

describe('one mediator on two phones: a refused step redone', () => {
  it('the mediator registers a case on phone A; phone B receives it', async () => {
    await signIn(a, server.url, 'tiaojie');
    await signIn(b, server.url, 'tiaojie');
    await a.waitForURL(`${server.url}/`);
    await a.getByTestId('nav-plus').click();
    await a.getByRole('radio', { name: '邻里纠纷' }).check();
    await a.locator('#party-0-name').fill('张秀英');
    await a.locator('#party-1-name').fill('李国强');
    await a.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执，李家屋檐的水流进张家院子。');
    await a.getByRole('radio', { name: '当事人申请' }).check();
    await a.getByTestId('submit').click();
    await a.getByTestId('case-label').waitFor();
    caseId = a.url().split('/cases/')[1] ?? '';
    await syncNow(a);
    await syncNow(b);
    await openCase(b);
  });

  it('offline, A mediates and B records 调解不成; both edit the facts; B is refused', async () => {
    await waitForOfflineReady(a);
    await waitForOfflineReady(b);
    await deviceA.context.setOffline(true);
    await deviceB.context.setOffline(true);
    await a.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();
    await b.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();

    await openCase(a);
    await a.getByTestId('action-session').click();
    await a.getByLabel('地点', { exact: true }).fill('五家村村委会');
    await a.getByLabel('本次调解结果').fill('张秀英同意再谈一次');
    await a.getByTestId('submit').click();
    await a.getByTestId('timeline').filter({ hasText: '同意再谈一次' }).waitFor();
    await editFacts(a, '两家因院墙滴水发生争执。A 机补充：菜地被淹。');

    await b.getByTestId('action-terminate').click();
    await b.locator('#reason').fill(REASON);
    await b.locator('#otherRoutesTold').check();
    await b.getByTestId('submit').click();
    await b.getByTestId('case-label').waitFor();
    await b.getByTestId('status-chip').first().filter({ hasText: '调解不成' }).waitFor();
    await editFacts(b, '两家因院墙滴水发生争执。B 机补充：已持续两年。');

    await deviceA.context.setOffline(false);
    await syncNow(a);
    await deviceB.context.setOffline(false);
    await syncNow(b);
    await b.getByTestId('status-chip').first().filter({ hasText: '调解中' }).waitFor();
  });

  it('the conflict names both phones of the one mediator and both times', async () => {
    await b.getByTestId('nav-review').click();
    const group = b.locator(`[data-case-id="${caseId}"]`);
    const conflict = group.getByTestId('conflict');
    await conflict.waitFor();
    const phoneOf = (text: string) => /（我） · 手机 ([0-9A-F]{4})/.exec(text)?.[1];
    // The card may draw before the phones' names are known: wait for both to be named.
    const version = (which: string) => async () => (await conflict.getByTestId(which).textContent()) ?? '';
    await expect.poll(async () => phoneOf(await version('version-kept')())).toMatch(/^[0-9A-F]{4}$/);
    await expect.poll(async () => phoneOf(await version('version-other')())).toMatch(/^[0-9A-F]{4}$/);
    const kept = await version('version-kept')();
    const other = await version('version-other')();
    expect(phoneOf(kept)).toMatch(/^[0-9A-F]{4}$/);
    expect(phoneOf(other)).toMatch(/^[0-9A-F]{4}$/);
    expect(phoneOf(kept)).not.toBe(phoneOf(other));
    expect(kept).toContain('设备时间');
    expect(other).toContain('设备时间');
  });

  it('the refused 调解不成 shows its reason; 重新办理 opens the form filled with it', async () => {
    const card = b.locator(`[data-case-id="${caseId}"]`).getByTestId('rejected');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('refused-content').textContent()).toContain(REASON);
    await card.scrollIntoViewIfNeeded();
    await b.screenshot({ path: 'test-results/review-redo-card.png', fullPage: true });
    await card.getByTestId('redo').click();
    await b.waitForURL(`${server.url}/cases/${caseId}/terminate`);
    // The form fills from the refused step it reads back: wait for it.
    await expect.poll(() => b.locator('#reason').inputValue()).toBe(REASON);
    await expect.poll(() => b.locator('#otherRoutesTold').isChecked()).toBe(true);
    await b.screenshot({ path: 'test-results/review-redo-form.png', fullPage: true });
    await b.getByTestId('submit').click();
    await b.getByTestId('case-label').waitFor();
    await syncNow(b);
    await b.getByTestId('status-chip').first().filter({ hasText: '调解不成' }).waitFor();
  });

  it('the refusal is kept under 已知悉 with its text; deciding the conflict is an entry in 办理经过', async () => {
    await b.getByTestId('nav-review').click();
    const history = b.getByTestId('review-history');
    await history.locator('summary').click();
    const item = history.getByTestId('dismissed');
    await expect.poll(() => item.count()).toBe(1);
    await expect.poll(() => item.getByTestId('refused-content').textContent()).toContain(REASON);

    const conflict = b.locator(`[data-case-id="${caseId}"]`).getByTestId('conflict');
    await conflict.getByTestId('keep').click();
    await conflict.getByTestId('conflict-handled').waitFor();
    await syncNow(b);
    await openCase(b);
    await b.getByTestId('timeline').filter({ hasText: '核对“纠纷简要情况”' }).waitFor();
    // 办理经过 masks party names as 当事人 does until 显示 is tapped.
    const timeline = (await b.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).not.toContain('张秀英');
    expect(timeline).toContain('张*英同意再谈一次');
    await b.getByTestId('reveal-parties').click();
    await b.getByTestId('timeline').filter({ hasText: '张秀英' }).waitFor();
    await b.screenshot({ path: 'test-results/review-redo-timeline.png', fullPage: true });
  });
});
