// The accessibility sweep (issue #18): axe-core over every desk section of desk/sections.ts for the
// 司法所 (zhen) and the 司法局 (xian) at 1366×768, plus a case and its documents page, each opened
// in-app from the side navigation or a link; and the mediator's main case screens at 360×740.
// Fails on any violation axe rates serious or critical, listing rule, help and where.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow } from './flows.ts';
import { seedInboxes } from './sweep-seed.ts';
import { sectionsFor } from '../../src/ui/desk/sections.ts';

const DESK = { width: 1366, height: 768 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
  // 新申请 and 待核对 with items in them, as the tap-target sweep sees them.
  await seedInboxes(server.url);
});
afterAll(async () => {
  await server?.close();
});

/** What the page has drawn once its content is in: the selector, no busy region, fonts loaded. */
async function settle(page: Page, ready = '#main h1, main h1'): Promise<void> {
  await page.locator(ready).first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null && document.fonts.status === 'loaded', undefined, { timeout: 30_000 });
}

/** Runs axe on the whole document; returns one line per serious or critical violation. */
async function audit(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an
  // inline <script>, and the test must not loosen it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map((n) => JSON.stringify(n.target)), count: v.nodes.length }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.count}×) ${v.targets.join(' ')}`);
}

describe.each([['town', 'zhen'], ['county', 'xian']] as const)('axe over every desk section at 1366×768 as %s', (role, user) => {
  let device: Device;
  let page: Page;

  beforeAll(async () => {
    device = await openDevice(DESK);
    page = device.context.pages()[0] ?? (await device.context.newPage());
    page.setDefaultTimeout(30_000);
    await signIn(page, server.url, user);
    await page.getByTestId('desk').waitFor();
  });
  afterAll(async () => {
    await device?.close();
  });

  it.each(sectionsFor(role).map((s) => [s.href, s] as const))('%s', async (_href, section) => {
    await page.getByTestId(section.testId).click();
    await page.waitForURL((url) => url.pathname === section.href);
    await expect.poll(() => page.getByTestId(section.testId).getAttribute('aria-current'), { timeout: 30_000 }).toBe('page');
    await settle(page);
    expect(await audit(page)).toEqual([]);
  });

  it('a case, opened from the case table', async () => {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-table-row').first().locator('a[href^="/cases/"]').first().click();
    await settle(page, '[data-testid="case-label"]');
    expect(await audit(page)).toEqual([]);
  });

  it('its documents page, opened from the case', async () => {
    await page.getByTestId('documents-link').click();
    await page.waitForURL((url) => url.pathname.endsWith('/documents'));
    await settle(page, '[data-testid="docs-entry"]');
    expect(await audit(page)).toEqual([]);
  });

  it('新建账号 and 修改密码, opened from 账号', async () => {
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('new-account').click();
    await page.waitForURL((url) => url.pathname === '/accounts/new');
    await settle(page);
    const found = await audit(page);
    await page.getByTestId('nav-accounts').click();
    await page.locator('main a[href="/password"]').first().click();
    await page.waitForURL((url) => url.pathname === '/password');
    await settle(page);
    expect([...found, ...(await audit(page))]).toEqual([]);
  });

  it('我的, opened from the desk header', async () => {
    await page.getByTestId('desk-me').click();
    await page.waitForURL((url) => url.pathname === '/me');
    await settle(page);
    expect(await audit(page)).toEqual([]);
  });
});

describe('axe over the mediator\'s case screens at 360×740', () => {
  let device: Device;
  let page: Page;
  let caseId = '';

  beforeAll(async () => {
    device = await openDevice(PHONE);
    page = device.context.pages()[0] ?? (await device.context.newPage());
    page.setDefaultTimeout(30_000);
    await signIn(page, server.url, 'tiaojie');
    await syncNow(page);
    await page.goto(`${server.url}/?tab=all`);
    const href = await page.getByTestId('case-row').first().getAttribute('href');
    caseId = href?.split('/')[2] ?? '';
    expect(caseId).not.toBe('');
  });
  afterAll(async () => {
    await device?.close();
  });

  const screens: { path: string; ready?: string }[] = [
    { path: '/?tab=all', ready: '[data-testid="case-row"]' },
    { path: '/cases/:case', ready: '[data-testid="case-label"]' },
    { path: '/cases/:case/edit' },
    { path: '/cases/:case/documents', ready: '[data-testid="docs-entry"]' },
    { path: '/cases/:case/note' },
    { path: '/cases/:case/session' },
    { path: '/new' },
    { path: '/review', ready: '[data-testid="review-case"]' },
    { path: '/requests', ready: '[data-testid="request"]' },
    { path: '/todo' },
    { path: '/stats' },
    { path: '/me' },
  ];
  it.each(screens.map((s) => [s.path, s] as const))('%s', async (_path, screen) => {
    await page.goto(`${server.url}${screen.path.replace(':case', caseId)}`);
    await settle(page, screen.ready);
    expect(await audit(page)).toEqual([]);
  });
});
