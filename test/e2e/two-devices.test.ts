// Two devices in Chromium against the real server (demo county): the mediator's phone (360×740)
// and the town's laptop (1280×800). Both sign in through the UI and go offline; the phone edits
// 纠纷发生地点 and 纠纷简要情况, the laptop 申请事项 and 纠纷简要情况. Synced phone first: different
// fields merge, the same field keeps the phone's value and the case shows 待核对. The laptop's
// inbox shows both versions; a hand-merged text resolves it, and both devices end equal and clean.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, LAPTOP, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { waitForOfflineReady, signIn, syncNow } from './flows.ts';

let server: AppServer;
let phoneDevice: Device;
let laptopDevice: Device;
let phone: Page;
let laptop: Page;
let caseId = '';

const FACTS = '两家因院墙滴水发生争执，李家屋檐的水流进张家院子。';
const PHONE_FACTS = '两家因院墙滴水发生争执。手机补充：张家菜地被淹，损失约三百元。';
const LAPTOP_FACTS = '两家因院墙滴水发生争执。司法所补充：滴水问题已持续两年。';
const MERGED_FACTS = '两家因院墙滴水发生争执，滴水问题已持续两年。张家菜地被淹，损失约三百元。';
const PHONE_PLACE = '五家村三组张家院墙外';
const LAPTOP_CLAIMS = ['李家改造屋檐排水', '赔偿菜地损失'];

beforeAll(async () => {
  server = await startAppServer();
  phoneDevice = await openDevice(PHONE);
  laptopDevice = await openDevice(LAPTOP);
  phone = await phoneDevice.context.newPage();
  laptop = await laptopDevice.context.newPage();
  phone.setDefaultTimeout(20_000);
  laptop.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await phoneDevice?.close();
  await laptopDevice?.close();
  await server?.close();
});



async function openCase(page: Page): Promise<void> {
  await page.goto(`${server.url}/cases/${caseId}`);
  await page.getByTestId('case-label').waitFor();
}

/** Edits header fields offline through the 编辑受理信息 form (in-app navigation, no reload). */
async function edit(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByTestId('edit-case').click();
  await page.locator('#facts').waitFor();
  for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
  await page.getByTestId('submit').click();
  await page.getByTestId('case-label').waitFor();
}

async function caseText(page: Page): Promise<{ facts: string; chips: string }> {
  return {
    facts: (await page.locator('details.facts').textContent()) ?? '',
    chips: (await page.locator('.case-head .chips').textContent()) ?? '',
  };
}

const facts = async (page: Page): Promise<string> => (await caseText(page)).facts;

describe('two devices edit the same case offline', () => {
  it('both sign in; the phone registers a case online and the laptop receives it', async () => {
    await signIn(phone, server.url, 'tiaojie');
    await signIn(laptop, server.url, 'zhen');
    await phone.waitForURL(`${server.url}/`);
    await laptop.waitForURL(`${server.url}/`);

    await phone.getByTestId('nav-plus').click();
    await phone.getByRole('radio', { name: '邻里纠纷' }).check();
    await phone.locator('#party-0-name').fill('张秀英');
    await phone.locator('#party-1-name').fill('李国强');
    await phone.getByLabel('纠纷简要情况').fill(FACTS);
    await phone.getByLabel('申请事项').fill('李家改造排水');
    await phone.getByRole('radio', { name: '当事人申请' }).check();
    await phone.getByTestId('submit').click();
    await phone.getByTestId('case-label').waitFor();
    caseId = phone.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await syncNow(phone);
    await phone.getByTestId('case-label').filter({ hasText: '调字第' }).waitFor();

    await syncNow(laptop);
    await openCase(laptop);
    const label = await phone.getByTestId('case-label').textContent();
    // The detail draws first and fills from IndexedDB (personal text unsealed after): poll for it.
    await expect.poll(() => laptop.getByTestId('case-label').textContent()).toBe(label);
    await expect.poll(() => facts(laptop)).toContain(FACTS);
  });

  it('offline edits merge by field; the same field keeps the first-synced value and needs review', async () => {
    await waitForOfflineReady(phone);
    await waitForOfflineReady(laptop);
    await phoneDevice.context.setOffline(true);
    await laptopDevice.context.setOffline(true);
    await phone.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();
    await laptop.getByTestId('sync-phase').filter({ hasText: '离线' }).waitFor();

    await edit(phone, { place: PHONE_PLACE, facts: PHONE_FACTS });
    await edit(laptop, { claims: LAPTOP_CLAIMS.join('\n'), facts: LAPTOP_FACTS });
    // Each device shows its own edit at once, and says it is not on the server yet.
    await expect.poll(() => facts(phone)).toContain(PHONE_FACTS);
    await expect.poll(() => facts(laptop)).toContain(LAPTOP_FACTS);
    await phone.getByTestId('sync-pending').waitFor();
    await laptop.getByTestId('sync-pending').waitFor();

    await phoneDevice.context.setOffline(false);
    await syncNow(phone);
    await laptopDevice.context.setOffline(false);
    await syncNow(laptop);
    await syncNow(phone);

    for (const page of [phone, laptop]) {
      await page.locator('.case-head .chip.review').waitFor();
      // The merged record arrives by sync; wait for all of it before reading it whole.
      await expect.poll(() => facts(page)).toContain(PHONE_PLACE);
      for (const claim of LAPTOP_CLAIMS) await expect.poll(() => facts(page)).toContain(claim);
      const { facts: text, chips } = await caseText(page);
      expect(text).toContain(PHONE_FACTS);
      expect(text).not.toContain(LAPTOP_FACTS);
      expect(chips).toContain('待核对');
      await page.getByTestId('review-panel').waitFor();
    }
  });

  it('the laptop resolves the conflict in its inbox with a merged text, and both devices agree', async () => {
    await laptop.getByTestId('nav-review').click();
    const group = laptop.locator(`[data-case-id="${caseId}"]`);
    const conflict = group.locator('[data-testid="conflict"][data-field="private.facts"]');
    await conflict.waitFor();
    expect(await conflict.getByTestId('value-kept').textContent()).toContain(PHONE_FACTS);
    expect(await conflict.getByTestId('value-other').textContent()).toContain(LAPTOP_FACTS);
    expect(await conflict.getByTestId('version-other').textContent()).toContain('（我）');
    expect(await conflict.getByTestId('version-other').textContent()).toMatch(/设备时间：\d{2}:\d{2}/);
    await expect.poll(() => laptop.getByTestId('review-badge').textContent()).toBe('1');

    await conflict.getByTestId('merge').click();
    const box = conflict.getByLabel('合并后的纠纷简要情况');
    expect(await box.inputValue()).toBe(`${PHONE_FACTS}\n${LAPTOP_FACTS}`);
    await box.fill(MERGED_FACTS);
    await conflict.getByTestId('merge-save').click();
    await conflict.getByTestId('conflict-handled').waitFor();
    expect(await conflict.getByTestId('decided').textContent()).toContain(MERGED_FACTS);
    await expect.poll(() => laptop.getByTestId('review-badge').count()).toBe(0);

    await syncNow(laptop);
    await laptop.getByTestId('review-empty').waitFor();
    await syncNow(phone);

    for (const page of [phone, laptop]) {
      await openCase(page);
      await expect.poll(() => facts(page)).toContain(MERGED_FACTS);
      const text = await facts(page);
      expect(text).toContain(PHONE_PLACE);
      for (const claim of LAPTOP_CLAIMS) expect(text).toContain(claim);
      await expect.poll(async () => (await caseText(page)).chips).not.toContain('待核对');
      await expect.poll(() => page.getByTestId('review-panel').count()).toBe(0);
    }
  });
});
