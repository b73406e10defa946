// /help on a phone that never chose a village: the village picker fills in as the county's towns
// arrive, and the 申请调解 form below it stays where it was first painted (Lighthouse counted its
// jump as a layout shift of 0.16, issue #13).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';

let server: AppServer;
let device: Device;
let page: Page;

beforeAll(async () => {
  server = await startAppServer();
  device = await openDevice();
  page = device.context.pages()[0] ?? (await device.context.newPage());
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await device?.close();
  await server?.close();
});

it('keeps the 申请调解 form in place while the village picker fills in', async () => {
  // Every position the form takes, from its first paint on (read at each animation frame).
  await page.addInitScript(() => {
    const tops: number[] = [];
    (window as unknown as { formTops: number[] }).formTops = tops;
    const look = () => {
      const form = document.querySelector('section.request');
      const top = form ? Math.round(form.getBoundingClientRect().top + window.scrollY) : undefined;
      if (top !== undefined && tops[tops.length - 1] !== top) tops.push(top);
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.goto(`${server.url}/help`);
  // Settled: the county's towns are listed in the picker.
  await page.locator('section.help fieldset select').waitFor();
  await page.locator('#village-search').waitFor();
  const tops = await page.evaluate(() => (window as unknown as { formTops: number[] }).formTops);
  expect(tops.length).toBeGreaterThan(0);
  expect(tops).toEqual([tops[0]]);
});
