// The strict Content-Security-Policy in a real browser: a prerendered guide (inline stylesheet and
// boot script, allowed by hash), its share panel's QR code, the service worker's precache, signing
// in, a sync and a case opened — all with zero CSP violations. A script injected the way an
// XSS would be is refused, which shows the policy is in force and the listener hears it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { setPinIfAsked, signIn, syncNow, waitForOfflineReady, openFirstCase } from './flows.ts';

let server: AppServer;
let device: Device;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  server = await startAppServer();
  device = await openDevice();
  // Reported by the page itself, so a violation is caught even when Chromium words it differently.
  await device.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page = device.context.pages()[0] ?? (await device.context.newPage());
  page.on('console', (message) => {
    if (/CSP violation|Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

test('a guide page and the app run under the policy with no violation', async () => {
  const guide = await page.goto(`${server.url}/guides/caili-fanhuan`);
  expect(guide?.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/);
  expect(await page.locator('#app[data-prerendered] style, head style').count()).toBeGreaterThan(0);
  // The boot script imports the app, which hydrates the page: the share button then works (a tap
  // before hydration does nothing, so tap until the panel is open).
  await expect.poll(async () => {
    const share = page.getByTestId('share');
    if ((await share.getAttribute('aria-expanded')) !== 'true') await share.click();
    return page.getByTestId('share-qr').isVisible();
  }, { timeout: 60_000 }).toBe(true);
  await waitForOfflineReady(page);

  const shell = await page.goto(`${server.url}/`);
  expect(shell?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await setPinIfAsked(page);
  await signIn(page, server.url, 'tiaojie');
  await page.goto(`${server.url}/`);
  await syncNow(page);
  await openFirstCase(page);
  expect(violations).toEqual([]);

  // An injected inline script is refused and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
  });
  await expect.poll(() => violations.length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
});
