// A resident's 申请调解 reaches the committee and the answer comes back: on a 360×740 phone the
// first visit installs the service worker, the request is filled in with the network off and shown
// as 待发送, then 已送达 with its number when the network is back. The village mediator (real
// server, demo county) signs in, sees it under 新申请 with both names masked, and 受理 opens the
// 受理登记 form filled in from it; the resident's phone then shows 已受理, after a reload too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { waitForOfflineReady, signIn } from './flows.ts';
import { requestNumber } from '../../src/shared/public-api.ts';

let server: AppServer;
let residentDevice: Device;
let mediatorDevice: Device;
let resident: Page;
let mediator: Page;

const FACTS = '邻居家的排水沟把雨水引到我家院子里，说了几次都不改。';

beforeAll(async () => {
  server = await startAppServer();
  residentDevice = await openDevice(PHONE);
  mediatorDevice = await openDevice(PHONE);
  resident = await residentDevice.context.newPage();
  mediator = await mediatorDevice.context.newPage();
  resident.setDefaultTimeout(20_000);
  mediator.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await residentDevice?.close();
  await mediatorDevice?.close();
  await server?.close();
});

const storedRequests = () => server.store.read.selectFrom('mediation_requests').selectAll().execute();

describe('申请调解 from a resident to the committee', () => {
  it('is queued offline, sent when online, and accepted into a prefilled 受理 form', async () => {
    await resident.goto(`${server.url}/help`);
    await resident.getByRole('heading', { level: 1, name: '找人帮忙调解' }).waitFor();
    // The village is picked on the first, online visit (the county's names come from the server
    // then) and remembered; the request itself is written with no network.
    await resident.getByLabel('按名称查找村（社区）').fill('五家');
    await resident.getByText('五家村委会', { exact: true }).click();
    await resident.getByTestId('picked-village').waitFor();
    await waitForOfflineReady(resident);

    await residentDevice.context.setOffline(true);
    await resident.reload();
    await resident.getByRole('heading', { level: 1, name: '找人帮忙调解' }).waitFor();
    await resident.getByTestId('picked-village').waitFor();
    await resident.getByLabel('您的姓名').fill('王秀英');
    await resident.getByLabel('您的手机号').fill('13812345678');
    await resident.getByLabel(/对方姓名/).fill('李建国');
    await resident.getByRole('radio', { name: '邻里' }).check();
    await resident.getByLabel('发生了什么').fill(FACTS);
    await resident.getByTestId('request-submit').click();
    await resident.getByTestId('request-outcome').getByText('已保存，有网络时自动发送').waitFor();
    // The phone's own list of requests is read back from IndexedDB after the save.
    await expect.poll(() => resident.getByTestId('my-request-state').textContent()).toBe('待发送');
    expect(await storedRequests()).toEqual([]);

    // Back online: the queue sends by itself (the 'online' event), a reload would too.
    await residentDevice.context.setOffline(false);
    await expect.poll(async () => (await storedRequests()).length, { timeout: 15_000 }).toBe(1);
    const [row] = await storedRequests();
    expect(row).toMatchObject({ village_code: '150523100200', applicant_name: '王秀英', phone: '13812345678', other_party: '李建国', category_code: '02', facts: FACTS, status: 'new' });
    // The resident's phone says so by itself, with the number to quote when the committee calls.
    const number = requestNumber(row?.id ?? '');
    await resident.getByTestId('my-request-state').filter({ hasText: '已送达' }).waitFor();
    expect(await resident.getByTestId('my-request-number').textContent()).toBe(`申请号 ${number}`);
    await resident.getByTestId('request-outcome').getByText('已提交，等待调委会联系您').waitFor();
    await resident.reload();
    await resident.getByTestId('my-request-state').filter({ hasText: '已送达' }).waitFor();

    // The village mediator signs in and finds it above the case list.
    await signIn(mediator, server.url, 'tiaojie');
    await mediator.getByTestId('flash').filter({ hasText: '已登录' }).waitFor();
    await mediator.goto(`${server.url}/`);
    const card = mediator.getByTestId('requests-card');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('新申请（1）');
    await card.click();

    await mediator.getByRole('heading', { level: 1, name: '新申请' }).waitFor();
    const item = mediator.getByTestId('request');
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).not.toContain('王秀英');
    expect(text).toContain('王**');
    expect(text).toContain('13812345678');
    expect(text).not.toContain('李建国'); // the other party is masked like the applicant
    expect(await item.getByTestId('request-other').textContent()).toBe('李**');
    expect(await item.getByTestId('request-number').textContent()).toBe(`申请号 ${number}`);
    expect(text).toContain('五家村委会');
    expect(text).toContain('邻里纠纷');
    expect(text).toContain(FACTS);
    await mediator.getByTestId('request-name-toggle').click();
    await expect.poll(() => mediator.getByTestId('request-name').textContent()).toBe('王秀英');

    await mediator.getByTestId('request-accept').click();
    await mediator.waitForURL(/\/new$/);
    await mediator.getByTestId('picked-category').waitFor();
    expect(await mediator.getByTestId('picked-category').textContent()).toBe('邻里纠纷');
    await expect.poll(() => mediator.locator('#party-0-name').inputValue()).toBe('王秀英');
    expect(await mediator.locator('#party-0-phone').inputValue()).toBe('13812345678');
    expect(await mediator.locator('#party-1-name').inputValue()).toBe('李建国');
    expect(await mediator.locator('#facts').inputValue()).toBe(FACTS);
    expect(await mediator.getByRole('radio', { name: '当事人申请' }).isChecked()).toBe(true);
    expect((await storedRequests())[0]?.status).toBe('accepted');
    // Filled from the request, not "restored from last time".
    expect(await mediator.getByTestId('from-request').textContent()).toContain(number);
    expect(await mediator.getByText('已恢复上次没填完的内容').count()).toBe(0);

    // The resident's phone learns the answer (asked with its own secret, no account), and keeps it.
    await resident.reload();
    await resident.getByTestId('my-request-state').filter({ hasText: '已受理' }).waitFor();
    await resident.reload();
    await resident.getByTestId('my-request-state').filter({ hasText: '已受理' }).waitFor();
    // The resident may delete it from the phone; the committee's copy stays.
    resident.once('dialog', (dialog) => void dialog.accept());
    await resident.getByTestId('my-request-delete').click();
    await resident.getByTestId('my-requests').waitFor({ state: 'detached' });
    expect((await storedRequests())[0]?.status).toBe('accepted');

    // Recorded as a case like any other 受理.
    await mediator.getByTestId('submit').click();
    await mediator.getByTestId('case-label').waitFor();
    await expect.poll(() => mediator.locator('details.facts').textContent()).toContain(FACTS);
  });
});
