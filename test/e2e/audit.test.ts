// The audit log in the browser: a mediator's print of a case document (button or the browser's
// own menu: the beforeprint event) reaches the server's log; the county office then reads the log
// on /audit at 360 px and on a laptop, filters it by action and pages through it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDevice, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { signIn, syncNow, openFirstCase } from './flows.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';

let server: AppServer;
let phone: Device;
let laptop: Device;
let countyPhone: Device;

beforeAll(async () => {
  server = await startAppServer();
  phone = await openDevice();
  laptop = await openDevice({ width: 1366, height: 768 });
  countyPhone = await openDevice();
});

afterAll(async () => {
  await phone?.close();
  await laptop?.close();
  await countyPhone?.close();
  await server?.close();
});

const printed = () => server.store.read.selectFrom('audit_log').selectAll().where('action', '=', 'document.print').execute();

test('a print is logged; the county reads, filters and pages the log on a phone and a laptop', async () => {
  const page = phone.context.pages()[0] ?? (await phone.context.newPage());
  await signIn(page, server.url, 'tiaojie');
  await page.goto(`${server.url}/`);
  await syncNow(page);
  await openFirstCase(page);
  const caseId = new URL(page.url()).pathname.split('/')[2] ?? '';
  await page.goto(`${server.url}/cases/${caseId}/documents`);
  const ready = page.locator('[data-testid="docs-entry"][data-ready="yes"]').first();
  const docId = (await ready.getAttribute('data-doc')) ?? '';
  await page.goto(`${server.url}/cases/${caseId}/documents/${docId}`);
  await page.getByTestId('doc-print').waitFor();
  // What the browser fires before any print dialog (the 打印 button's window.print() or Ctrl+P).
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect.poll(async () => (await printed()).length, { timeout: 30_000 }).toBe(1);
  const [row] = await printed();
  expect(row).toMatchObject({ username: 'tiaojie', target: caseId, detail: docId, area_code: '150523100200' });

  // The county office opens cases on its desk (each one logged), then reads the log.
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'xian', password: DEMO_PASSWORD, clientId: crypto.randomUUID() }) });
  expect(login.status, await login.clone().text()).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const listed = await fetch(`${server.url}/api/cases?area=150523&pageSize=60`, { headers: { authorization: `Bearer ${token}` } });
  expect(listed.status, await listed.clone().text()).toBe(200);
  const list = (await listed.json()) as { cases: { id: string }[] };
  for (const c of list.cases) expect((await fetch(`${server.url}/api/cases/${c.id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

  // The mediator may not read it.
  await page.goto(`${server.url}/audit`);
  await page.getByText('审计日志只对司法局和系统管理员开放').waitFor();

  for (const [device, shot] of [[countyPhone, 'audit-360'], [laptop, 'audit-1366']] as const) {
    const p = device.context.pages()[0] ?? (await device.context.newPage());
    await signIn(p, server.url, 'xian');
    await p.goto(`${server.url}/audit`);
    await p.getByTestId('audit-row').first().waitFor();
    // The 60 views, the lists (ours and the desk's own) and the print: more than a page of fifty.
    const total = Number((await server.store.read.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('area_code', 'like', '150523%').executeTakeFirstOrThrow()).n);
    expect(total).toBeGreaterThanOrEqual(list.cases.length + 2);
    expect(await p.getByTestId('audit-total').textContent()).toBe(`共 ${total} 条`);
    expect(await p.getByTestId('audit-row').count()).toBe(50);
    await p.screenshot({ path: `test-results/${shot}.png`, fullPage: false });
    await p.getByTestId('audit-next').click();
    await expect.poll(() => p.getByTestId('audit-row').count(), { timeout: 30_000 }).toBe(total - 50);
    await p.getByLabel('操作').selectOption('document.print');
    await p.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => p.getByTestId('audit-total').textContent(), { timeout: 30_000 }).toBe('共 1 条');
    expect(await p.getByTestId('audit-row').first().textContent()).toContain('打印文书');
    expect(await p.getByTestId('audit-row').first().textContent()).toContain('tiaojie');
  }
});
