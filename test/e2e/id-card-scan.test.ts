// 扫描身份证 end to end in Chromium at 360×740: a synthetic ID-card front (rendered here with a CJK
// font, a made-up person and a valid made-up number) is fed to the scan's file input; the phone
// reads it with the real PaddleOCR models and onnxruntime-web, the proposed fields are checked,
// confirmed into 受理 and saved. The models come from this origin, stay out of the precache, and
// a later scan works offline from the runtime cache.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { setUpProfile, waitForOfflineReady } from './flows.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';

const FIRST17 = '15052519870423002'; // 17th digit even: 女
const PERSON = {
  name: '韩秀兰',
  gender: '女',
  ethnicity: '汉',
  birthDate: '1987-04-23',
  addressLines: ['内蒙古自治区通辽市奈曼旗大沁', '他拉镇永安街18号'],
  idNumber: FIRST17 + idNumberCheckChar(FIRST17),
};
const SCAN_TIMEOUT = 240_000;

let server: AppServer;
let device: Device;
let page: Page;

beforeAll(async () => {
  server = await startAppServer({ demo: false, counties: ['150523'] });
  device = await openDevice();
  page = await device.context.newPage();
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

/** A card-like front at 856×540 (the card's 85.6 × 54 mm), as a PNG. */
async function renderCard(): Promise<Buffer> {
  const canvasPage = await device.context.newPage();
  const label = 'color:#2a6fb0;font-size:24px;letter-spacing:6px;margin-right:22px';
  const value = 'font-size:30px;color:#111';
  await canvasPage.setContent(`<!doctype html><html><body style="margin:0;background:#fff">
    <div id="card" style="width:856px;height:540px;box-sizing:border-box;padding:44px 48px;position:relative;
      background:linear-gradient(135deg,#eef4fa,#f9fbfd 60%,#e9f1f8);border-radius:28px;font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif">
      <div style="margin-bottom:30px"><span style="${label}">姓名</span><span style="${value}">${PERSON.name}</span></div>
      <div style="margin-bottom:30px"><span style="${label}">性别</span><span style="${value};margin-right:60px">${PERSON.gender}</span>
        <span style="${label}">民族</span><span style="${value}">${PERSON.ethnicity}</span></div>
      <div style="margin-bottom:30px"><span style="${label}">出生</span><span style="${value}">1987&nbsp;年&nbsp;4&nbsp;月&nbsp;23&nbsp;日</span></div>
      <div style="display:flex"><span style="${label}">住址</span><span style="${value};line-height:44px">${PERSON.addressLines.join('<br>')}</span></div>
      <div style="position:absolute;left:48px;bottom:44px"><span style="${label}">公民身份号码</span>
        <span style="${value};font-size:32px;letter-spacing:3px">${PERSON.idNumber}</span></div>
      <div style="position:absolute;right:52px;top:70px;width:210px;height:260px;background:#c9d3dc;border-radius:8px"></div>
    </div></body></html>`);
  const png = await canvasPage.locator('#card').screenshot({ type: 'png' });
  await canvasPage.close();
  return png;
}

/** Feeds the card to party 0's scan and waits for the proposed fields; returns the seconds taken. */
async function scan(card: Buffer): Promise<number> {
  const started = Date.now();
  await page.getByTestId('party-0').getByTestId('id-scan-input').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: card });
  // A scan replaces any earlier proposal at once (progress text), so this waits for the new one.
  await page.getByTestId('party-0').getByTestId('id-scan-review').waitFor({ state: 'detached' });
  await page.getByTestId('party-0').getByTestId('id-scan-review').waitFor({ timeout: SCAN_TIMEOUT });
  return (Date.now() - started) / 1000;
}

async function expectProposal(): Promise<void> {
  const field = (name: string) => page.locator(`#party-0-card-scan-${name}`);
  expect(await field('name').inputValue()).toBe(PERSON.name);
  expect(await field('gender').inputValue()).toBe(PERSON.gender);
  expect(await field('ethnicity').inputValue()).toBe(PERSON.ethnicity);
  expect(await field('birthDate').inputValue()).toBe(PERSON.birthDate);
  expect(await field('address').inputValue()).toBe(PERSON.addressLines.join(''));
  expect(await field('idNumber').inputValue()).toBe(PERSON.idNumber);
  // Every check passed, so nothing is marked for a second look.
  expect(await page.locator('[data-testid="party-0"] .id-scan-field[data-doubtful="true"]').count()).toBe(0);
}

async function startNewCase(): Promise<void> {
  await page.getByTestId('nav-plus').click();
  await page.getByRole('radio', { name: '邻里纠纷' }).check();
  await page.getByTestId('party-0-scan').click();
  await expect.poll(() => page.getByTestId('id-scan-notice').textContent()).toContain('只在本机识别');
}

describe('扫描身份证', () => {
  it('tells a phone short of storage so before downloading anything, and the party can still be typed', async () => {
    // A phone of its own: nothing scanned on it yet, so nothing is cached.
    const other = await openDevice();
    const short = await other.context.newPage();
    // 25 MB free: less than the models and runtime need.
    await short.addInitScript(() => {
      Object.defineProperty(navigator.storage, 'estimate', { value: () => Promise.resolve({ quota: 1_000_000_000, usage: 975_000_000 }) });
    });
    const ocrRequests: string[] = [];
    short.on('request', (r) => {
      if (/\/ocr\/|\.wasm(\?|$)/.test(r.url())) ocrRequests.push(r.url());
    });
    await setUpProfile(short, server.url);
    await short.getByTestId('nav-plus').click();
    await short.getByTestId('party-0-scan').click();
    await short.getByTestId('party-0').getByTestId('id-scan-input').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: await renderCard() });
    await expect.poll(() => short.getByTestId('id-scan-failed').textContent(), { timeout: 30_000 }).toContain('手机存储空间不足');
    expect(ocrRequests).toEqual([]);
    await short.getByRole('button', { name: '不扫了，手动填写' }).click();
    await short.locator('#party-0-name').fill(PERSON.name);
    expect(await short.locator('#party-0-name').inputValue()).toBe(PERSON.name);
    await other.close();
  }, 300_000);

  it('reads a card on the phone, fills 受理 with the confirmed fields, and scans again offline', async () => {
    const card = await renderCard();
    await setUpProfile(page, server.url);
    await waitForOfflineReady(page);

    const ocrRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/ocr\/|\.wasm(\?|$)/.test(r.url())) ocrRequests.push(r.url());
    });

    await startNewCase();
    // The longest task the page's own thread ran during the scan: reading happens in a worker.
    await page.evaluate(() => {
      const w = window as unknown as { longestTask: number };
      w.longestTask = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longestTask = Math.max(w.longestTask, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const firstScan = await scan(card);
    await expectProposal();
    // The OCR ran in a dedicated worker from this origin, not on the page's thread.
    const ocrWorkers = page.workers().filter((w) => /\/assets\/worker-[^/]*\.js$/.test(new URL(w.url()).pathname));
    expect(ocrWorkers).toHaveLength(1);
    const longestTask = await page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
    // Models, dictionary and runtime were fetched from this app's own origin, nowhere else.
    expect(ocrRequests.length).toBeGreaterThanOrEqual(4);
    for (const url of ocrRequests) expect(new URL(url).origin).toBe(new URL(server.url).origin);

    // A second photo on the same page: the engine is loaded, this is the time of one scan.
    const secondScan = await scan(card);
    await expectProposal();

    await page.getByTestId('id-scan-apply').click();
    await page.locator('#party-1-name').fill('李国强');
    await page.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执。');
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();

    // What was saved (sealed in IndexedDB, read back through the edit form).
    await page.goto(`${page.url()}/edit`);
    await page.getByTestId('party-0').getByRole('button', { name: /更多信息/ }).click();
    // The form fills from the sealed record it reads back: wait for it before reading it whole.
    await expect.poll(() => page.locator('#party-0-idNumber').inputValue()).toBe(PERSON.idNumber);
    expect(await page.locator('#party-0-name').inputValue()).toBe(PERSON.name);
    // The card prints 汉; the party form's 民族 select holds the group's full name.
    expect(await page.locator('#party-0-ethnicity').inputValue()).toBe(`${PERSON.ethnicity}族`);
    expect(await page.locator('#party-0-address').inputValue()).toBe(PERSON.addressLines.join(''));
    expect(await page.getByTestId('party-0').getByRole('radio', { name: '女' }).isChecked()).toBe(true);

    // The precache never holds the models; the runtime cache holds all four files.
    const cached = await page.evaluate(async () => {
      const out: Record<string, string[]> = {};
      for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
      return out;
    });
    const precache = Object.entries(cached).filter(([name]) => name.includes('precache')).flatMap(([, urls]) => urls);
    expect(precache.length).toBeGreaterThan(0);
    expect(precache.filter((u) => /\/ocr\/|\.wasm$|\.onnx$/.test(u))).toEqual([]);
    expect((cached['shuohe-ocr-v1'] ?? []).sort()).toEqual(expect.arrayContaining(['/ocr/det.onnx', '/ocr/rec.onnx', '/ocr/keys.txt']));
    expect((cached['shuohe-ocr-v1'] ?? []).some((u) => /\/assets\/ort-wasm[^/]*\.wasm$/.test(u))).toBe(true);

    // Offline, after a reload (a fresh page: nothing in memory), scanning still works.
    await device.context.setOffline(true);
    await server.stop();
    await page.reload();
    await startNewCase();
    const offlineScan = await scan(card);
    await expectProposal();

    const dist = server.distDir;
    const bytes = (dir: string, match: RegExp) => readdirSync(dir).filter((f) => match.test(f)).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    console.log(
      `[id-card-scan] first scan incl. model download ${firstScan.toFixed(1)} s; scan with models loaded ${secondScan.toFixed(1)} s; ` +
        `offline after reload ${offlineScan.toFixed(1)} s; longest main-thread task during the first scan ${Math.round(longestTask)} ms; models ${bytes(join(dist, 'ocr'), /./)} B; wasm ${bytes(join(dist, 'assets'), /\.wasm$/)} B`,
    );
  }, 900_000);
});
