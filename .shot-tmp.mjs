import { chromium } from 'playwright-core';
const [url, out, w='360', h='740'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const c = await b.newContext({ viewport: { width: +w, height: +h }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const p = await c.newPage();
await p.goto(url);
await p.waitForTimeout(1500);
await p.screenshot({ path: out, fullPage: true });
await b.close();
