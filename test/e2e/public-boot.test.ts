// The public pages a resident opens first (issue #13): `/` and /help arrive prerendered like the
// guides, the public side boots its own entry (src/public-main.tsx) without the lock or the case
// database, and the prerendered residents' home inside index.html — which is also the app shell
// for every other URL — is never shown where it does not belong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
});

afterAll(async () => {
  await server?.close();
});

/** The text of every script the page loaded, as it arrives. */
function scriptsOf(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') void response.text().then((text) => bodies.push(text), () => {});
  });
  return bodies;
}

/** Records, at every animation frame from the first, whether the residents' home is on screen. */
async function watchHome(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: boolean[] = [];
    (window as unknown as { homeSeen: boolean[] }).homeSeen = seen;
    const look = () => {
      const home = document.querySelector('[data-testid="public-home"]');
      if (home && home.getBoundingClientRect().height > 0) seen.push(true);
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

const homeSeen = (page: Page) => page.evaluate(() => (window as unknown as { homeSeen: boolean[] }).homeSeen.length > 0);

describe('public pages', () => {
  it('send / and /help as HTML with their text, /help with its form closed to typing', async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toContain('data-prerendered="/"');
    expect(home).toContain('<h1 id="public-home-title">有矛盾，找调解</h1>');
    const help = await (await fetch(`${server.url}/help`)).text();
    expect(help).toContain('data-prerendered="/help"');
    expect(help).toContain('<h1>找人帮忙调解</h1>');
    // Laid out with the page (issue #13: not in a long task after the first paint), but typed
    // into before the app took the page over, the form would lose the text: every control in it
    // is disabled until then.
    expect(help).toContain('<form class="request-form" novalidate data-testid="request-form"><fieldset class="request-fields" disabled>');
    expect(help.match(/<form class="request-form"/g)).toHaveLength(1);
  });

  it('open the prerendered 申请调解 form to typing once the app has taken /help over', async () => {
    const device = await openDevice();
    try {
      const page = await device.context.newPage();
      await page.goto(`${server.url}/help`);
      await page.waitForFunction(() => localStorage.getItem('shuohe.lastPlace') === '/help');
      await expect.poll(() => page.locator('fieldset.request-fields').evaluate((f) => (f as HTMLFieldSetElement).disabled)).toBe(false);
      await page.getByLabel('您的姓名').fill('王秀英');
      await page.getByRole('radio', { name: '邻里' }).check();
      expect(await page.getByLabel('您的姓名').inputValue()).toBe('王秀英');
      expect(await page.locator('#app').getAttribute('data-prerendered')).toBe('/help');
    } finally {
      await device.close();
    }
  });

  it('boot without the lock or the case database on a guide and on the residents\' home', async () => {
    const device: Device = await openDevice();
    try {
      const page = await device.context.newPage();
      for (const path of ['/guides/caili-fanhuan', '/']) {
        await page.goto(`${server.url}${path}`);
        // Taken over by the app: it remembers the place (public-app.tsx) and the page responds.
        await page.waitForFunction((at) => localStorage.getItem('shuohe.lastPlace') === at, path);
        expect(await page.locator('#app').getAttribute('data-prerendered')).toBe(path);
      }
      await page.getByTestId('public-nav-help').click();
      await page.getByTestId('request-form').waitFor();
      await page.getByTestId('public-nav-guides').click();
      await page.getByRole('heading', { level: 1, name: '法律指南' }).waitFor();
      // The lock never loaded (state/lock.ts marks <html data-lock> as it loads).
      expect(await page.evaluate(() => document.documentElement.dataset.lock)).toBeUndefined();
    } finally {
      await device.close();
    }
  });

  it('load no case database for a guide link', async () => {
    const device = await openDevice();
    try {
      const page = await device.context.newPage();
      const scripts = scriptsOf(page);
      await page.goto(`${server.url}/guides/caili-fanhuan`);
      await page.waitForFunction(() => localStorage.getItem('shuohe.lastPlace') === '/guides/caili-fanhuan');
      await page.getByTestId('font-1').click();
      await expect.poll(() => page.getByTestId('font-1').getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => scripts.length).toBeGreaterThan(5);
      expect(scripts.filter((text) => text.includes('DexieError'))).toEqual([]);
    } finally {
      await device.close();
    }
  });

  it('open no case database on /help while a resident picks a village (the picker keeps its own names)', async () => {
    const device = await openDevice();
    try {
      const page = await device.context.newPage();
      const scripts = scriptsOf(page);
      await page.goto(`${server.url}/help`);
      await page.getByLabel('按名称查找村（社区）').fill('五家');
      await page.getByText('五家村委会', { exact: true }).click();
      await expect.poll(() => page.getByTestId('picked-village').textContent()).toBe('开鲁镇 五家村委会');
      await page.getByTestId('request-form').waitFor();
      // The county's names were kept, in their own database (db/areas.ts), not the case database.
      const names = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
      await expect.poll(names).toContain('shuohe-places');
      expect(await names()).not.toContain('shuohe');
      expect(scripts.filter((text) => text.includes('DexieError'))).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.dataset.lock)).toBeUndefined();
    } finally {
      await device.close();
    }
  });

  it('never show the prerendered home at another URL, or at / on a work device', async () => {
    const device = await openDevice();
    try {
      const page = await device.context.newPage();
      await watchHome(page);
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-submit').waitFor();
      expect(await homeSeen(page)).toBe(false);
      expect(await page.getByTestId('public-home').count()).toBe(0);

      // A device marked for work (state/device-kind.ts) opens `/` on its PIN pad.
      await page.evaluate(() => localStorage.setItem('shuohe.workDevice', '1'));
      await page.goto(`${server.url}/`);
      await page.locator('main.lock-screen h1').waitFor();
      expect(await homeSeen(page)).toBe(false);
      expect(await page.getByTestId('public-home').count()).toBe(0);
    } finally {
      await device.close();
    }
  });

  it('give a work phone on a prerendered guide its way back to work, not 调解员登录', async () => {
    const device = await openDevice();
    try {
      const page = await device.context.newPage();
      await page.goto(`${server.url}/guides`);
      await page.evaluate(() => localStorage.setItem('shuohe.workDevice', '1'));
      // The page was drawn at build time for anyone's phone, with 调解员登录.
      const html = await (await fetch(`${server.url}/guides/caili-fanhuan`)).text();
      expect(html).toContain('data-testid="mediator-login"');
      await page.goto(`${server.url}/guides/caili-fanhuan`);
      await page.waitForFunction(() => localStorage.getItem('shuohe.lastPlace') === '/guides/caili-fanhuan');
      const link = page.locator('header .work-link');
      await expect.poll(() => link.getAttribute('data-testid')).toBe('to-work');
      await expect.poll(() => link.textContent()).toBe('回到工作台');
      expect(await link.getAttribute('href')).toBe('/');
      expect(await page.locator('#app').getAttribute('data-prerendered')).toBe('/guides/caili-fanhuan');
    } finally {
      await device.close();
    }
  });
});
