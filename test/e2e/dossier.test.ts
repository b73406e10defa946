// A mediator's own case prints its whole 卷宗, on the phone (360×740) against the real server (demo
// county). Registered through the 受理 form with two parties — 王桂兰 with her 民族 (picked from the
// list), 职业, 住址 and 工作单位, and a company with its 法定代表人 — then a 调解 and the 书面协议 with
// its payment typed as "5万". The company's 统一社会信用代码 is left out at first: the 全卷 is then
// not printed but lists it, and its 去填写 opens the edit screen with the cursor in that very input
// (a wrong code is refused on the spot). Once entered, every 卷宗 document is ready with no
// missing-field notice; the whole volume and the 司法确认 package print as PDFs in which pdftotext
// finds 民族, 住址, the code and the sum in figures and 大写; pages are rendered as PNGs to look at.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow } from './flows.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { amountInFigures, amountInWords } from '../../src/shared/money.ts';
import { addDays, localDate } from '../../src/shared/dates.ts';

const OUT = join(new URL('../..', import.meta.url).pathname, 'test-results', 'dossier');
let server: AppServer;
let device: Device;
let page: Page;
let caseId = '';
const today = localDate(new Date());
const squash = (s: string) => s.replace(/\s+/g, '');
const COMPANY = '开鲁县丰收农机有限公司';
const CODE = '91440300708461136T'; // a real, valid code (GB 32100 check character T)
const PERSON = { name: '王桂兰', idNumber: '150523197908220027', ethnicity: '蒙古族', address: '开鲁县开鲁镇五家村三组18号', employer: '五家村小学' };
const COMPANY_ADDRESS = '开鲁县开鲁镇工业园区8号';

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

/** Prints the route to A4 as Chromium does, reads it back with pdftotext (one string a page) and renders PNGs. */
async function printPdf(path: string, name: string): Promise<string[]> {
  await page.goto(`${server.url}${path}`);
  await page.locator('.doc-print-root .doc').first().waitFor({ state: 'attached' });
  const file = join(OUT, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  execFileSync('pdftoppm', ['-png', '-r', '50', file, join(OUT, name)]);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').split('\f').slice(0, -1).map(squash);
}

async function openMore(index: number): Promise<void> {
  await page.getByTestId(`party-${index}`).getByRole('button', { name: /更多信息/ }).click();
}

describe('a case made on the phone prints its whole 卷宗', () => {
  it('registers the case through the 受理 form: a person with 民族, 住址, 工作单位 and a company with its 法定代表人', async () => {
    await signIn(page, server.url, 'tiaojie');
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('nav-plus').click();
    await page.getByRole('radio', { name: '合同纠纷' }).check();
    await page.locator('#party-0-name').fill(PERSON.name);
    await openMore(0);
    await page.locator('#party-0-idNumber').fill(PERSON.idNumber);
    await page.getByText('已按身份证号填入').waitFor();
    await page.locator('#party-0-phone').fill('13947598765');
    // 民族 is a list: the usual groups first, 其他 last.
    const options = await page.locator('#party-0-ethnicity option').allTextContents();
    expect(options.slice(1, 5)).toEqual(['汉族', '蒙古族', '回族', '满族']);
    expect(options).toHaveLength(58);
    expect(options.at(-1)).toBe('其他');
    await page.locator('#party-0-ethnicity').selectOption(PERSON.ethnicity);
    await page.locator('#party-0-occupation').fill('教师');
    await page.locator('#party-0-address').fill(PERSON.address);
    await page.locator('#party-0-employer').fill(PERSON.employer);

    await page.locator('#party-1-kind').getByRole('radio', { name: '单位' }).check();
    await page.getByLabel('单位名称').fill(COMPANY);
    await openMore(1);
    // A 单位 has no 性别 or 民族 to give.
    expect(await page.locator('#party-1-gender').count()).toBe(0);
    expect(await page.locator('#party-1-ethnicity').count()).toBe(0);
    await page.locator('#party-1-legalRep').fill('赵刚');
    await page.locator('#party-1-phone').fill('0475-6212345');
    await page.locator('#party-1-address').fill(COMPANY_ADDRESS);

    await page.getByLabel('纠纷简要情况').fill(`${PERSON.name}向${COMPANY}购买的播种机不能使用，要求退款。`);
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.locator('#mediationPublic').getByRole('radio', { name: '不公开调解' }).check();
    await page.locator('#claims').fill('退还货款五万元');
    await page.locator('#place').fill('开鲁镇五家村');
    await page.screenshot({ path: join(OUT, 'new-case.png'), fullPage: true });
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    caseId = page.url().split('/cases/')[1] ?? '';

    await page.getByTestId('action-session').click();
    await page.getByLabel('地点', { exact: true }).fill('五家村村委会调解室');
    await page.getByLabel('本次调解结果').fill('双方同意退机退款');
    await page.getByTestId('submit').click();
    await page.getByTestId('timeline').waitFor();
  });

  it('records the 书面协议 with its payment typed as "5万" (人民币伍万元整)', async () => {
    await page.getByTestId('action-agreement').click();
    await page.getByRole('radio', { name: '书面协议' }).check();
    await page.locator('#terms-0').fill(`${PERSON.name}将播种机退还${COMPANY}，公司退还货款。`);
    await page.locator('#hasMoney').check();
    const money = page.getByTestId('money-term');
    await money.locator('#money-0-payer').getByRole('radio', { name: COMPANY }).check();
    await money.locator('#money-0-payee').getByRole('radio', { name: PERSON.name }).check();
    await page.locator('#money-0-amount').fill('5万');
    await page.getByTestId('money-term').filter({ hasText: '人民币伍万元整' }).waitFor();
    await page.locator('#money-0-method').fill('银行转账');
    await page.locator('#money-0-deadline').fill(addDays(today, 10));
    await page.locator('#money-0-place').fill('五家村村委会调解室');
    await page.locator('#performanceMethod').fill('退机当场交付；货款银行转账');
    await page.locator('#performanceDeadline').fill(addDays(today, 20));
    await page.locator('#performancePlace').fill('开鲁县丰收农机有限公司门市部');
    await page.locator('#effectiveOn').fill(today);
    await page.getByTestId('submit').click();
    await page.getByTestId('agreement').waitFor();
    expect(await page.getByTestId('agreement-money').textContent()).toContain('人民币50,000.00元（大写：人民币伍万元整）');
  });

  it('records 防止转化为刑事案件 with 已报告公安 (人民调解法 Art 25): asked only beside that flag, shown on the case, kept on the server', async () => {
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByTestId('edit-flags').click();
    await page.locator('#flag-criminal').waitFor();
    // The question belongs to a dispute that may turn criminal: it appears with that flag only.
    expect(await page.locator('#policeReported').count()).toBe(0);
    await page.locator('#flag-criminal').check();
    await page.locator('#prevention-criminal').fill('2');
    await page.locator('#policeReported').check();
    await page.screenshot({ path: join(OUT, 'flags-police.png'), fullPage: true });
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    await expect.poll(() => page.getByTestId('flags-summary').textContent(), { timeout: 30_000 }).toContain('已报告公安机关');
    expect(await page.getByTestId('flags-summary').textContent()).toContain('防止民间纠纷转化为刑事案件（2 人）');
    await syncNow(page);
    const row = await server.store.db.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.data) as CaseRecord;
    expect(stored.policeReported).toBe(true);
    expect(stored.prevention.criminal).toBe(2);
  });

  it('打印全卷 lists the missing 信用代码; its 去填写 puts the cursor in that input; a wrong code is refused at once', async () => {
    await page.goto(`${server.url}/cases/${caseId}/documents`);
    const blocked = page.getByTestId('docs-print-all-blocked');
    await blocked.waitFor();
    expect(await page.getByTestId('docs-print-all').count()).toBe(0);
    const fields = await blocked.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    expect(fields).toEqual(['private.parties.1.creditCode']);
    await page.screenshot({ path: join(OUT, 'documents-blocked.png'), fullPage: true });
    // The volume itself refuses too: no sheets, no print button.
    await page.goto(`${server.url}/cases/${caseId}/documents/all`);
    await page.getByTestId('doc-missing').waitFor();
    expect(await page.locator('.doc-print-root .doc').count()).toBe(0);
    expect(await page.getByTestId('doc-print').count()).toBe(0);

    await page.goto(`${server.url}/cases/${caseId}/documents`);
    await page.getByTestId('docs-print-all-blocked').getByRole('link', { name: '去填写' }).click();
    await page.waitForURL(/\/edit\?field=parties\.1\.creditCode$/);
    await page.waitForFunction(() => document.activeElement?.id === 'party-1-creditCode');
    await page.screenshot({ path: join(OUT, 'fix-focused.png') });
    await page.keyboard.type('91440300708461136U');
    await page.getByText('统一社会信用代码不正确').waitFor();
    await page.locator('#party-1-creditCode').fill(CODE.toLowerCase());
    await page.getByText('统一社会信用代码不正确').waitFor({ state: 'detached' });
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    await syncNow(page);
    // The server took the parties as sent, the code upper-cased.
    const row = await server.store.db.selectFrom('cases').select('data').where('id', '=', caseId).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.data) as CaseRecord;
    expect(stored.private.parties[1]).toMatchObject({ kind: '单位', name: COMPANY, legalRep: '赵刚', creditCode: CODE, address: COMPANY_ADDRESS });
    expect(stored.private.parties[0]).toMatchObject({ ethnicity: PERSON.ethnicity, address: PERSON.address, employer: PERSON.employer, occupation: '教师' });
  });

  it('every 卷宗 document is ready; the volume and the 司法确认 package print with 民族, 住址, the code and the sum in figures and 大写', async () => {
    await page.goto(`${server.url}/cases/${caseId}/documents`);
    await page.getByTestId('docs-print-all').waitFor();
    expect(await page.getByTestId('doc-missing').count()).toBe(0);
    const entries = await page.getByTestId('docs-entry').evaluateAll((els) => els.map((e) => [e.getAttribute('data-doc'), e.getAttribute('data-ready')]));
    // The 口头协议登记表 is for an oral agreement: this one is written.
    const notReady = entries.filter(([doc, ready]) => ready !== 'yes' && doc !== 'oral-agreement');
    expect(notReady).toEqual([]);
    for (const doc of ['application', 'notice', 'session-1', 'agreement', 'cover', 'contents', 'back-cover', 'confirmation']) {
      expect(entries.map(([d]) => d)).toContain(doc);
    }
    await page.screenshot({ path: join(OUT, 'documents-ready.png'), fullPage: true });
    // The page count the button promises (and the 卷内目录 numbers) is the one Chromium prints.
    const promised = Number(/（(\d+) 页）/.exec((await page.getByTestId('docs-print-all').textContent()) ?? '')?.[1]);

    const yuan = 50_000;
    const volume = await printPdf(`/cases/${caseId}/documents/all`, 'volume');
    expect(volume).toHaveLength(promised);
    const all = volume.join('');
    expect(all).toContain('申请书');
    expect(all).toContain('人民调解协议书');
    expect(all).toContain(squash(`民族：${PERSON.ethnicity}`));
    expect(all).toContain(PERSON.address);
    expect(all).toContain(PERSON.employer);
    expect(all).toContain(COMPANY_ADDRESS);
    expect(all).toContain(`统一社会信用代码：${CODE}`);
    expect(all).toContain('法定代表人（负责人）：赵刚');
    expect(all).toContain(squash(amountInFigures(yuan)));
    expect(all).toContain(amountInWords(yuan));
    expect(all).toContain('单位印章');
    // Art 23 on the 调解记录; the agreement's own 履行地点 beside its way and time.
    expect(all).toContain('依当事人要求，本次调解不公开进行。');
    expect(all).toContain('履行地点：开鲁县丰收农机有限公司门市部');
    // Art 25 on the last 调解记录, where the 卷宗 records what the committee did about escalation.
    expect(all).toContain('本纠纷有激化可能，人民调解委员会已向当地公安机关报告。');

    const pkg = await printPdf(`/cases/${caseId}/documents/confirmation`, 'confirmation');
    expect(pkg[0]).toContain('司法确认申请书');
    const text = pkg.join('');
    expect(text).toContain(PERSON.idNumber);
    expect(text).toContain(CODE);
    expect(text).toContain(amountInWords(yuan));
  });

  it('公开/不公开 once picked can be cleared again on the edit screen; the case and the server then have none, and the 调解记录 drops the line', async () => {
    await page.goto(`${server.url}/cases/${caseId}`);
    await expect.poll(() => page.getByTestId('detail-mediationPublic').textContent(), { timeout: 30_000 }).toBe('不公开调解');
    await page.getByTestId('edit-case').click();
    const publicity = page.locator('#mediationPublic');
    await publicity.getByRole('radio', { name: '不公开调解' }).waitFor();
    expect(await publicity.getByRole('radio', { name: '不公开调解' }).isChecked()).toBe(true);
    await publicity.screenshot({ path: join(OUT, 'publicity-clear.png') });
    await publicity.getByRole('button', { name: '清除“公开或不公开调解”的选择' }).click();
    expect(await publicity.getByRole('radio', { checked: true }).count()).toBe(0);
    // Nothing picked: nothing left to clear.
    expect(await publicity.getByRole('button', { name: /清除/ }).count()).toBe(0);
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    await expect.poll(() => page.getByTestId('detail-mediationPublic').count(), { timeout: 30_000 }).toBe(0);
    await syncNow(page);
    // Not refused into 待核对: the server took the clear, and the key is gone from the record.
    await expect.poll(async () => {
      const row = await server.store.db.selectFrom('cases').select(['data']).where('id', '=', caseId).executeTakeFirstOrThrow();
      const stored = JSON.parse(row.data) as CaseRecord;
      return { has: 'mediationPublic' in stored, review: stored.needsReview };
    }, { timeout: 30_000 }).toEqual({ has: false, review: false });
    const volume = await printPdf(`/cases/${caseId}/documents/all`, 'volume-cleared');
    const all = volume.join('');
    expect(all).not.toContain('本次调解不公开进行');
    expect(all).not.toContain('本次调解公开进行');
  });
});
