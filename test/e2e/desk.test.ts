// The desk at 1366×768 for the 司法所 (zhen) and the 司法局 (xian): a side navigation that reaches
// every section in-app (no reload, no second PIN), no phone tab bar, and the case table whose
// filters and sort live in the URL — a reload shows the same view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { PHONE, openDevice, type Device } from './browser.ts';
import { signIn, syncNow } from './flows.ts';

export const DESK = { width: 1366, height: 768 };

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.close();
});

/** Every section's nav entry and the heading text its screen shows (what proves it opened). */
const sections: { testId: string; path: string; roles: string[] }[] = [
  { testId: 'nav-today', path: '/', roles: ['zhen'] },
  { testId: 'nav-cases', path: '/cases', roles: ['zhen', 'xian'] },
  { testId: 'nav-review', path: '/review', roles: ['zhen', 'xian'] },
  { testId: 'nav-requests', path: '/requests', roles: ['zhen', 'xian'] },
  { testId: 'nav-stats', path: '/dashboard', roles: ['zhen', 'xian'] },
  { testId: 'nav-network', path: '/network', roles: ['zhen', 'xian'] },
  { testId: 'nav-import', path: '/import', roles: ['zhen', 'xian'] },
  { testId: 'nav-areas', path: '/network/areas', roles: ['zhen', 'xian'] },
  { testId: 'nav-devices', path: '/devices', roles: ['zhen', 'xian'] },
  { testId: 'nav-accounts', path: '/accounts', roles: ['zhen', 'xian'] },
  { testId: 'nav-audit', path: '/audit', roles: ['xian'] },
];

describe.each(['zhen', 'xian'])('the desk for %s at 1366×768', (user) => {
  let device: Device;
  let page: Page;
  beforeAll(async () => {
    device = await openDevice(DESK);
    page = await device.context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, server.url, user);
    await page.getByTestId('desk').waitFor();
  });
  afterAll(async () => {
    await device?.close();
  });

  it('lands on the role\'s home: the town on 今日, the county on its dashboard for the latest year with cases', async () => {
    if (user === 'zhen') {
      await page.getByTestId('today-list').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
    } else {
      await page.waitForURL((url) => url.pathname === '/dashboard');
      // The demo's cases are of 2023: an empty current year would say nothing.
      expect(new URL(page.url()).searchParams.get('from')).toBe('2023-01-01');
    }
    expect(await page.locator('.bottom-nav').count()).toBe(0);
  });

  it('reaches every section from the side navigation without reloading the page', async () => {
    // A marker on window survives in-app navigation and disappears with a reload.
    await page.evaluate(() => ((window as unknown as { deskMarker: number }).deskMarker = 1));
    for (const s of sections.filter((x) => x.roles.includes(user))) {
      const arrived = (url: URL) => url.pathname === s.path;
      await page.getByTestId(s.testId).click();
      await page.waitForURL(arrived);
      await page.locator('#main h1').first().waitFor();
      await expect.poll(() => page.getByTestId(s.testId).getAttribute('aria-current'), { message: s.testId, timeout: 30_000 }).toBe('page');
      expect(await page.evaluate(() => (window as unknown as { deskMarker?: number }).deskMarker)).toBe(1);
    }
  });

  it('the 年份 select moves with the arrow keys without reloading, applies on Enter, and keeps the focus', async () => {
    await page.getByTestId('nav-stats').click();
    await page.waitForURL((url) => url.pathname === '/dashboard' && url.searchParams.get('from') === '2023-01-01');
    await page.getByTestId('dash-title').filter({ hasNotText: '加载中' }).waitFor();
    const statsRequests: string[] = [];
    // Figures of another year than the one shown: a late refresh of 2023 (the screen settling)
    // is not the arrow keys applying anything.
    const count = (r: { url(): string }) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/stats' && url.searchParams.get('from') !== '2023-01-01') statsRequests.push(r.url());
    };
    page.on('request', count);
    await page.getByTestId('year-select').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('year-select').inputValue()).toBe('2021');
    // Nothing applied yet: same address, no figures asked for.
    expect(new URL(page.url()).searchParams.get('from')).toBe('2023-01-01');
    expect(statsRequests).toEqual([]);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('from') === '2021-01-01');
    await expect.poll(() => statsRequests.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('year-select');
    page.off('request', count);
  });

  it('groups accounts and committees by town and picks places by name, never by code', async () => {
    if (user !== 'xian') return;
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('account-group').first().waitFor();
    await expect.poll(() => page.getByTestId('account-group').count()).toBeGreaterThan(2);
    const town = page.getByTestId('account-town');
    const first = await town.locator('option').nth(2).getAttribute('value');
    await town.selectOption(first ?? '');
    await expect.poll(() => page.getByTestId('account-group').count()).toBe(1);
    expect(await page.getByTestId('account-group').getAttribute('data-town')).toBe(first);

    await page.getByTestId('nav-network').click();
    await page.getByTestId('town-group').first().waitFor();
    await expect.poll(() => page.getByTestId('town-group').count()).toBeGreaterThan(2);
    // The add forms: 乡镇 then 村 by name; no field takes a typed code.
    const form = page.getByTestId('new-committee');
    await form.getByTestId('nc-location-town').selectOption({ index: 1 });
    await form.getByTestId('nc-location-village').locator('option').nth(1).waitFor({ state: 'attached' });
    expect(await page.locator('main input[inputmode="numeric"]').count()).toBe(0);
  });

  it('filters and sorts the case list; the URL reloads to the same view', async () => {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-table-row').first().waitFor();
    await page.getByTestId('filter-from').fill('2023-03-01');
    await page.getByTestId('filter-to').fill('2023-09-30');
    await page.getByTestId('filter-status').selectOption('archived');
    await page.getByTestId('apply-filters').click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'archived');
    await page.getByTestId('sort-party').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'party');
    await page.waitForFunction(() => document.querySelector('[data-testid="case-table"]')?.getAttribute('aria-busy') === 'false');
    const read = async () => ({
      count: await page.getByTestId('case-count').textContent(),
      rows: await page.getByTestId('case-table-row').allTextContents(),
      dates: await page.getByTestId('cell-accepted').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value') ?? '')),
    });
    const before = await read();
    expect(before.rows.length).toBeGreaterThan(0);
    expect(before.dates.every((d) => d >= '2023-03-01' && d <= '2023-09-30')).toBe(true);
    expect(before.rows.every((r) => r.includes('已归档'))).toBe(true);
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('当事人');

    await page.reload();
    await page.getByTestId('case-table-row').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="case-table"]')?.getAttribute('aria-busy') === 'false');
    expect(await read()).toEqual(before);
    await expect.poll(() => page.getByTestId('filter-status').inputValue()).toBe('archived');

    // Back returns to the list before the sort.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('sort') === null && url.searchParams.get('status') === 'archived');
  });
});

describe('设备: the town revokes one lost phone', () => {
  let phoneDevice: Device;
  let deskDevice: Device;
  afterAll(async () => {
    await phoneDevice?.close();
    await deskDevice?.close();
  });

  it('lists the phone with what it reported, revokes it with a reason and a confirmation, and the phone erases its cases at its next sync', async () => {
    phoneDevice = await openDevice(PHONE);
    const phone = await phoneDevice.context.newPage();
    phone.setDefaultTimeout(30_000);
    // The phone's own id, as its sync requests carry it.
    let clientId = '';
    phone.on('request', (r) => {
      if (r.url().endsWith('/api/sync/pull')) clientId = (JSON.parse(r.postData() ?? '{}') as { clientId: string }).clientId;
    });
    await signIn(phone, server.url, 'tiaojie');
    await syncNow(phone);
    await phone.goto(`${server.url}/?tab=all`);
    await phone.locator('.case-list li').first().waitFor();

    // 我的 → 本机状态: the phone's own facts, and the server's word on it.
    await phone.goto(`${server.url}/me`);
    const status = phone.getByTestId('device-status');
    await status.waitFor();
    expect(await status.getByTestId('me-version').textContent()).toBe('0.1.0');
    // The id is read from IndexedDB after the screen draws.
    await expect.poll(() => status.getByTestId('me-client-id').textContent()).toBe(clientId.slice(0, 8));
    await expect.poll(() => status.getByTestId('me-server').textContent()).toContain('正常使用');
    // Counted from IndexedDB after the screen draws, like the id.
    await expect.poll(() => status.getByTestId('me-pending').textContent()).toBe('0 条');

    deskDevice = await openDevice(DESK);
    const desk = await deskDevice.context.newPage();
    desk.setDefaultTimeout(30_000);
    await signIn(desk, server.url, 'zhen');
    await desk.getByTestId('nav-devices').click();
    expect(clientId).not.toBe('');
    const row = desk.locator(`[data-testid="device-row"][data-client="${clientId}"]`);
    await row.waitFor();
    // The phone reported its app version with the sync: it is not an "old app" row.
    // (recorded just after the sync's answer, so it may land after the row shows)
    await expect.poll(() => row.textContent()).toContain('0.1.0');
    // No result yet: the result line takes no space (it was an empty coloured bar).
    expect(await desk.getByTestId('devices-message').isVisible()).toBe(false);

    await row.getByTestId('revoke-device').click();
    // Confirming without a reason is refused on the form.
    await row.getByTestId('revoke-confirm').click();
    await row.locator('#reason-error').waitFor();
    await row.getByTestId('revoke-reason').fill('手机丢失');
    await row.getByTestId('revoke-confirm').click();
    await desk.getByTestId('devices-message').filter({ hasText: '已停用' }).waitFor();
    // The result line has the focus, and the row says who revoked it and why.
    expect(await desk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('devices-message');
    await expect.poll(() => row.getByTestId('device-state').textContent()).toContain('手机丢失');

    await phone.goto(`${server.url}/?tab=all`);
    await phone.getByTestId('sync-now').click();
    // The village's cases are gone from the phone: the list shows its empty state.
    await phone.locator('.case-list-screen .empty').waitFor();
    expect(await phone.locator('.case-list li').count()).toBe(0);
  });
});

describe('月度签收 with the keyboard alone', () => {
  let device: Device;
  let page: Page;
  afterAll(async () => {
    await device?.close();
  });

  it('the town signs February in at most 30 keystrokes, through a confirmation that names the month and its figures', async () => {
    device = await openDevice(DESK);
    page = await device.context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, server.url, 'zhen');
    await page.getByTestId('nav-stats').click();
    // 统计 opens on the latest year with cases (the demo's 2023), not an empty current year.
    await page.waitForURL((url) => url.searchParams.get('from') === '2023-01-01');
    await page.getByTestId('signoff-panel').locator('li').first().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    let keys = 0;
    const press = async (key: string) => {
      keys++;
      await page.keyboard.press(key);
    };
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return `${el?.getAttribute('data-testid') ?? ''}|${el?.getAttribute('aria-label') ?? ''}|${el?.id ?? ''}`;
    });
    // Tab to "跳到月度签收" and take it.
    while (!(await focused()).startsWith('skip-signoff')) {
      await press('Tab');
      expect(keys).toBeLessThan(30);
    }
    await press('Enter');
    while (!(await focused()).includes('签收2月')) {
      await press('Tab');
      expect(keys).toBeLessThan(30);
    }
    await press('Enter');
    // The confirmation names the month and shows its figures; focus is on it.
    const confirm = page.getByTestId('sign-confirm');
    await confirm.getByTestId('sign-figures').waitFor();
    expect(await confirm.locator('h3').textContent()).toContain('2023 年 2 月');
    expect(await confirm.getByTestId('sign-figures').textContent()).toMatch(/受理 \d+ 件/);
    expect(await focused()).toContain('confirm-2023-02');
    while (!(await focused()).startsWith('sign-confirm-button')) {
      await press('Tab');
      expect(keys).toBeLessThan(30);
    }
    await press('Enter');
    await page.getByTestId('signoff-message').filter({ hasText: '已签收2月' }).waitFor();
    expect(keys).toBeLessThanOrEqual(30);
    // The month now names the person who signed, not the account.
    await expect.poll(() => page.getByTestId('month-2023-02').textContent()).toContain('已签收（');
    expect(await page.getByTestId('month-2023-02').textContent()).not.toContain('zhen');
    expect(await focused()).toContain('signoff-message');
  });

  it('a change the signed February forbids is refused on the form, before saving, naming who can unlock it', async () => {
    // A 已回访 case accepted in February: its 受理日期 is one of the month's figures.
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-table-row').first().waitFor();
    await page.getByTestId('filter-from').fill('2023-02-01');
    await page.getByTestId('filter-to').fill('2023-02-28');
    await page.getByTestId('filter-status').selectOption('visited');
    await page.getByTestId('apply-filters').click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'visited');
    // The table shows the filtered list (not the one before the filter) once every row is of February.
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="case-table"]:not([aria-busy="true"]) [data-testid="cell-accepted"]')];
      return cells.length > 0 && cells.every((c) => c.getAttribute('data-value')?.startsWith('2023-02'));
    });
    await page.getByTestId('case-table-row').first().locator('a').click();
    await page.getByTestId('edit-case').click();
    const date = page.getByLabel('受理日期');
    await expect.poll(() => date.inputValue()).toMatch(/^2023-02-\d\d$/);
    const before = await date.inputValue();
    await date.fill(before === '2023-02-27' ? '2023-02-26' : '2023-02-27');
    await page.getByTestId('submit').click();
    const refusal = page.locator('form [role="alert"]').filter({ hasText: '已签收' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('解锁2月');
    // Nothing saved, nothing queued: no 已保存, still on the form, the outbox empty.
    expect(new URL(page.url()).pathname.endsWith('/edit')).toBe(true);
    expect(await page.getByTestId('flash').filter({ hasText: '已保存' }).count()).toBe(0);
    expect(await page.getByTestId('sync-pending').count()).toBe(0);
  });
});
