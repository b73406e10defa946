// The resident's path with no network, on a 360×740 phone: the first visit installs the service
// worker; then with the network off and the server gone, the guides still open, browse, search,
// change font size, and a 申请调解 is kept in the phone's queue until there is a network.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { parseGuide, sectionOf } from '../../src/content/guides.ts';
import { extractBlockquotes, plainText } from '../../src/content/markdown.ts';
import { waitForOfflineReady } from './flows.ts';


let device: Device;
let server: AppServer;
let page: Page;

beforeAll(async () => {
  // The real server: the resident's village picker reads the county set up on it, once.
  server = await startAppServer({ demo: false, counties: ['150523'] });
  device = await openDevice();
  page = device.context.pages()[0] ?? (await device.context.newPage());
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

const fontSizeOf = (selector: string) => page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize));

/** The requests waiting to be sent, as stored by idb-keyval (its default database and store). */
const queuedRequests = () =>
  page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('keyval').objectStore('keyval').get('my-requests');
          get.onsuccess = () => resolve(((get.result as { state: string }[] | undefined) ?? []).filter((r) => r.state === 'waiting'));
          get.onerror = () => reject(get.error);
        };
      }),
  );

describe('guides and 申请调解 offline', () => {
  it('work after the first visit with the network off and the server stopped', async () => {
    // The one online visit to 找人帮忙调解: the county's place names come from the server once
    // (the only county set up is chosen by itself) and stay on the phone.
    await page.goto(`${server.url}/help`);
    await page.getByLabel('按名称查找村（社区）').fill('麦新');
    await page.getByText('麦新村委会', { exact: true }).click();
    await page.getByText('暂无联系方式，可直接到村委会或镇司法所').waitFor();
    await expect.poll(() => page.getByTestId('contacts').textContent()).toContain('麦新村人民调解委员会');
    await page.goto(`${server.url}/guides`);
    await page.getByRole('heading', { level: 1, name: '法律指南' }).waitFor();
    await waitForOfflineReady(page);

    await device.context.setOffline(true);
    await server.close();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '法律指南' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    // Browse a category.
    await page.getByTestId('group-01').click();
    await page.getByRole('heading', { level: 2, name: /婚姻家庭/ }).waitFor();
    expect(await page.getByRole('link', { name: /订婚彩礼/ }).count()).toBe(1);
    await page.getByRole('link', { name: /全部类别/ }).click();

    // A word nobody wrote about gets the "try other words" help, then 彩礼 finds its guide first.
    const search = page.getByLabel('搜一搜');
    await search.fill('飞机大炮');
    await page.getByTestId('search-none').waitFor();
    expect(await page.getByTestId('search-status').textContent()).toContain('没有找到');
    await search.fill('彩礼');
    const first = page.getByTestId('search-results').getByRole('link').first();
    await first.waitFor();
    await expect.poll(() => first.textContent()).toContain('彩礼');
    await first.click();

    await page.getByRole('heading', { level: 1, name: /彩礼/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/guides/caili-fanhuan');
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('.guide-prose blockquote').first().textContent()).toContain('禁止借婚姻索取财物');
    expect(await page.getByTestId('guide-deadlines').textContent()).toMatch(/3年.*30天/);

    // Font size: each step is larger, and the choice survives a reload.
    const body = '.guide-prose p';
    const sizes = [await fontSizeOf(body)];
    for (const step of [1, 2]) {
      await page.getByTestId(`font-${step}`).click();
      // Read the size once the step is applied, not in the same tick as the tap.
      await page.locator(`[data-testid="font-${step}"][aria-pressed="true"]`).waitFor();
      sizes.push(await fontSizeOf(body));
    }
    expect(sizes[1]).toBeGreaterThan(sizes[0] ?? Infinity);
    expect(sizes[2]).toBeGreaterThan(sizes[1] ?? Infinity);
    expect(await page.getByTestId('font-2').getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /彩礼/ }).waitFor();
    await expect.poll(() => fontSizeOf(body)).toBe(sizes[2]);

    // 分享 without a share sheet: the link and a QR code, both made offline.
    await page.getByTestId('share').click();
    await expect.poll(() => page.locator('#share-url').inputValue()).toMatch(/\/guides\/caili-fanhuan$/);
    await page.getByTestId('share-qr').waitFor();

    // 申请调解 from the guide.
    await page.getByTestId('apply-cta').first().click();
    await page.getByRole('heading', { level: 1, name: '找人帮忙调解' }).waitFor();
    // Offline, after reloads: the village chosen online is named from the phone's own copy.
    await expect.poll(() => page.getByTestId('picked-village').textContent()).toBe('麦新镇 麦新村委会');

    await page.getByLabel('您的姓名').fill('王秀兰');
    await page.getByLabel('您的手机号').fill('1381234');
    await page.getByRole('radio', { name: '婚姻家庭' }).check();
    await page.getByLabel('发生了什么').fill('订婚后女方家不肯退彩礼，两家吵起来了。');
    await page.getByTestId('request-submit').click();
    await page.getByText('请填写 11 位手机号，例如 13812345678').waitFor();
    expect(await queuedRequests()).toEqual([]);

    await page.getByLabel('您的手机号').fill('13812345678');
    await page.getByTestId('request-submit').click();
    await page.getByTestId('request-outcome').getByText('已保存，有网络时自动发送').waitFor();
    const queue = (await queuedRequests()) as { request: Record<string, unknown>; attempts: number }[];
    expect(queue).toHaveLength(1);
    expect(queue[0]?.request).toMatchObject({
      villageCode: '150523103207',
      applicantName: '王秀兰',
      phone: '13812345678',
      otherParty: '',
      categoryCode: '01',
      facts: '订婚后女方家不肯退彩礼，两家吵起来了。',
    });
    expect(queue[0]?.request.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });
});

// A shared link opened for the first time: the server sends the guide itself as HTML (prerendered
// at build time by src/build/prerender.ts), and the app takes over that same DOM when it boots.
describe('prerendered guide pages', () => {
  const slug = 'caili-fanhuan';
  const guide = parseGuide(slug, readFileSync(fileURLToPath(new URL(`../../src/content/guides/${slug}.md`, import.meta.url)), 'utf8'));
  const statute = plainText(extractBlockquotes(sectionOf(guide, '法律怎么说')?.markdown ?? '')[0] ?? '');
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ demo: false, counties: ['150523'] });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('carry the title and the statute text in the HTML, before any script runs', async () => {
    expect(statute).toContain('《民法典》');
    const reply = await fetch(`${app.url}/guides/${slug}`);
    expect(reply.headers.get('content-type')).toContain('text/html');
    const html = await reply.text();
    expect(html).toContain(`<h1>${guide.title}</h1>`);
    expect(html).toContain(`<title>${guide.title} · 说和</title>`);
    expect(html).toContain(statute);
    // With a query the app renders the page itself (?q= and ?cat= lists differ from the prerender).
    expect(await (await fetch(`${app.url}/guides/${slug}?from=wechat`)).text()).not.toContain(statute);

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
    try {
      const noScript = await (await browser.newContext({ javaScriptEnabled: false, viewport: PHONE })).newPage();
      await noScript.goto(`${app.url}/guides/${slug}`);
      expect(await noScript.getByRole('heading', { level: 1 }).textContent()).toBe(guide.title);
      expect(await noScript.locator('.guide-prose blockquote').first().textContent()).toBe(statute);
      // Styled without the route's lazy chunk: the body text has the guide reader's line height.
      expect(await noScript.$eval('.guide-prose p', (p) => parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize))).toBeGreaterThan(1.6);
      await noScript.goto(`${app.url}/guides`);
      expect(await noScript.getByTestId('group-01').count()).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it('are taken over by the app: the same DOM as the app draws itself, and it responds', async () => {
    const phone = await openDevice();
    try {
      const tab = await phone.context.newPage();
      // Drawn by the app alone (a query skips the prerender), then hydrated from the prerender.
      await tab.goto(`${app.url}/guides/${slug}?from=wechat`);
      await tab.getByTestId('share').waitFor();
      const drawn = await tab.locator('main').innerHTML();
      await tab.goto(`${app.url}/guides/${slug}`);
      expect(await tab.locator('#app').getAttribute('data-prerendered')).toBe(`/guides/${slug}`);
      await tab.getByTestId('font-1').click();
      await expect.poll(() => tab.getByTestId('font-1').getAttribute('aria-pressed')).toBe('true');
      await tab.getByTestId('font-0').click();
      await expect.poll(() => tab.getByTestId('font-0').getAttribute('aria-pressed')).toBe('true');
      expect(await tab.locator('main').innerHTML()).toBe(drawn);
      expect(await tab.locator('h1').count()).toBe(1);
      expect(await tab.title()).toBe(`${guide.title} · 说和`);

      // The prerendered list: a reader who types before the app has taken the page over (its
      // scripts held back here) keeps the words, and the search answers once it has.
      const fresh = await openDevice();
      const early = await fresh.context.newPage();
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await early.route('**/assets/*.js', async (route) => {
        await held;
        await route.continue();
      });
      await early.goto(`${app.url}/guides`);
      await early.getByLabel('搜一搜').fill('彩礼');
      release();
      await early.getByTestId('search-results').getByRole('link').first().waitFor();
      await fresh.close();

      await tab.goto(`${app.url}/guides`);
      await tab.getByLabel('搜一搜').fill('彩礼');
      const first = tab.getByTestId('search-results').getByRole('link').first();
      await first.waitFor();
      expect(await first.textContent()).toContain('彩礼');
      await first.click();
      await tab.getByRole('heading', { level: 1, name: guide.title }).waitFor();
      expect(await tab.locator('article').count()).toBe(1);
    } finally {
      await phone.close();
    }
  });
});
