// The finish sweep: every screen of sweep-routes.ts, for each role, on a 360 px phone. Fails on any
// tap target (link, button, field, summary) smaller than 44 × 44 px and on any sideways overflow
// of the page — a wide table may scroll inside its own box only when the box says so
// ([data-scroll-hint], a visible "左右滑动" line). Each screen is saved as a PNG in
// test-results/sweep/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow } from './flows.ts';
import { SWEEP_ROUTES, type SweepRole } from './sweep-routes.ts';

const MIN = 44;
const SHOTS = 'test-results/sweep';
const USERS: Record<Exclude<SweepRole, 'resident'>, string> = { mediator: 'tiaojie', town: 'zhen', county: 'xian', admin: 'admin' };
const ROLES: SweepRole[] = ['resident', 'mediator', 'town', 'county', 'admin'];

let server: AppServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startAppServer();
});

afterAll(async () => {
  await server?.close();
});

interface Problem {
  kind: 'target' | 'overflow';
  what: string;
}

/** Runs in the page: every visible target under 44 px and every overflow without a hint. */
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
    await page.goto(`${server.url}${route.path.replace(':case', caseId)}`);
    await settle(page, route.ready);
    const name = route.path.replace(/[/?=&:]+/g, '_').replace(/^_|_$/g, '') || 'home';
    await page.screenshot({ path: `${SHOTS}/${role}-${name}.png`, fullPage: true });
    expect(await page.evaluate(findProblems, MIN)).toEqual([]);
  });
});
