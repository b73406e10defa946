// Debian's Chromium driven by playwright-core, as a phone: 360×740, touch, zh-CN. A persistent
// context (not incognito) so the service worker and IndexedDB behave as on a real device.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const PHONE = { width: 360, height: 740 };
export const LAPTOP = { width: 1280, height: 800 };

export interface Device {
  context: BrowserContext;
  /** The browser profile on disk (user-data-dir): what a copy of the phone's storage holds. */
  dir: string;
  close(): Promise<void>;
}

export async function openDevice(viewport = PHONE): Promise<Device> {
  const dir = mkdtempSync(join(tmpdir(), 'shuohe-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    isMobile: viewport.width < 800,
    hasTouch: viewport.width < 800,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    dir,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
