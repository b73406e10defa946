// A refused step in Chromium on two phones (360×740) against the real server (demo county): the
// mediator registers a case and both devices have it; offline, the mediator records a session
// (受理 → 调解中) and the town clerk records 不予受理. The mediator syncs first, so the clerk's step
// is stale and the server refuses it. The clerk reads it in 待核对 (what, why, who), and taps
// 知道了: it leaves the inbox at once, and after sync leaves the mediator's too; both keep it
// under 已知悉 with the clerk's name.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { waitForOfflineReady, signIn, syncNow } from './flows.ts';

let server: AppServer;
let mediatorDevice: Device;
let clerkDevice: Device;
let mediator: Page;
let clerk: Page;
let caseId = '';

beforeAll(async () => {
  server = await startAppServer();
  mediatorDevice = await openDevice(PHONE);
  clerkDevice = await openDevice(PHONE);
  mediator = await mediatorDevice.context.newPage();
  clerk = await clerkDevice.context.newPage();
  mediator.setDefaultTimeout(20_000);
  clerk.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await mediatorDevice?.close();
  await clerkDevice?.close();
  await server?.close();
});



async function openCase(page: Page): Promise<void> {
  await page.goto(`${server.url}/cases/${caseId}`);
  await page.getByTestId('case-label').waitFor();
}

describe('a refused step in 待核对', () => {
  it('both sign in; the mediator registers a case and the clerk receives it', async () => {
    await signIn(mediator, server.url, 'tiaojie');
    await signIn(clerk, server.url, 'zhen');
    await mediator.waitForURL(`${server.url}/`);
    await mediator.getByTestId('nav-plus').click();
    await mediator.getByRole('radio', { name: '邻里纠纷' }).check();
    await mediator.locator('#party-0-name').fill('张秀英');
    await mediator.locator('#party-1-name').fill('李国强');
    await mediator.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执，李家屋檐的水流进张家院子。');
    await mediator.getByRole('radio', { name: '当事人申请' }).check();
    await mediator.getByTestId('submit').click();
    await mediator.getByTestId('case-label').waitFor();
    caseId = mediator.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await syncNow(mediator);
    await syncNow(clerk);
    await openCase(clerk);
    await expect.poll(() => clerk.getByTestId('status-chip').first().textContent()).toBe('已受理');
  });

  it('offline, the mediator starts mediating and the clerk records 不予受理; the clerk’s step is refused', async () => {
    await waitForOfflineReady(mediator);
    await waitForOfflineReady(clerk);
    await mediatorDevice.context.setOffline(true);
    await clerkDevice.context.setOffline(true);
    await mediator.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();
    await clerk.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();

    await openCase(mediator);
    await mediator.getByTestId('action-session').click();
    await mediator.getByLabel('地点', { exact: true }).fill('五家村村委会');
    await mediator.getByLabel('本次调解结果').fill('双方同意再谈一次');
    await mediator.getByTestId('submit').click();
    // Saved: the session is in 办理经过 and the case is 调解中, before the clerk's step and the syncs.
    await mediator.getByTestId('status-chip').first().filter({ hasText: '调解中' }).waitFor();

    await clerk.getByTestId('action-reject').click();
    await clerk.getByRole('radio', { name: '法院已受理' }).check();
    await clerk.getByTestId('submit').click();
    await clerk.getByTestId('case-label').waitFor();
    await expect.poll(() => clerk.getByTestId('status-chip').first().textContent()).toBe('不予受理');

    await mediatorDevice.context.setOffline(false);
    await syncNow(mediator);
    await clerkDevice.context.setOffline(false);
    await syncNow(clerk);
    await syncNow(mediator);
    // The server's state replaces the clerk's optimistic one.
    await clerk.getByTestId('status-chip').first().filter({ hasText: '调解中' }).waitFor();
  });

  it('the clerk reads what was refused and why, and dismisses it with 知道了', async () => {
    await clerk.getByTestId('nav-review').click();
    const group = clerk.locator(`[data-case-id="${caseId}"]`);
    const card = group.getByTestId('rejected');
    await card.waitFor();
    // The card draws before the author's name is looked up: wait for the whole text.
    await expect.poll(() => card.textContent()).toContain('修改人：白红霞（我）');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('被退回的操作：把案件从“已受理”改为“不予受理”');
    expect(text).toContain('原因：');
    await expect.poll(() => clerk.getByTestId('review-badge').textContent()).toBe('1');
    // 不予受理 is no longer a legal step, so 重新办理 opens the case rather than a form that would refuse.
    expect(await card.getByTestId('redo').count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await clerk.screenshot({ path: 'test-results/review-rejected-phone.png', fullPage: true });
    const box = await card.getByTestId('dismiss').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

    await card.getByTestId('dismiss').click();
    await clerk.getByTestId('flash').filter({ hasText: '已标记为知道了' }).waitFor();
    await clerk.getByTestId('review-empty').waitFor();
    await expect.poll(() => clerk.getByTestId('review-badge').count()).toBe(0);

    // The mediator still lists it until the clerk's 知道了 reaches the server and comes back down.
    await mediator.getByTestId('nav-review').click();
    await mediator.getByTestId('rejected').waitFor();
    await syncNow(clerk);
    await syncNow(mediator);
    await mediator.getByTestId('review-empty').waitFor();
    await expect.poll(() => mediator.getByTestId('review-badge').count()).toBe(0);
  });

  it('both keep it under 已知悉 with who said 知道了, and the case stays 调解中', async () => {
    for (const page of [clerk, mediator]) {
      const history = page.getByTestId('review-history');
      await history.locator('summary').click();
      const item = history.getByTestId('dismissed');
      await expect.poll(() => item.count()).toBe(1);
      await expect.poll(() => item.textContent()).toContain('不予受理');
      await expect.poll(() => item.getByTestId('dismissed-by').textContent()).toMatch(/标记为知道了/);
    }
    await expect.poll(() => clerk.getByTestId('dismissed-by').textContent()).toContain('（我）');
    await mediator.screenshot({ path: 'test-results/review-history-phone.png', fullPage: true });
    await openCase(mediator);
    await expect.poll(() => mediator.getByTestId('status-chip').first().textContent()).toBe('调解中');
    await mediator.getByTestId('review-history').waitFor();
    expect(await mediator.getByTestId('review-panel').count()).toBe(0);
  });
});
