// The 卷宗 documents in real Chromium: sample cases are stored in the app's IndexedDB through a
// test-only seed page on the same origin, then every document route is printed to A4 PDF.
// pdftotext (poppler) must find every printed value of the model — nothing clipped or lost — the
// page count must equal the estimate that numbers the 卷内目录, and the 全卷 print must carry the
// 目录's page numbers. Page images go to /tmp/docs-png/ for a human look.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { serveStatic } from '../bench/static-server.ts';
import { caseFile, caseVolume } from '../../src/shared/documents/build.ts';
import type { DocumentModel } from '../../src/shared/documents/types.ts';
import { localDate } from '../../src/shared/dates.ts';
import { completeCase, event, incompleteCase, longCase, oralCase, type SampleCase } from '../support/document-cases.ts';
import type { CaseEvent } from '../../src/shared/events.ts';
import type { AttachmentData } from '../../src/shared/attachments.ts';
import { setPinIfAsked } from './flows.ts';

const root = new URL('../..', import.meta.url).pathname;
const PNG_DIR = '/tmp/docs-png';
/** The A4 text column (174 mm) in CSS px, for the print-layout overflow check. */
const A4_TEXT_PX = Math.floor((174 / 25.4) * 96);

/** Two evidence photos (metadata only: the bytes never reached this phone), one of them wrong. */
function photoCase(): SampleCase {
  const c = completeCase({ caseNo: '（2026）开鲁调字第44号' });
  const photo = (n: number, name: string, takenAt: string): CaseEvent => {
    const data: AttachmentData = { sha256: String(n).repeat(64), size: 2048, mime: 'image/jpeg', name, purpose: '证据', takenAt };
    return event(c.record.id, { kind: 'attachment', data }, takenAt);
  };
  return { ...c, events: [...c.events, photo(1, '借条照片.jpg', '2026-11-04T02:00:00.000Z'), photo(2, '无关路人.jpg', '2026-11-04T02:10:00.000Z')] };
}

const cases: Record<string, SampleCase> = { complete: completeCase(), oral: oralCase(), long: longCase(), incomplete: incompleteCase(), photos: photoCase() };

let site: string;
let server: { url: string; close(): Promise<void> };
let device: Device;
let page: Page;
let pdfDir: string;

beforeAll(async () => {
  // A private copy of the build (other test files rebuild dist/), plus the seed page under /seed/.
  site = mkdtempSync(join(tmpdir(), 'shuohe-docs-site-'));
  cpSync(process.env.E2E_DIST ?? join(root, 'dist'), site, { recursive: true });
  // Another test file may be rebuilding dist/ at this moment; a half copy would fail obscurely later.
  for (const file of ['index.html', 'sw.js', 'manifest.webmanifest']) expect(existsSync(join(site, file)), `dist/${file}`).toBe(true);
  await build({
    root: join(root, 'test/e2e/documents-seed'), logLevel: 'warn', configFile: false, base: '/seed/',
    build: { outDir: join(site, 'seed'), emptyOutDir: true },
  });
  pdfDir = mkdtempSync(join(tmpdir(), 'shuohe-docs-pdf-'));
  rmSync(PNG_DIR, { recursive: true, force: true });
  mkdirSync(PNG_DIR, { recursive: true });
  server = await serveStatic(site);
  device = await openDevice();
  page = await device.context.newPage();
  page.setDefaultTimeout(15_000);
  // Seed before any app page loads, so no service worker answers for /seed/ with the app shell.
  await page.goto(`${server.url}/seed/index.html`);
  await page.waitForFunction(() => document.title === 'ready');
  const all = Object.values(cases);
  const stored = await page.evaluate(
    ([records, events]) => (window as unknown as { seed: { put(r: unknown[], e: unknown[]): Promise<number> } }).seed.put(records, events),
    [all.map((c) => c.record), all.flatMap((c) => c.events)] as const,
  );
  expect(stored).toBe(all.length);
  // The first app page asks for a PIN and seals the seeded records (the migration of an older
  // install); every later page load unlocks with it.
  // `/` shows the prerendered residents' home until the app finds the seeded cases and reloads
  // into the work side: wait for that lock, or the first test's navigation races the reload.
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.documentElement.dataset.lock !== undefined && document.querySelector('.shell.public') === null);
  await setPinIfAsked(page);
});

afterAll(async () => {
  await device?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
  if (pdfDir) rmSync(pdfDir, { recursive: true, force: true });
});

const options = () => ({ today: localDate(new Date()) });
const squash = (text: string) => text.replace(/\s+/g, '');

/** Every string the model prints (the content's leaves), each of which must be in the PDF. */
function printedStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(printedStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(printedStrings);
  return [];
}

interface Printed {
  file: string;
  pages: number;
  /** Text of each page, whitespace removed. */
  texts: string[];
}

async function printRoute(path: string, name: string): Promise<Printed> {
  await page.goto(`${server.url}${path}`);
  await page.locator('.doc-print-root .doc').first().waitFor({ state: 'attached' });
  const file = join(pdfDir, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  const texts = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').split('\f').slice(0, -1).map(squash);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(PNG_DIR, name)]);
  return { file, pages: texts.length, texts };
}

/** The page number printed in the top margin of each page ('' where none), read in layout order. */
function marginNumbers(file: string): string[] {
  const pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).toString('utf8').split('\f').slice(0, -1);
  return pages.map((text) => {
    const first = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
    return /^\d+$/.test(first) ? first : '';
  });
}

/** The body text of a document, with the running header (repeated on every page) taken out. */
function bodyText(doc: DocumentModel, printed: Printed): string {
  const running = [squash(`卷号${doc.caseLabel}`), squash(`校验码${doc.integrityCode}`)];
  return printed.texts.map((t) => running.reduce((s, r) => s.split(r).join(''), t)).join('');
}

type Volume = ReturnType<typeof caseVolume>;

/**
 * Walks the PDF sheet by sheet: each document occupies its pages (found by its code), each insert
 * sheet one page; the 页号 printed top right must be where the 目录 says it is, the 封底 last.
 */
function expectNumberedAsContents(volume: Volume, printed: Printed): void {
  const contents = volume.sheets.find((s) => s.type === 'document' && s.doc.kind === 'contents');
  if (contents?.type !== 'document' || contents.doc.kind !== 'contents') throw new Error('no 目录');
  const numbers = marginNumbers(printed.file);
  const starts: string[] = [];
  let at = 0;
  for (const sheet of volume.sheets) {
    if (sheet.type === 'insert') {
      expect(printed.texts[at], sheet.title).toContain(squash(sheet.title));
      expect(numbers[at], 'an insert sheet is not numbered').toBe('');
      starts.push(sheet.range);
      at += 1;
      continue;
    }
    for (let i = 0; i < sheet.doc.pages; i++) expect(printed.texts[at + i], `${sheet.doc.id} page ${i + 1}`).toContain(sheet.doc.integrityCode);
    const pageNumbers = numbers.slice(at, at + sheet.doc.pages);
    if (sheet.doc.kind === 'cover' || sheet.doc.kind === 'contents') {
      expect(pageNumbers.every((n) => n === ''), `${sheet.doc.id} is not numbered`).toBe(true);
    } else {
      starts.push(pageNumbers.length === 1 ? (pageNumbers[0] ?? '') : `${pageNumbers[0]}-${pageNumbers.at(-1)}`);
    }
    at += sheet.doc.pages;
  }
  expect(at).toBe(printed.pages);
  expect(starts).toEqual(contents.doc.content.rows.map((r) => r.pages));
  const last = volume.sheets.at(-1);
  expect(last?.type === 'document' && last.doc.kind, 'the 封底 closes the volume').toBe('back-cover');
  expect(contents.doc.content.rows.at(-1)?.title).toBe('封底');
  expect(printed.texts.at(-1)).toContain('备考表');
}

describe('卷宗 documents printed to A4', () => {
  for (const name of ['complete', 'oral', 'long'] as const) {
    it(`${name} case: every document prints all its fields on the estimated number of pages`, async () => {
      const c = cases[name] as SampleCase;
      const entries = caseFile(c.record, c.events, options());
      expect(entries.every((e) => e.result.ok), entries.filter((e) => !e.result.ok).map((e) => e.id).join()).toBe(true);
      for (const entry of entries) {
        if (!entry.result.ok) continue;
        const doc = entry.result.doc;
        const printed = await printRoute(`/cases/${c.record.id}/documents/${entry.id}`, `${name}-${entry.id}`);
        expect(printed.pages, `${entry.id}: pages`).toBe(doc.pages);
        // The 司法确认 package is four papers (申请书, 清单, 协议书, 证明), each on its own sheets.
        expect(printed.pages, `${entry.id}: a reasonable length`).toBeLessThanOrEqual(doc.kind === 'confirmation' ? 12 : 8);
        // The running header repeats on every page: case label and integrity code.
        for (const text of printed.texts) expect(text, `${entry.id}: running header`).toContain(squash(`校验码${doc.integrityCode}`));
        const body = bodyText(doc, printed);
        const heading = doc.kind === 'confirmation' ? '人民调解委员会主持调解证明' : doc.kind === 'cover' ? '调解卷宗' : doc.kind === 'back-cover' ? '备考表' : doc.title;
        expect(body, entry.id).toContain(heading);
        for (const value of printedStrings(doc.content)) expect(body, `${entry.id}: ${value}`).toContain(squash(value));
      }
    });
  }

  it('协议书 of three parties: three signature/fingerprint blocks and 一式四份', async () => {
    const c = cases.complete as SampleCase;
    const printed = await printRoute(`/cases/${c.record.id}/documents/agreement`, 'check-agreement');
    const body = printed.texts.join('');
    expect(body).toContain('本协议一式四份，当事人、人民调解委员会各持一份。');
    // Each party may sign, seal or press a finger (Art 29): the seal is printed with the signature.
    expect(body.split('签名（盖章）或按指印').length - 1).toBe(3);
    // Per party one 按指印 box and one "签名（盖章）或按指印" line, plus the word in the statutory effect clause.
    expect(body.split('按指印').length - 1).toBe(3 + 3 + 1);
    expect(await page.locator('.doc-print-root [data-testid="doc-signer"]').count()).toBe(3);
    for (const term of c.record.agreement?.terms ?? []) expect(body).toContain(squash(term));
  });

  it('司法确认材料 carry unmasked identity numbers and phones, and the category warning shows on screen only', async () => {
    const c = cases.long as SampleCase; // its agreement settles who owns the land (物权确权): not confirmable
    const printed = await printRoute(`/cases/${c.record.id}/documents/confirmation`, 'check-confirmation');
    const body = printed.texts.join('');
    for (const p of c.record.private.parties) {
      expect(body).toContain(p.idNumber);
      expect(body).toContain(p.phone);
    }
    await expect.poll(() => page.getByTestId('doc-warning').first().textContent()).toContain('物权确权');
    expect(body).not.toContain('物权确权');
  });

  it('nothing overflows its box in the print layout', async () => {
    const c = cases.long as SampleCase;
    await page.setViewportSize({ width: A4_TEXT_PX, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    try {
      for (const entry of caseFile(c.record, c.events, options())) {
        await page.goto(`${server.url}/cases/${c.record.id}/documents/${entry.id}`);
        await page.locator('.doc-print-root .doc').first().waitFor({ state: 'attached' });
        const overflowing = await page.evaluate(`(() => {
          const out = [];
          for (const el of document.querySelectorAll('.doc-print-root .doc, .doc-print-root .doc *')) {
            if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) out.push(el.className || el.tagName);
          }
          const root = document.querySelector('.doc-print-root');
          if (root.scrollWidth > ${A4_TEXT_PX} + 1) out.push('root ' + root.scrollWidth);
          return out;
        })()`);
        expect(overflowing, entry.id).toEqual([]);
      }
    } finally {
      // null, not 'screen': page.pdf() honours an emulated media type and would print the screen.
      await page.emulateMedia({ media: null });
      await page.setViewportSize(PHONE);
    }
  });

  it('the 全卷 print numbers its pages exactly as the 卷内目录 lists them', async () => {
    const c = cases.complete as SampleCase;
    const opts = { ...options(), attachmentPages: { identity: 2, evidence: 3 } };
    const volume = caseVolume(c.record, c.events, opts);
    const contents = volume.sheets.find((s) => s.type === 'document' && s.doc.kind === 'contents');
    if (contents?.type !== 'document' || contents.doc.kind !== 'contents') throw new Error('no 目录');
    const printed = await printRoute(`/cases/${c.record.id}/documents/all?identity=2&evidence=3`, 'volume');

    expectNumberedAsContents(volume, printed);
    expect(contents.doc.content.rows.map((r) => r.title)).toContain('人民调解证据材料');
  });
});

describe('withdrawing a photo, then the 全卷', () => {
  it('at 360 px: the photo leaves the case with an audit line, and the 全卷 prints without it, the 封底 last', async () => {
    const c = cases.photos as SampleCase;
    const reason = '照片里是与本案无关的路人';
    await page.goto(`${server.url}/cases/${c.record.id}`);
    const section = page.getByTestId('attachments');
    await section.locator('.thumb-item').first().waitFor();
    // Photos are read from IndexedDB one by one: wait for both.
    await expect.poll(() => section.locator('.thumb-item').count()).toBe(2);
    await section.getByRole('button', { name: /无关路人/ }).click();
    const viewer = page.getByTestId('photo-viewer');
    await viewer.getByTestId('attach-withdraw').click();
    // A reason is required: 确认撤回 without one says so and withdraws nothing.
    await viewer.getByTestId('withdraw-confirm').click();
    await expect.poll(() => viewer.locator('.error').textContent()).toBe('请写明撤回原因');
    await viewer.getByLabel('撤回原因').fill(reason);
    await page.screenshot({ path: join(PNG_DIR, 'withdraw-form.png') });
    const box = await viewer.getByTestId('withdraw-confirm').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await viewer.getByTestId('withdraw-confirm').click();
    await viewer.waitFor({ state: 'detached' });
    await page.getByTestId('flash').filter({ hasText: '照片已撤回' }).waitFor();
    await expect.poll(() => section.locator('.thumb-item').count()).toBe(1);
    await expect.poll(() => section.textContent()).not.toContain('无关路人');
    // The timeline keeps who, when and why — not the photo.
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => timeline.textContent()).toContain(`撤回了一张证据照片。原因：${reason}`);
    expect(await timeline.textContent()).not.toContain('无关路人');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await timeline.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(PNG_DIR, 'withdraw-timeline.png') });

    // A 卷宗情况说明, written on the document list.
    const explanation = '被申请人李五外出务工，协议书由其本人回村后补签。';
    await page.goto(`${server.url}/cases/${c.record.id}/documents`);
    await page.getByTestId('explanation').getByLabel('新写一段说明').fill(explanation);
    await page.getByTestId('explanation-save').click();
    await page.getByTestId('explanation-paragraph').waitFor();
    await page.getByTestId('explanation').screenshot({ path: join(PNG_DIR, 'explanation-editor.png') });
    const ids = () => page.getByTestId('docs-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-doc')));
    await expect.poll(async () => (await ids()).slice(-3)).toEqual(['explanation', 'back-cover', 'confirmation']);

    // The same case as the model sees it now: the withdrawal supersedes the wrong photo.
    const wrong = c.events.find((e) => e.kind === 'attachment' && e.data.name === '无关路人.jpg') as CaseEvent;
    const now = new Date().toISOString();
    const events = [
      ...c.events,
      { ...event(c.record.id, { kind: 'note', data: { text: reason, topic: 'withdrawal' } }, now), supersedes: wrong.id } as CaseEvent,
      event(c.record.id, { kind: 'note', data: { text: explanation, topic: 'file-explanation' } }, now),
    ];
    const opts = { ...options(), checker: '孙立平' };
    const volume = caseVolume(c.record, events, opts);
    const printed = await printRoute(`/cases/${c.record.id}/documents/all?checker=${encodeURIComponent('孙立平')}`, 'withdrawn-volume');
    expectNumberedAsContents(volume, printed);
    const all = printed.texts.join('');
    expect(all).not.toContain('无关路人');
    expect(all).toContain('借条照片.jpg');
    expect(all).toContain(squash(explanation));
    const back = printed.texts.at(-1) ?? '';
    for (const line of ['本卷共10件，15页，其中照片1张。', '另有1张照片已从本案撤回', '孙立平']) expect(back).toContain(squash(line));
    expect(marginNumbers(printed.file).at(-1)).toBe('16');
  });
});

describe('document screens', () => {
  it('an incomplete case lists what is missing, with links to fill it, instead of the document', async () => {
    const c = cases.incomplete as SampleCase;
    await page.goto(`${server.url}/cases/${c.record.id}/documents/application`);
    const missing = page.getByTestId('doc-missing');
    await missing.waitFor();
    await expect.poll(() => missing.locator('li').count()).toBe(6);
    expect(await missing.locator('li').first().textContent()).toContain('申请人张三：未填写性别');
    expect(await missing.locator('a').first().getAttribute('href')).toBe(`/cases/${c.record.id}/edit?field=parties.0.gender`);
    expect(await page.getByTestId('doc-print').count()).toBe(0);

    await page.goto(`${server.url}/cases/${c.record.id}/documents/agreement`);
    await page.getByTestId('doc-missing').waitFor();
    await expect.poll(() => page.getByTestId('doc-missing').textContent()).toContain('还没有记录调解协议');
    expect(await page.getByTestId('doc-missing').locator('a').getAttribute('href')).toBe(`/cases/${c.record.id}/agreement`);

    await page.goto(`${server.url}/cases/${c.record.id}/documents`);
    await page.getByTestId('docs-entry').first().waitFor();
    const ready = () => page.getByTestId('docs-entry').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-doc')}:${e.getAttribute('data-ready')}`));
    await expect.poll(ready).toEqual(['cover:yes', 'contents:no', 'application:no', 'notice:yes', 'session-1:no', 'agreement:no', 'back-cover:no']);
  });

  it('at 360 px a document reads on screen with a big 打印 button and no sideways scrolling', async () => {
    const c = cases.complete as SampleCase;
    await page.goto(`${server.url}/cases/${c.record.id}/documents/agreement`);
    const button = page.getByTestId('doc-print');
    await button.waitFor();
    const box = await button.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    const preview = page.getByTestId('doc-preview');
    await expect.poll(() => preview.textContent()).toContain('经调解，自愿达成如下协议');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const fontPx = await preview.locator('.doc-para').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(14);
    // 打印 calls window.print(); stub it to see that it is wired.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await button.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  });

  it('opens documents with no network once the app is installed', async () => {
    const c = cases.oral as SampleCase;
    await page.goto(`${server.url}/cases/${c.record.id}/documents`);
    // Bounded: if the worker never registers, say so instead of hanging until the test timeout.
    const isReady = await page.evaluate(() =>
      Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000))]),
    );
    expect(isReady, 'service worker registered').toBe(true);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await device.context.setOffline(true);
    try {
      await page.goto(`${server.url}/cases/${c.record.id}/documents/oral-agreement`);
      await page.getByTestId('doc-print').waitFor();
      await expect.poll(() => page.getByTestId('doc-preview').textContent()).toContain('李四当面向张三赔礼道歉');
    } finally {
      await device.context.setOffline(false);
    }
  });
});
