// 扫描身份证 on generated card photos (test/id-card/cards.ts — the bench's generator, mildly
// distorted here): six people read end to end through the real panel at 360×740, front and back,
// every field exact; then a scanned card fills a party of a new case and the 协议书 prints what was
// read (pdftotext), and the 签发机关/有效期限 from the back are kept with the party.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn } from './flows.ts';
import { makeCards, photograph } from '../id-card/cards.ts';
import { openScan, reopenScan, scanSide } from '../id-card/scan-steps.ts';
import { addDays, localDate } from '../../src/shared/dates.ts';
import { ageOn } from '../../src/shared/fields/party-form.ts';

const OUT = join(new URL('../..', import.meta.url).pathname, 'test-results', 'id-card');
const squash = (s: string) => s.replace(/\s+/g, '');
let server: AppServer;
let device: Device;
let page: Page;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startAppServer();
  device = await openDevice();
  page = await device.context.newPage();
  page.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

const CARDS = makeCards(7, 17, true);

describe('扫描身份证 on generated card photos', () => {
  it('reads six cards, front and back, with every field exact', async () => {
    await signIn(page, server.url, 'tiaojie');
    await page.waitForURL(`${server.url}/`);
    await openScan(page);
    for (const [i, card] of CARDS.slice(0, 6).entries()) {
      const front = await scanSide(page, 'front', await photograph(device.context, card.person, 'front', card.distortion, card.seed));
      const back = await scanSide(page, 'back', await photograph(device.context, card.person, 'back', card.distortion, card.seed + 1));
      if (i === 0) await page.screenshot({ path: join(OUT, 'review.png'), fullPage: true });
      const p = card.person;
      expect({ ...front.fields, ...back.fields }, `card ${i}`).toEqual({
        name: p.name, gender: p.gender, ethnicity: p.ethnicity, birthDate: p.birthDate, address: p.address, idNumber: p.idNumber,
        idIssuer: p.idIssuer, idValidity: p.idValidity,
      });
      // A number that passed its check digit and agreed with the printed birth date and sex.
      expect(front.doubtful, `card ${i}`).not.toContain('idNumber');
      await reopenScan(page);
    }
  }, 900_000);

  it('a scanned card fills the party, and the 协议书 prints what was read', async () => {
    const card = CARDS[6];
    if (!card) throw new Error('no card');
    const p = card.person;
    const today = localDate(new Date());
    await page.goto(`${server.url}/`);
    await openScan(page);
    await page.getByRole('radio', { name: '邻里纠纷' }).check();
    await scanSide(page, 'front', await photograph(device.context, p, 'front', card.distortion, card.seed));
    await scanSide(page, 'back', await photograph(device.context, p, 'back', card.distortion, card.seed + 1));
    await page.getByTestId('id-scan-apply').click();
    await page.locator('#party-0-occupation').fill('农民');
    await page.locator('#party-0-phone').fill('13947598765');
    expect(await page.locator('#party-0-name').inputValue()).toBe(p.name);
    expect(await page.locator('#party-0-idIssuer').inputValue()).toBe(p.idIssuer);
    expect(await page.locator('#party-0-idValidity').inputValue()).toBe(p.idValidity);
    await page.screenshot({ path: join(OUT, 'party-filled.png'), fullPage: true });

    await page.locator('#party-1-name').fill('李国强');
    await page.getByTestId('party-1').getByRole('button', { name: /更多信息/ }).click();
    await page.locator('#party-1-idNumber').fill('150523197908220019');
    await page.getByTestId('party-1').getByText('已按身份证号填入').waitFor();
    await page.locator('#party-1-ethnicity').selectOption('汉族');
    await page.locator('#party-1-occupation').fill('农民');
    await page.locator('#party-1-phone').fill('13947591234');
    await page.locator('#party-1-address').fill('开鲁县开鲁镇五家村三组20号');
    await page.getByLabel('纠纷简要情况').fill('两家因院墙滴水发生争执。');
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    const caseId = page.url().split('/cases/')[1] ?? '';

    await page.getByTestId('action-session').click();
    await page.getByLabel('地点', { exact: true }).fill('五家村村委会调解室');
    await page.getByLabel('本次调解结果').fill('双方同意修檐沟');
    await page.getByTestId('submit').click();
    await page.getByTestId('timeline').waitFor();
    await page.getByTestId('action-agreement').click();
    await page.getByRole('radio', { name: '书面协议' }).check();
    await page.locator('#terms-0').fill('李国强在院墙上加装檐沟。');
    await page.locator('#performanceMethod').fill('自行施工');
    await page.locator('#performanceDeadline').fill(addDays(today, 20));
    await page.locator('#performancePlace').fill('五家村');
    await page.locator('#effectiveOn').fill(today);
    await page.getByTestId('submit').click();
    await page.getByTestId('agreement').waitFor();

    await page.goto(`${server.url}/cases/${caseId}/documents/agreement`);
    await page.locator('.doc-print-root .doc').first().waitFor({ state: 'attached' });
    const file = join(OUT, 'agreement.pdf');
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', file, join(OUT, 'agreement')]);
    const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8'));
    expect(text).toContain(p.name);
    expect(text).toContain(squash(p.address));
    expect(text).toContain(`${p.ethnicity}族`);
    expect(text).toContain(p.gender);
    expect(text).toContain(String(ageOn(p.birthDate, today)));
  }, 900_000);
});
