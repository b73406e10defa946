// Issue #12, "a lost phone leaks nothing", in Chromium (360×740) against the real server: a
// mediator's phone holds cases with a unique marker in every free text a mediator can fill —
// parties' names, 身份证号, phones, addresses, occupations, facts, claims, place; 调解记录 (place,
// participants, statements, result), 调查记录, 备注, 回访 (person, notes); the agreement's terms,
// payer/payee, way, place and liability; termination, rejection and void reasons; a 待核对
// conflict's two versions; a case registered offline (in the outbox) and a half-typed new case (a
// draft); a 排查 round recorded on the phone (参加人员, 地点, a finding's 纠纷情况, 重点人员, 隐患) and
// the 上报 made from its finding (情况说明) — and the signed-in session's token. While unlocked every marker is on screen (the data
// is really there); then the phone locks, and none is found in any IndexedDB database and store
// (values and keys, bytes included), Cache Storage (every cache, every response body),
// localStorage, sessionStorage — nor, once the browser has closed, in the raw bytes of any file
// of the browser profile on disk (LevelDB logs and tables, HTTP cache, session restore, …), in
// UTF-8 or UTF-16.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { openDevice, PHONE, type Device } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { passLock, setPinIfAsked, syncNow } from './flows.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { Device as Sender, caseRecord } from '../support/server-device.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import type { Mutation } from '../../src/shared/mutations.ts';

const VILLAGE = '150523100200';
const PASSWORD = 'phone-dump-2026';

// ASCII markers: Chromium stores an ASCII string in IndexedDB as its one-byte form, so a grep of
// the raw files cannot miss it for an encoding (and UTF-16 is searched as well).
const run = Date.now().toString(36).toUpperCase();
const marker = (field: string) => `QZ${field}X${run}`;
const M = {
  p0name: marker('PNAMEA'), p0address: marker('PADDR'), p0occupation: marker('POCC'), p1name: marker('PNAMEB'),
  facts: marker('FACTS'), claim: marker('CLAIM'), place: marker('PLACE'),
  sessionPlace: marker('SPLACE'), participant: marker('SPART'), statement: marker('SSTATE'), result: marker('SRESULT'), recorder: marker('SREC'),
  investPlace: marker('IPLACE'), investigator: marker('IWHO'), subject: marker('ISUBJ'), content: marker('ICONT'),
  note: marker('NOTE'), terms: marker('TERMS'), method: marker('AMETHOD'), liability: marker('ALIAB'),
  payer: marker('MPAYER'), payee: marker('MPAYEE'), moneyMethod: marker('MMETHOD'), moneyPlace: marker('MPLACE'),
  visitPerson: marker('VWHO'), visitNotes: marker('VNOTES'), urgeNote: marker('URGE'),
  termination: marker('TERMREASON'), rejection: marker('REJNOTE'), voided: marker('VOIDREASON'),
  keptFacts: marker('KEPT'), otherFacts: marker('OTHER'),
  // The account's name: in the session, the profile, and every case it registers (调解员).
  account: marker('ACCOUNT'),
  formName: marker('FNAMEA'), formAddress: marker('FADDR'), formFacts: marker('FFACTS'), formClaim: marker('FCLAIM'), formPlace: marker('FPLACE'), formName2: marker('FNAMEB'),
  draftName: marker('DNAME'), draftFacts: marker('DFACTS'),
  // 排查 and 上报, typed into the app's own screens on the phone.
  scrParticipants: marker('SCRPART'), scrPlace: marker('SCRPLACE'), scrFinding: marker('SCRFIND'), scrKeyPersons: marker('SCRKEY'), scrHazards: marker('SCRHAZ'),
  scrAlert: marker('ALERTSUM'),
};
// Digits cannot carry a letter marker: unique ones, made for this run.
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const idOf = () => {
  const first17 = `150523${1960 + Math.floor(Math.random() * 40)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${digits(3)}`;
  return first17 + idNumberCheckChar(first17);
};
const NUM = { p0id: idOf(), p0phone: `139${digits(8)}`, formId: idOf(), formPhone: `137${digits(8)}` };

let server: AppServer;
let device: Device;
let page: Page;
let token = '';
let screeningId = '';
const caseIds: Record<'agreed' | 'terminated' | 'rejected' | 'voided' | 'conflict', string> = { agreed: '', terminated: '', rejected: '', voided: '', conflict: '' };

async function signInFrom(username: string, clientId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD, clientId }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function push(sender: Sender, bearer: string, mutations: Mutation[]): Promise<void> {
  const res = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(sender.request(mutations)),
  });
  const body = (await res.json()) as { results: { status: string; code?: string }[] };
  expect(res.status).toBe(200);
  expect(body.results.map((r) => `${r.status}${r.code ? ` ${r.code}` : ''}`)).toEqual(mutations.map(() => 'applied'));
}

/**
 * The mediator's other device (a laptop) records four cases through the sync API, and the town
 * clerk changes the same 纠纷简要情况 as the mediator: the phone receives it all by its own pull.
 */
async function seedOnServer(mediatorId: string, townId: string): Promise<void> {
  const laptop = new Sender(mediatorId);
  const laptopToken = await signInFrom('dumpmed', laptop.clientId);
  const parties = () => [
    { id: uuidv7(), role: '申请人' as const, name: M.p0name, idNumber: NUM.p0id, phone: NUM.p0phone, address: M.p0address, occupation: M.p0occupation },
    { id: uuidv7(), role: '被申请人' as const, name: M.p1name },
  ];
  const record = (over = {}) => caseRecord(VILLAGE, { private: { parties: parties(), facts: M.facts, claims: [M.claim], place: M.place }, mediators: [M.account], ...over });

  const agreed = record();
  caseIds.agreed = agreed.id;
  await push(laptop, laptopToken, [
    laptop.create(agreed),
    laptop.event(agreed, {
      kind: 'session',
      data: { at: '2026-03-03T02:00:00.000Z', place: M.sessionPlace, participants: [M.participant], statements: [{ partyName: M.p0name, text: M.statement }], result: M.result, recorder: M.recorder },
    }),
    laptop.event(agreed, { kind: 'investigation', data: { at: '2026-03-03T01:00:00.000Z', place: M.investPlace, investigators: [M.investigator], subject: M.subject, content: M.content } }),
    laptop.event(agreed, { kind: 'note', data: { text: M.note } }),
    laptop.transition(agreed.id, {
      from: 'accepted', to: 'agreed',
      agreement: {
        form: '书面', terms: [M.terms], performanceMethod: M.method, performanceDeadline: '2026-04-01', amountYuan: 500, effectiveOn: '2026-03-05', liability: M.liability,
        money: [{ payer: M.payer, payee: M.payee, amountYuan: 500, method: M.moneyMethod, deadline: '2026-04-01', place: M.moneyPlace }],
      },
    }),
    laptop.event(agreed, { kind: 'visit', data: { on: '2026-03-20', visitedPerson: M.visitPerson, performance: '未履行', satisfaction: '不满意', notes: M.visitNotes } }),
    // 督促履行 after the visit found the agreement unperformed, with the mediator's note.
    laptop.patch(agreed.id, { followUp: { base: null, next: { urge: { openedOn: '2026-03-20', due: '2026-04-03', doneOn: '2026-03-25', note: M.urgeNote }, confirmationWaivedOn: null } } }),
  ]);

  const terminated = record();
  caseIds.terminated = terminated.id;
  await push(laptop, laptopToken, [laptop.create(terminated), laptop.transition(terminated.id, { from: 'accepted', to: 'terminated', termination: { reason: M.termination, otherRoutesTold: true } })]);

  const rejected = record();
  caseIds.rejected = rejected.id;
  await push(laptop, laptopToken, [laptop.create(rejected), laptop.transition(rejected.id, { from: 'accepted', to: 'rejected', rejection: { reason: '其他', note: M.rejection } })]);

  const voided = record();
  caseIds.voided = voided.id;
  await push(laptop, laptopToken, [laptop.create(voided), laptop.void(voided.id, M.voided)]);

  // The same field changed on two devices: the first value is kept, both wait in 待核对.
  const conflict = record({ private: { parties: parties(), facts: '待补充', claims: [M.claim], place: M.place } });
  caseIds.conflict = conflict.id;
  await push(laptop, laptopToken, [laptop.create(conflict)]);
  const clerk = new Sender(townId);
  const clerkToken = await signInFrom('dumptown', clerk.clientId);
  await push(laptop, laptopToken, [laptop.patch(conflict.id, { 'private.facts': { base: '待补充', next: M.keptFacts } })]);
  await push(clerk, clerkToken, [clerk.patch(conflict.id, { 'private.facts': { base: '待补充', next: M.otherFacts } })]);
}

beforeAll(async () => {
  server = await startAppServer({ demo: false, counties: ['150523'] });
  const passwordHash = await hashPassword(PASSWORD);
  const mediatorId = await createUser(server.store.db, { username: 'dumpmed', displayName: M.account, role: 'mediator', scope: VILLAGE, passwordHash });
  const townId = await createUser(server.store.db, { username: 'dumptown', displayName: '杜司法', role: 'town', scope: VILLAGE.slice(0, 9), passwordHash });
  await seedOnServer(mediatorId, townId);
  device = await openDevice(PHONE);
  page = await device.context.newPage();
  page.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await device?.close();
  await server?.close();
});

const mainText = async () => (await page.locator('main').textContent()) ?? '';

async function openCase(id: string): Promise<string> {
  await page.goto(`${server.url}/cases/${id}`);
  await page.getByTestId('case-label').waitFor();
  // The timeline and the agreement fill in after the header.
  await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('QZ') === true);
  // Names, phones and 身份证号 are masked until 显示 is tapped.
  await page.getByTestId('reveal-parties').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="reveal-parties"]')?.getAttribute('aria-pressed') === 'true');
  return mainText();
}

/** Everything readable to script on the page: what a thief with the phone's storage reads. */
function dumpPageStorage(): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const text = (_key: string, v: unknown) =>
      v instanceof ArrayBuffer ? new TextDecoder().decode(v) : ArrayBuffer.isView(v) ? new TextDecoder().decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) : v instanceof Blob ? `[blob ${v.size}]` : v;
    const request = <T,>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const names = (await indexedDB.databases()).map((d) => d.name as string);
    for (const name of names) {
      const idb = await request(indexedDB.open(name));
      for (const store of [...idb.objectStoreNames]) {
        const tx = idb.transaction(store);
        const [values, keys] = await Promise.all([request(tx.objectStore(store).getAll()), request(tx.objectStore(store).getAllKeys())]);
        // Blobs (photos) as their bytes.
        const blobs = await Promise.all(values.flatMap((v) => (v instanceof Blob ? [v.text()] : [])));
        parts.push(`idb ${name}/${store} (${values.length}): ${JSON.stringify(keys, text)} ${JSON.stringify(values, text)} ${blobs.join(' ')}`);
      }
      idb.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      const requests = await cache.keys();
      parts.push(`cache ${cacheName} (${requests.length})`);
      for (const req of requests) {
        const res = await cache.match(req);
        parts.push(`${req.url} ${JSON.stringify([...(res?.headers.entries() ?? [])])} ${res ? await res.clone().text() : ''}`);
      }
    }
    for (const [label, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) as string;
        parts.push(`${label} ${key}=${storage.getItem(key)}`);
      }
    }
    return parts.join('\n');
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

const allMarkers = () => [...Object.values(M), ...Object.values(NUM)];

describe('a locked phone leaks nothing (issue #12)', () => {
  it('signs in on the fresh phone, sets the PIN right after, and receives the cases by its own sync', async () => {
    // A fresh device shows the sign-in form before the PIN (ui/lock/lock-gate.tsx).
    await page.goto(`${server.url}/login`);
    const login = page.waitForResponse((res) => res.url().endsWith('/api/auth/login') && res.status() === 200);
    await page.getByLabel('用户名').fill('dumpmed');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    token = ((await (await login).json()) as { token: string }).token;
    expect(token.length).toBeGreaterThan(20);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await setPinIfAsked(page);
    await syncNow(page);
  });

  it('shows every marker while unlocked: the data is really on the phone', async () => {
    const seen = [
      await openCase(caseIds.agreed), await openCase(caseIds.terminated), await openCase(caseIds.rejected),
      await openCase(caseIds.voided), await openCase(caseIds.conflict),
    ].join('\n');
    // The review inbox: the conflict's two versions.
    await page.goto(`${server.url}/review`);
    await page.waitForFunction((m) => document.querySelector('main')?.textContent?.includes(m) === true, M.otherFacts);
    const review = await mainText();
    // 身份证号 and phone behind the party's disclosure on the edit screen.
    await page.goto(`${server.url}/cases/${caseIds.agreed}/edit`);
    await page.locator('#party-0-name').waitFor();
    await page.locator('[data-testid="party-0"] .disclosure').click();
    await page.locator('#party-0-address').waitFor();
    const editValues = await page.evaluate(() => [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((e) => e.value).join('\n'));
    const visible = `${seen}\n${review}\n${editValues}`;
    const seeded = [...Object.entries(M).filter(([k]) => !k.startsWith('form') && !k.startsWith('draft') && !k.startsWith('scr')).map(([, v]) => v), NUM.p0id, NUM.p0phone];
    expect(seeded.filter((m) => !visible.includes(m))).toEqual([]);
  });

  it('registers a case offline (it waits in the outbox) and leaves a half-typed one as a draft', async () => {
    await page.goto(`${server.url}/`);
    await page.context().setOffline(true);
    await page.getByTestId('nav-plus').click();
    await page.getByRole('radio', { name: '邻里纠纷' }).check();
    await page.locator('#party-0-name').fill(M.formName);
    await page.locator('[data-testid="party-0"] .disclosure').click();
    await page.locator('#party-0-idNumber').fill(NUM.formId);
    await page.locator('#party-0-phone').fill(NUM.formPhone);
    await page.locator('#party-0-address').fill(M.formAddress);
    await page.locator('#party-1-name').fill(M.formName2);
    await page.locator('#facts').fill(M.formFacts);
    await page.locator('#claims').fill(M.formClaim);
    await page.locator('#place').fill(M.formPlace);
    await page.getByRole('radio', { name: '当事人申请' }).check();
    await page.getByTestId('submit').click();
    await page.getByTestId('case-label').waitFor();
    await page.getByTestId('reveal-parties').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="reveal-parties"]')?.getAttribute('aria-pressed') === 'true');
    const registered = await mainText();
    expect([M.formName, M.formName2, M.formFacts, NUM.formPhone, NUM.formId].filter((m) => !registered.includes(m))).toEqual([]);
    await page.getByTestId('sync-pending').waitFor();

    await page.getByTestId('nav-plus').click();
    await page.getByRole('radio', { name: '邻里纠纷' }).check();
    await page.locator('#party-0-name').fill(M.draftName);
    await page.locator('#facts').fill(M.draftFacts);
    // The draft is really stored: it survives a lock (which drops everything in memory) and unlock.
    await page.getByTestId('nav-me').click();
    await page.getByTestId('lock-now').click();
    await passLock(page);
    await page.getByTestId('nav-plus').click();
    await page.locator('#party-0-name').waitFor();
    expect(await page.locator('#party-0-name').inputValue()).toBe(M.draftName);
    expect(await page.locator('#facts').inputValue()).toBe(M.draftFacts);
  });

  it('records a 排查 round and a 上报 from its finding through the phone\'s screens, still offline', async () => {
    await page.getByTestId('nav-todo').click();
    await page.getByTestId('todo-screening').click();
    await page.getByTestId('screening-new').click();
    await page.getByLabel('参加人员').fill(M.scrParticipants);
    await page.getByLabel('排查地点或范围').fill(M.scrPlace);
    await page.getByTestId('add-finding').click();
    await page.getByLabel('纠纷情况').fill(M.scrFinding);
    await page.getByLabel('重点人员').fill(M.scrKeyPersons);
    await page.getByLabel('隐患').fill(M.scrHazards);
    await page.getByTestId('screening-save').click();
    await page.waitForURL(/\/screening\/[0-9a-f-]{36}$/);
    screeningId = page.url().split('/screening/')[1] ?? '';
    await page.getByTestId('finding').waitFor();

    // 上报 from the finding: the form opens with the finding's text, replaced by the reporter's own.
    await page.getByTestId('finding-report').click();
    await page.waitForURL(/\/alerts\/new\?/);
    await expect.poll(() => page.getByLabel('情况说明').inputValue()).toBe(M.scrFinding);
    await page.getByTestId('reason-group').check();
    await page.getByLabel('情况说明').fill(M.scrAlert);
    await page.getByTestId('alert-submit').click();
    await page.getByTestId('flash').filter({ hasText: '已上报' }).waitFor();
    await page.waitForURL(`${server.url}/screening/${screeningId}`);

    // Really stored: after a lock (which drops everything in memory) and unlock, the screens show it.
    await page.getByTestId('nav-me').click();
    await page.getByTestId('lock-now').click();
    await passLock(page);
    await page.goto(`${server.url}/screening/${screeningId}`);
    const values = () => page.evaluate(() => [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((e) => e.value).join('\n'));
    const recorded = [M.scrParticipants, M.scrPlace, M.scrFinding, M.scrKeyPersons, M.scrHazards];
    await expect.poll(async () => { const v = await values(); return recorded.filter((m) => !v.includes(m)); }).toEqual([]);
    await page.goto(`${server.url}/alerts`);
    const alert = page.getByTestId('alert-item').filter({ hasText: M.scrAlert });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(M.account); // 上报人, sealed with the summary
  });

  it('after the lock: no marker and no token in IndexedDB, Cache Storage, localStorage or sessionStorage', async () => {
    await page.goto(`${server.url}/me`);
    await page.getByTestId('lock-now').click();
    await page.getByRole('heading', { name: '输入 PIN 解锁' }).waitFor();
    const dump = await dumpPageStorage();
    // The dump reached the stores that hold the cases (not empty by accident).
    for (const store of ['shuohe/cases (', 'shuohe/events (', 'shuohe/outbox (', 'shuohe/review (', 'keyval-store/keyval (']) expect(dump).toContain(store);
    expect(dump).toContain('shuohe/screenings (1)');
    expect(dump).toContain('shuohe/alerts (1)');
    expect(dump).toMatch(/shuohe\/cases \([6-9]\)/);
    expect(dump).toMatch(/cache \S+ \(\d{2,}\)/); // the precached app
    expect(allMarkers().filter((m) => dump.includes(m))).toEqual([]);
    expect(dump.includes(token)).toBe(false);
  });

  it('after the browser closed: no marker and no token in any file of the profile on disk', async () => {
    await device.context.close(); // everything flushed to disk, as on a phone switched off
    const files = filesUnder(device.dir);
    expect(files.some((f) => /IndexedDB/.test(f))).toBe(true);
    const needles = [...allMarkers(), token].flatMap((s) => [
      { s, bytes: Buffer.from(s, 'utf8') },
      { s, bytes: Buffer.from(s, 'utf16le') },
    ]);
    const found: string[] = [];
    let bytes = 0;
    for (const file of files) {
      if (statSync(file).size === 0) continue;
      const data = readFileSync(file);
      bytes += data.length;
      for (const n of needles) if (data.includes(n.bytes)) found.push(`${n.s === token ? 'TOKEN' : n.s} in ${file.slice(device.dir.length)}`);
    }
    expect(bytes).toBeGreaterThan(100_000);
    // The search works on these files: what is stored in clear (a case's id) is found.
    const id = Buffer.from(caseIds.agreed, 'utf8');
    expect(files.some((f) => /IndexedDB/.test(f) && readFileSync(f).includes(id))).toBe(true);
    const screening = Buffer.from(screeningId, 'utf8');
    expect(files.some((f) => /IndexedDB/.test(f) && readFileSync(f).includes(screening))).toBe(true);
    expect(found).toEqual([]);
  });
});
