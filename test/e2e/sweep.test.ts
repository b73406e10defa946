// The finish sweep: every screen of sweep-routes.ts, for each role, on a 360 px phone. Fails on any
// tap target (link, button, field, summary) smaller than 44 × 44 px and on any sideways overflow
// of the page — a wide table may scroll inside its own box only when the box says so
// ([data-scroll-hint], a visible "左右滑动" line). Each screen is saved as a PNG in
// test-results/sweep/ (or E2E_SCREENSHOT_DIR) for a person to look at. 新申请 and 待核对 are swept
// with items in them (sweep-seed.ts), every printable document of a case too, and the desk's every
// section at 1366×768 for the 司法所 and the 司法局.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow } from './flows.ts';
import { DESK_EXTRA_ROUTES, SWEEP_ROUTES, type SweepRole, type SweepRoute } from './sweep-routes.ts';
import { seedInboxes } from './sweep-seed.ts';
import { sectionsFor } from '../../src/ui/desk/sections.ts';

const MIN = 44;
const SHOTS = process.env.E2E_SCREENSHOT_DIR ?? 'test-results/sweep';
const DESK = { width: 1366, height: 768 };
const USERS: Record<Exclude<SweepRole, 'resident'>, string> = { mediator: 'tiaojie', town: 'zhen', county: 'xian', admin: 'admin' };
const ROLES: SweepRole[] = ['resident', 'mediator', 'town', 'county', 'admin'];

let server: AppServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startAppServer();
  await seedInboxes(server.url);
});

afterAll(async () => {
  await server?.close();
});

interface Problem {
  kind: 'target' | 'overflow' | 'date';
  what: string;
}

/** Runs in the page: every visible target under 44 px, every overflow without a hint, every raw ISO date. */
function findProblems(min: number): Problem[] {
  const problems: Problem[] = [];
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
  const visible = (el: Element) => {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && rect.width > 1 && rect.height > 1 && !el.closest('.sr-only, [hidden], [aria-hidden="true"]');
  };
  const targets = document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]');
  for (const el of targets) {
    if (!visible(el) || el.classList.contains('skip')) continue;
    const rect = el.getBoundingClientRect();
    // A box or radio sits in its label; the label is what the finger hits.
    const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
    const hit = (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') && label) ? label.getBoundingClientRect() : rect;
    if (hit.height < min - 0.5 || hit.width < min - 0.5) problems.push({ kind: 'target', what: `${describe(el)} ${Math.round(hit.width)}×${Math.round(hit.height)}` });
  }
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) problems.push({ kind: 'overflow', what: `page ${root.scrollWidth} px wide` });
  for (const el of document.querySelectorAll('main *')) {
    const style = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
    if (el.closest('[data-scroll-hint]')) continue;
    problems.push({ kind: 'overflow', what: `${describe(el)} scrolls sideways without saying so` });
  }
  // One date format (ui/format.ts, Intl): no "2023-02-18" printed raw beside "2023年3月13日".
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const raw = /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/.exec(node.textContent ?? '');
    const el = node.parentElement;
    if (!raw || !el || !visible(el) || el.closest('script, style, option')) continue;
    problems.push({ kind: 'date', what: `${describe(el)} prints ${raw[0]}` });
  }
  return problems;
}

async function settle(page: Page, ready: string | undefined): Promise<void> {
  await page.locator(ready ?? 'main h1').first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null && document.fonts.status === 'loaded', undefined, { timeout: 30_000 });
}

describe.each(ROLES)('every screen at 360 px as %s', (role) => {
  let device: Device;
  let page: Page;
  let caseId = '';

  beforeAll(async () => {
    device = await openDevice();
    page = device.context.pages()[0] ?? (await device.context.newPage());
    if (role === 'resident') return;
    await signIn(page, server.url, USERS[role]);
    await syncNow(page);
    if (SWEEP_ROUTES.some((r) => r.roles.includes(role) && r.path.includes(':case'))) {
      await page.goto(`${server.url}/?tab=all`);
      const href = await page.getByTestId('case-row').first().getAttribute('href');
      caseId = href?.split('/')[2] ?? '';
      expect(caseId).not.toBe('');
    }
  });

  afterAll(async () => {
    await device?.close();
  });

  const routes = SWEEP_ROUTES.filter((r) => r.roles.includes(role));
  it.each(routes.map((r) => [r.path, r] as const))('%s', async (_path, route) => {
    expect(await sweep(page, `${server.url}${route.path.replace(':case', caseId)}`, route, `${role}-${shotName(route.path)}`)).toEqual([]);
  });

  if (role === 'county') {
    it('gives the county no 受理: not in the bar, not on a request, not on an empty list', async () => {
      await page.goto(`${server.url}/requests`);
      await settle(page, '[data-testid="request"]');
      expect(await page.getByTestId('request-accept').count()).toBe(0);
      expect(await page.getByTestId('request-county').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('nav-plus').count()).toBe(0);
      expect(await page.locator('main a[href="/new"]').count()).toBe(0);
    });
  }

  if (role === 'mediator') {
    it('every printable document of a closed case', async () => {
      // A closed case has the full set: 申请书, 笔录, 协议书, 卷宗….
      await page.goto(`${server.url}/?tab=closed`);
      const href = await page.getByTestId('case-row').first().getAttribute('href');
      await page.goto(`${server.url}${href}/documents`);
      await settle(page, '[data-testid="docs-entry"]');
      const docs = await page.locator('[data-testid="docs-entry"] a.docs-entry-title').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(docs.length).toBeGreaterThan(3);
      const problems: Record<string, Problem[]> = {};
      for (const doc of docs) {
        const found = await sweep(page, `${server.url}${doc}`, { path: doc, roles: [role] }, `${role}-doc-${shotName(doc.split('/documents/')[1] ?? doc)}`);
        if (found.length > 0) problems[doc] = found;
      }
      expect(problems).toEqual({});
    });
  }
});

/** Every section of the desk, and the screens opened from them, at 1366×768. */
describe.each(['town', 'county'] as const)('every desk section at 1366×768 as %s', (role) => {
  let device: Device;
  let page: Page;
  let caseId = '';

  beforeAll(async () => {
    device = await openDevice(DESK);
    page = device.context.pages()[0] ?? (await device.context.newPage());
    await signIn(page, server.url, USERS[role]);
    await page.getByTestId('desk').waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/cases`);
    const href = await page.locator('[data-testid="case-table-row"] a[href^="/cases/"]').first().getAttribute('href', { timeout: 30_000 });
    caseId = href?.split('/')[2]?.split('?')[0] ?? '';
    expect(caseId).not.toBe('');
  });

  afterAll(async () => {
    await device?.close();
  });

  const routes: SweepRoute[] = [
    ...sectionsFor(role).map((s) => ({ path: s.href, roles: [role] })),
    ...DESK_EXTRA_ROUTES.filter((r) => r.roles.includes(role)),
  ];
  it.each(routes.map((r) => [r.path, r] as const))('%s', async (_path, route) => {
    expect(await sweep(page, `${server.url}${route.path.replace(':case', caseId)}`, route, `desk-${role}-${shotName(route.path)}`)).toEqual([]);
  });
});

function shotName(path: string): string {
  return path.replace(/[/?=&:]+/g, '_').replace(/^_|_$/g, '') || 'home';
}

/** Opens `url`, waits for it to draw, saves a full-page PNG and returns what is wrong with it. */
async function sweep(page: Page, url: string, route: SweepRoute, shot: string): Promise<Problem[]> {
  await page.goto(url);
  await settle(page, route.ready);
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  // A table that grew with its data learns it scrolls from a ResizeObserver a frame or two later
  // (TableScroll): a problem counts only if it is still there after the screen has had 10 s to settle.
  const frames = () => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  const deadline = Date.now() + 10_000;
  let problems = await page.evaluate(findProblems, MIN);
  while (problems.length > 0 && Date.now() < deadline) {
    await frames();
    problems = await page.evaluate(findProblems, MIN);
  }
  return problems;
}
