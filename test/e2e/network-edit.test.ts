// Editing the mediation network from /network in a real browser against the real server (demo
// county): county staff add a member to a village committee and save it in one request, reload
// and see the member and the Art 8–9 warnings recomputed by the server; add a mediator and a
// training record; and see the server's Chinese refusal when a village already has its own
// committee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { LAPTOP, openDevice, type Device } from './browser.ts';
import { signIn } from './flows.ts';

const VILLAGE = '150523100200';

let server: AppServer;
let device: Device;
let page: Page;
beforeAll(async () => {
  server = await startAppServer();
  device = await openDevice(LAPTOP);
  page = await device.context.newPage();
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

const choose = (scope: Locator, label: string) => scope.locator('label.choice-option', { hasText: label }).first().click();
const committee = () => page.getByTestId('committee').first();

async function openNetwork() {
  await page.goto(`${server.url}/network?area=${VILLAGE}`);
  await committee().waitFor();
}

describe('editing the network on /network', () => {
  it('signs in as county staff', async () => {
    await signIn(page, server.url, 'xian');
  });

  it('adds a member to a village committee; after a reload the member and the recomputed warnings show', async () => {
    await openNetwork();
    expect(await committee().textContent()).not.toContain('任期已满');

    await committee().getByTestId('edit-committee').click();
    const editor = page.getByTestId('committee-editor');
    const members = await editor.getByTestId('member-draft').count();
    await editor.getByTestId('add-member').click();
    const draft = editor.getByTestId('member-draft').nth(members);

    // Saving an incomplete row is refused here, in Chinese, before anything is sent.
    await editor.getByTestId('save-committee').click();
    await draft.getByText('请填写名称或姓名').waitFor();

    await draft.getByLabel('姓名').fill('测试委员');
    await choose(draft, '副主任');
    await choose(draft, '女');
    await draft.getByLabel('任期开始').fill('2017-01-01');
    await draft.getByLabel('任期届满').fill('2019-12-31');

    if (process.env.E2E_SCREENSHOT) {
      await page.setViewportSize({ width: 360, height: 740 });
      await draft.scrollIntoViewIfNeeded();
      await page.screenshot({ path: process.env.E2E_SCREENSHOT });
      await page.setViewportSize(LAPTOP);
    }

    // The committee and its members go in one request (one transaction on the server).
    const writes: string[] = [];
    const track = (r: { method(): string; url(): string }) => {
      if (r.method() !== 'GET' && r.url().includes('/api/registry/')) writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
    };
    page.on('request', track);
    await editor.getByTestId('save-committee').click();
    await expect.poll(() => editor.getByTestId('committee-message').textContent()).toContain('已保存');
    page.off('request', track);
    expect(writes).toEqual([expect.stringMatching(/^PUT \/api\/registry\/committees\/[^/]+$/)]);

    await openNetwork();
    await expect.poll(() => committee().locator('.members').textContent()).toContain('测试委员（副主任，女，汉族）');
    const warnings = committee().getByTestId('committee-warnings');
    await expect.poll(() => warnings.textContent()).toContain('测试委员 的任期已满');
    await expect.poll(() => page.getByTestId('warn-list').textContent()).toContain('测试委员 的任期已满');
  });

  it('adds a full-time mediator with a public phone, then a training record', async () => {
    await openNetwork();
    await committee().getByTestId('add-mediator').click();
    const editor = page.getByTestId('mediator-editor');
    await editor.getByLabel('姓名').fill('王调解');
    await choose(editor, '专职');
    await choose(editor, '男');
    await editor.getByLabel('电话', { exact: true }).fill('13900001111');
    await editor.getByText('电话公开').click();
    await editor.getByTestId('save-mediator').click();

    // Once saved, the same editor offers the training record.
    const trainings = page.getByTestId('trainings');
    await trainings.waitFor();
    await trainings.getByLabel('培训日期').fill('2023-06-15');
    await trainings.getByLabel('培训内容').fill('人民调解业务培训');
    await trainings.getByLabel('学时').fill('8');
    await trainings.getByTestId('add-training').click();
    await expect.poll(async () => (await page.getByTestId('training-list').count()) > 0 ? page.getByTestId('training-list').textContent() : '')
      .toContain('2023-06-15　人民调解业务培训（8 学时）');

    await openNetwork();
    await expect.poll(() => committee().locator('.members').textContent()).toContain('王调解（聘任调解员，专职，男，汉族）');
    await committee().getByRole('button', { name: '修改 王调解' }).click();
    await expect.poll(() => page.getByTestId('training-list').textContent()).toContain('人民调解业务培训');
    await expect.poll(() => page.getByTestId('mediator-editor').getByLabel('电话', { exact: true }).inputValue()).toBe('13900001111');
    await expect.poll(() => page.getByTestId('mediator-editor').getByRole('checkbox').isChecked()).toBe(true);
  });

  it('shows the server\'s refusal in Chinese next to the new-committee form', async () => {
    await openNetwork();
    const form = page.getByTestId('new-committee');
    await choose(form, '村/居');
    await form.getByLabel('调委会名称').fill('五家村第二人民调解委员会');
    await form.getByTestId('add-committee').click();
    await expect.poll(() => form.getByTestId('new-committee-message').textContent()).toContain('已经有本级人民调解委员会');
  });
});
