// Importing the county's 统计用区划代码 on /network/areas in a real browser against the real
// server (demo county), at 1280×800 and at 360×740: a file with a bad row is refused with the
// file and line named and nothing changes; a good file shows the dry-run preview (re-coded
// village old → new, the mediator account that follows it); 确认导入 writes it and the history
// shows the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { LAPTOP, PHONE, openDevice, type Device } from './browser.ts';
import { openLogin, passLock, signIn } from './flows.ts';

const kailu = readFileSync('/work/shared/fixtures/divisions/150523-kailu.csv', 'utf8');
let server: AppServer;
let dir: string;
beforeAll(async () => {
  server = await startAppServer();
  dir = mkdtempSync(join(tmpdir(), 'shuohe-areas-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}


const shot = async (page: Page, name: string) => {
  if (process.env.E2E_SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.E2E_SCREENSHOT_DIR, `${name}.png`), fullPage: true });
};

const villageScope = async (username: string) =>
  (await server.store.db.selectFrom('users').select('scope_code').where('username', '=', username).executeTakeFirstOrThrow()).scope_code;

/**
 * What the unlocked phone holds (both sealed at rest, issue #12): the session's scope and the
 * profile that stamps new cases, as 我的's account card shows them.
 */
async function phoneVillage(page: Page): Promise<{ scope?: string; village?: string }> {
  if (new URL(page.url()).pathname !== '/me') await page.goto(`${server.url}/me`);
  const area = page.getByTestId('account-area');
  if ((await area.count()) === 0) return {};
  return { scope: (await area.getAttribute('data-scope')) ?? undefined, village: (await area.getAttribute('data-village')) ?? undefined };
}

// 五家村's mediator is signed in on a phone before the county re-codes the village (below); the
// phone learns the new code at its next start (the last block).
let mediatorDevice: Device;
let mediatorPage: Page;
describe('the mediator of 五家村 on a phone, before the import', () => {
  it('signs in and the phone is on 150523100200', async () => {
    mediatorDevice = await openDevice(PHONE);
    mediatorPage = await mediatorDevice.context.newPage();
    mediatorPage.setDefaultTimeout(20_000);
    await openLogin(mediatorPage, server.url);
    await mediatorPage.getByLabel('用户名').fill('tiaojie');
    await mediatorPage.getByLabel('密码').fill('shuohe-2023');
    await mediatorPage.getByTestId('login-submit').click();
    await mediatorPage.waitForURL((url) => !url.pathname.startsWith('/login'));
    await passLock(mediatorPage);
    await expect.poll(() => phoneVillage(mediatorPage)).toEqual({ scope: '150523100200', village: '150523100200' });
  });
});

// Each run re-codes one more village; the second file keeps the first run's change, as the
// county's next file would.
const runs = [
  { label: 'laptop', viewport: LAPTOP, oldCode: '150523100200', newCode: '150523100298', village: '五家村委会', mediator: 'tiaojie' },
  { label: 'phone', viewport: PHONE, oldCode: '150523101200', newCode: '150523101298', village: '榆树村委会', mediator: 'tiaojie2' },
];

describe.each(runs.map((run, index) => ({ ...run, index })))('importing area codes on /network/areas ($label)', ({ label, viewport, oldCode, newCode, village, mediator, index }) => {
  let device: Device;
  let page: Page;
  beforeAll(async () => {
    device = await openDevice(viewport);
    page = await device.context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, server.url, 'xian');
  });
  afterAll(async () => {
    await device?.close();
  });

  const recoded = runs.slice(0, index + 1).reduce((text, r) => text.replace(`${r.oldCode},${r.village}`, `${r.newCode},${r.village}`), kailu);

  it('checks the demo data has the village and its mediator', async () => {
    expect(kailu).toContain(`${oldCode},${village}`);
    expect(await villageScope(mediator)).toBe(oldCode);
  });

  it('refuses a file with a bad row, naming the file and the line; nothing changes', async () => {
    await page.goto(`${server.url}/network`);
    await page.getByTestId('areas-link').click();
    await page.waitForURL((url) => url.pathname === '/network/areas');
    const form = page.getByTestId('area-import');
    const lines = recoded.trimEnd().split('\n');
    await form.getByTestId('areas-file').setInputFiles(file(`bad-${label}.csv`, `${lines.join('\n')}\n150523100301,,village,150523100\n`));
    await form.getByTestId('areas-preview').click();
    const problems = form.getByTestId('areas-problems');
    await expect.poll(() => problems.textContent()).toContain('没有导入');
    expect(await problems.textContent()).toContain(`bad-${label}.csv 第 ${lines.length + 1} 行`);
    expect(await problems.textContent()).toContain('区划代码 150523100301 缺少名称');
    await shot(page, `areas-refused-${label}`);
    expect(await villageScope(mediator)).toBe(oldCode);
  });

  it('previews the re-coded village and the mediator account that moves, then imports on 确认导入', async () => {
    const form = page.getByTestId('area-import');
    await form.getByTestId('areas-file').setInputFiles(file(`kailu-${label}.csv`, recoded));
    await form.getByTestId('areas-preview').click();
    const preview = form.getByTestId('areas-preview-result');
    await preview.waitFor();
    expect(await preview.getByTestId('areas-summary').textContent()).toContain('预览（还没有导入）');
    expect(await preview.getByTestId('areas-recoded').textContent()).toContain(`${village}：${oldCode} → ${newCode}`);
    expect(await preview.getByTestId('areas-accounts').textContent()).toContain(`（${mediator}）：${oldCode} → ${newCode}`);
    // The preview wrote nothing.
    expect(await villageScope(mediator)).toBe(oldCode);
    await shot(page, `areas-preview-${label}`);

    await preview.getByTestId('areas-confirm').click();
    const done = form.getByTestId('areas-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('已导入');
    expect(await done.getByTestId('areas-recoded').textContent()).toContain(`${oldCode} → ${newCode}`);
    expect(await villageScope(mediator)).toBe(newCode);
    await expect.poll(() => page.getByTestId('areas-history').textContent()).toContain(`${oldCode} → ${newCode}`);
    await shot(page, `areas-done-${label}`);
  });
});

describe('the mediator\'s phone after the import', () => {
  afterAll(async () => {
    await mediatorDevice?.close();
  });

  it('takes the new village code at its next start, from the account', async () => {
    await mediatorPage.reload();
    await expect.poll(() => phoneVillage(mediatorPage), { timeout: 20_000 }).toEqual({ scope: '150523100298', village: '150523100298' });
  });
});
