// 诉调对接 on the phone (360×740) against the real server (demo county): a mediator takes in a
// 法院委派 case offline with the court's reference — a wrong 案号 refused on the form with the
// sentence that says what to fix — sees the days left before the court's deadline, syncs, closes
// it with a written agreement, prints the 调解结果告知函 (read back from the PDF with pdftotext:
// the court, its 案号 and the agreement), records the day it went back to the court, and is
// offered 司法确认 at that court.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { LAPTOP, openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow, waitForOfflineReady } from './flows.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { addDays, localDate } from '../../src/shared/dates.ts';

const OUT = join(new URL('../..', import.meta.url).pathname, 'test-results', 'court-referral');
const squash = (s: string) => s.replace(/\s+/g, '');
const today = localDate(new Date());
const COURT = '开鲁县人民法院';
const CASE_NO = '（2026）蒙0523民诉前调4521号';
let server: AppServer;
let device: Device;
let page: Page;
let caseId = '';

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startAppServer();
  device = await openDevice(PHONE);
  page = await device.context.newPage();
  page.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

const stored = async (): Promise<CaseRecord | undefined> => {
  const row = await server.store.db.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirst();
  return row ? (JSON.parse(row.data) as CaseRecord) : undefined;
};

describe('a court-delegated case on the phone', () => {
  it('is taken in offline with the court, its 案号 (checked on the form), the judge and the deadline', async () => {
    await signIn(page, server.url, 'tiaojie');
    await page.waitForURL(`${server.url}/`);
    await waitForOfflineReady(page);
    await device.context.setOffline(true);

    await page.getByTestId('nav-plus').click();
    await page.getByRole('radio', { name: '合同纠纷' }).check();
    await page.locator('#party-0-name').fill('孙玉梅');
    await page.locator('#party-1-name').fill('周德海');
    await page.getByLabel('纠纷简要情况').fill('孙玉梅借给周德海两万元，约定一年归还，到期未还，孙玉梅向法院起诉，法院立案前委派调解。');
    expect(await page.getByTestId('court-fields').count()).toBe(0);
    await page.getByRole('radio', { name: '法院委派（诉前）' }).check();
    await page.getByTestId('court-fields').waitFor();
    await page.getByLabel('法院名称').fill(COURT);
    // A 基层法院 has four digits after the province: three is refused with what to fix.
    await page.getByLabel('法院案号').fill('(2026)蒙523民诉前调4521号');
    await page.getByLabel('承办法官').fill('王志刚');
    await page.getByLabel('委派日期').fill(addDays(today, -1));
    await page.getByLabel('调解期限（截止日期）').fill(addDays(today, 29));
    await page.getByTestId('submit').click();
    await page.getByText('年份后面应是法院代字：省份简称加 4 位（基层法院）或 2 位（中级法院）数字，如“蒙0523”').waitFor();
    await page.screenshot({ path: join(OUT, 'case-no-refused.png'), fullPage: true });
    // Typed with half-width brackets: stored as the court prints it.
    await page.getByLabel('法院案号').fill('(2026)蒙0523民诉前调4521号');
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    caseId = page.url().split('/cases/')[1] ?? '';

    const card = page.getByTestId('court-card');
    await expect.poll(() => card.getByTestId('court-case-no').textContent()).toBe(`法院案号：${CASE_NO}`);
    await expect.poll(() => card.getByTestId('court-days-left').textContent()).toBe('距法院期限还有 29 天');
    await page.screenshot({ path: join(OUT, 'court-card-open.png'), fullPage: true });
    expect(await stored()).toBeUndefined();
  });

  it('syncs with its court reference', async () => {
    await device.context.setOffline(false);
    await syncNow(page);
    await expect.poll(async () => (await stored())?.court).toEqual({
      court: COURT, caseNo: CASE_NO, judge: '王志刚', referredOn: addDays(today, -1), deadline: addDays(today, 29), returnedOn: null,
    });
    expect((await stored())?.source).toBe('法院委派');
  });

  it('closes with a written agreement and prints the 调解结果告知函 to the court with its 案号', async () => {
    await page.getByTestId('action-session').click();
    await page.getByLabel('地点', { exact: true }).fill('五家村村委会调解室');
    await page.getByLabel('本次调解结果').fill('双方同意分期还款');
    await page.getByTestId('submit').click();
    await page.getByTestId('timeline').waitFor();
    await page.getByTestId('action-agreement').click();
    await page.getByRole('radio', { name: '书面协议' }).check();
    await page.locator('#terms-0').fill('周德海于三个月内分三期向孙玉梅归还借款，孙玉梅向法院撤回起诉。');
    await page.locator('#performanceMethod').fill('分期当面交付');
    await page.locator('#performanceDeadline').fill(addDays(today, 90));
    await page.locator('#effectiveOn').fill(today);
    await page.getByTestId('submit').click();
    await page.getByTestId('agreement').waitFor();

    const card = page.getByTestId('court-card');
    await card.getByTestId('court-confirmation').filter({ hasText: `共同向${COURT}申请司法确认` }).waitFor();
    await page.screenshot({ path: join(OUT, 'court-card-agreed.png'), fullPage: true });
    // Touch targets of the card (the sweep's rule, ≥ 44 px) and no sideways scrolling at 360 px.
    const small = await card.locator('a.button, button, input').evaluateAll((els) => els.map((e) => e.getBoundingClientRect())
      .filter((r) => r.height < 44 || r.width < 44).length);
    expect(small).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.getByTestId('court-doc-link').click();
    await page.waitForURL(`${server.url}/cases/${caseId}/documents/court-result`);
    await page.locator('.doc-print-root .doc').first().waitFor({ state: 'attached' });
    await page.screenshot({ path: join(OUT, 'letter-screen.png'), fullPage: true });
    const file = join(OUT, 'letter.pdf');
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, 'letter')]);
    const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8'));
    expect(text).toContain('调解结果告知函');
    expect(text).toContain(`${COURT}：`);
    expect(text).toContain(CASE_NO);
    expect(text).toContain('委派本委员会调解');
    expect(text).toContain('孙玉梅向法院撤回起诉');
    expect(text).toContain('承办法官：王志刚');
    expect(text).toContain('三十日内共同向你院申请司法确认');
  });

  it('records the day the result went back to the court, and the server has it', async () => {
    await page.goto(`${server.url}/cases/${caseId}`);
    const card = page.getByTestId('court-card');
    await card.getByTestId('court-mark-returned').click();
    await card.getByTestId('court-returned').waitFor();
    await syncNow(page);
    await expect.poll(async () => (await stored())?.court?.returnedOn).toBe(today);
    await page.screenshot({ path: join(OUT, 'court-card-returned.png'), fullPage: true });
  });

  it('the county dashboard counts it under 诉调对接', async () => {
    const desk = await openDevice(LAPTOP);
    try {
      const staff = await desk.context.newPage();
      staff.setDefaultTimeout(30_000);
      await signIn(staff, server.url, 'xian');
      const year = today.slice(0, 4);
      await staff.goto(`${server.url}/dashboard?area=150523&from=${year}-01-01&to=${year}-12-31`);
      const figures = staff.getByTestId('dash-court');
      await expect.poll(async () => squash((await figures.textContent()) ?? ''), { timeout: 60_000 })
        .toContain(squash('法院委派（诉前）受理1·调解成功1·调解不成退回法院0'));
      await figures.scrollIntoViewIfNeeded();
      await staff.screenshot({ path: join(OUT, 'dashboard-court.png') });
    } finally {
      await desk.close();
    }
  });
});
