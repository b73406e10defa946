// Any county, not only the demo: a DEMO=0 server with 松山区 (赤峰) set up from the bundled
// national list, whose village names repeat across towns. Its mediator signs in on a 360 px phone
// and sees the town and village names (never a bare code, never the demo county) in 受理, the case
// list and 我的; the first case syncs; offline after a reload the names are still there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { openDevice, PHONE, type Device } from './browser.ts';
import { signIn, syncNow, waitForOfflineReady } from './flows.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { nationalCounty } from '../../src/server/divisions/national.ts';

const VILLAGE = '150404102209'; // one of three 马架子村委会 of 松山区
const PASSWORD = 'songshan-2026';
const areas = nationalCounty('150404') ?? [];
const nameOf = (code: string) => areas.find((a) => a.code === code)?.name ?? '';
const place = `${nameOf(VILLAGE.slice(0, 9))} ${nameOf(VILLAGE)}`;

let server: AppServer;
let phone: Device;
let page: Page;

beforeAll(async () => {
  server = await startAppServer({ demo: false, counties: ['150404'] });
  await createUser(server.store.db, { username: 'majiazi', displayName: '刘桂芝', role: 'mediator', scope: VILLAGE, password: PASSWORD });
  phone = await openDevice(PHONE);
  page = await phone.context.newPage();
  page.setDefaultTimeout(60_000);
});
afterAll(async () => {
  await phone?.close();
  await server?.close();
});

/** What a screen says must name the place and never show a 12- or 9-digit code or the demo county. */
async function expectNamed(text: string | null): Promise<void> {
  expect(text).toContain(place);
  expect(text).not.toMatch(/\d{9}/);
  expect(text).not.toContain('开鲁');
}

async function checkScreens(): Promise<void> {
  await page.goto(`${server.url}/new`);
  await expect.poll(() => page.getByTestId('new-case-place').textContent()).toBe(place);
  await expectNamed(await page.locator('main').textContent());
  await page.goto(`${server.url}/`);
  await expect.poll(() => page.getByTestId('case-row-place').first().textContent()).toBe(place);
  await page.goto(`${server.url}/me`);
  await expect.poll(() => page.getByTestId('account-area').textContent()).toBe(place);
  await expectNamed(await page.locator('main').textContent());
}

describe('a county set up from the national list', () => {
  it('names the mediator\'s town and village on 受理, the case list and 我的, online and offline after a reload', async () => {
    expect(nameOf(VILLAGE)).toBe('马架子村委会');
    expect(areas.filter((a) => a.name === '马架子村委会')).toHaveLength(3);
    await signIn(page, server.url, 'majiazi', PASSWORD);

    await page.goto(`${server.url}/new`);
    await expect.poll(() => page.getByTestId('new-case-place').textContent()).toBe(place);
    await page.getByRole('radio', { name: '邻里纠纷' }).check();
    await page.locator('#party-0-name').fill('张秀英');
    await page.locator('#party-1-name').fill('李国强');
    await page.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执。');
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    await page.goto(`${server.url}/`);
    await syncNow(page);
    const stored = await server.store.db.selectFrom('cases').select(['village_code', 'case_no']).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.village_code).toBe(VILLAGE);

    await checkScreens();
    await waitForOfflineReady(page);
    await phone.context.setOffline(true);
    await server.stop();
    await page.reload();
    await checkScreens();
  });
});
