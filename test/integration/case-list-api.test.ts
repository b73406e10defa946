// GET /api/cases as the desk's case table uses it, on the demo county: every column filters and
// sorts on SQLite and PostgreSQL alike, pages never overlap, the scope holds, and the XLSX export
// (read back with exceljs) is exactly the filtered, sorted list.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Env } from '../../src/server/deps.ts';
import { DEMO_PASSWORD, seedIfEmpty } from '../../src/server/seed/demo.ts';
import type { CaseListPage } from '../../src/shared/case-list-api.ts';
import { caseLabel } from '../../src/shared/case.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';

afterAll(closeTestStores);

async function demo(kind: (typeof storeKinds)[number]) {
  const store = await openTestStore(kind);
  await seedIfEmpty(store, { demo: true });
  const app: Hono<Env> = createApp({ store, now: () => new Date('2024-03-01T02:00:00Z') });
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) {
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: DEMO_PASSWORD, clientId: crypto.randomUUID() }) });
      tokens.set(user, ((await res.json()) as { token: string }).token);
    }
    return tokens.get(user) as string;
  };
  return { app, token };
}

describe.each(storeKinds)('the desk case list on %s', (kind) => {
  let d: Awaited<ReturnType<typeof demo>>;
  let made: ReturnType<typeof demo> | undefined;
  beforeEach(async () => {
    d = await (made ??= demo(kind));
  });
  const get = async (path: string, user = 'xian') => d.app.request(path, { headers: { authorization: `Bearer ${await d.token(user)}` } });
  const list = async (query: string, user = 'xian') => {
    const res = await get(`/api/cases?${query}`, user);
    expect(res.status).toBe(200);
    return (await res.json()) as CaseListPage;
  };

  test('by default newest 受理日期 first; pages of a chosen size neither overlap nor skip', async () => {
    const all = await list('pageSize=200');
    expect(all.total).toBeGreaterThan(200);
    const dates = all.cases.map((c) => c.acceptedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const p1 = await list('pageSize=20&page=1');
    const p2 = await list('pageSize=20&page=2');
    expect(p1.cases.map((c) => c.id)).toEqual(all.cases.slice(0, 20).map((c) => c.id));
    expect(p2.cases.map((c) => c.id)).toEqual(all.cases.slice(20, 40).map((c) => c.id));
    // A village's town is named beside it.
    const first = p1.cases[0];
    expect(first && p1.areaNames[first.townCode]).toBeTruthy();
  });

  test('each column sorts both ways', async () => {
    const firstParty = (c: CaseListPage['cases'][number]) => c.private.parties[0]?.name ?? '';
    const up = await list('sort=party&dir=asc&pageSize=200');
    const names = up.cases.map(firstParty);
    expect(names).toEqual([...names].sort());
    const down = await list('sort=category&dir=desc&pageSize=200');
    const codes = down.cases.map((c) => c.categoryCode);
    expect(codes).toEqual([...codes].sort().reverse());
    for (const sort of ['no', 'village', 'source', 'status', 'mediator', 'review', 'accepted']) {
      const res = await get(`/api/cases?sort=${sort}&dir=asc&pageSize=5`);
      expect(res.status).toBe(200);
    }
    const villages = (await list('sort=village&dir=asc&pageSize=200')).cases.map((c) => c.villageCode);
    expect(villages).toEqual([...villages].sort());
  });

  test('filters by party, mediator, number, category, source, dates and area', async () => {
    const sample = (await list('pageSize=50')).cases.find((c) => (c.private.parties[0]?.name.length ?? 0) >= 2 && c.mediators.length > 0 && c.caseNo);
    if (!sample) throw new Error('the demo has cases with parties and mediators');
    const name = (sample.private.parties[0]?.name ?? '').slice(0, 2);
    const byParty = await list(`party=${encodeURIComponent(name)}&pageSize=200`);
    expect(byParty.total).toBeGreaterThan(0);
    expect(byParty.cases.every((c) => c.private.parties.some((x) => x.name.includes(name)))).toBe(true);
    expect(byParty.cases.some((c) => c.id === sample.id)).toBe(true);

    const mediator = sample.mediators[0] ?? '';
    const byMediator = await list(`mediator=${encodeURIComponent(mediator)}&pageSize=200`);
    expect(byMediator.cases.every((c) => c.mediators.some((m) => m.includes(mediator)))).toBe(true);

    const no = await list(`no=${encodeURIComponent(sample.caseNo ?? '')}`);
    expect(no.cases.map((c) => c.id)).toEqual([sample.id]);

    const cat = await list(`category=${sample.categoryCode}&source=${encodeURIComponent(sample.source)}&from=2023-06-01&to=2023-06-30&pageSize=200`);
    expect(cat.cases.every((c) => c.categoryCode === sample.categoryCode && c.source === sample.source && c.acceptedOn >= '2023-06-01' && c.acceptedOn <= '2023-06-30')).toBe(true);

    const village = await list(`area=${sample.villageCode}&pageSize=200`);
    expect(village.cases.every((c) => c.villageCode === sample.villageCode)).toBe(true);
    expect(village.cases.some((c) => c.id === sample.id)).toBe(true);

    // A % typed by the user is a literal character, not a wildcard.
    expect((await list('party=%25')).total).toBe(0);
  });

  test('the scope holds: a town cannot list another town or its county; bad input is a Chinese 400', async () => {
    const town = await list('pageSize=200', 'zhen');
    const townCode = town.cases[0]?.townCode ?? '';
    expect(town.cases.every((c) => c.townCode === townCode)).toBe(true);
    expect((await get(`/api/cases?area=${townCode.slice(0, 6)}`, 'zhen')).status).toBe(403);
    const other = (await list('pageSize=200')).cases.find((c) => c.townCode !== townCode);
    expect((await get(`/api/cases?area=${other?.villageCode ?? ''}`, 'zhen')).status).toBe(403);
    const bad = await get('/api/cases?sort=password');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('the XLSX export is the filtered, sorted list, printable landscape with a repeated header row', async () => {
    const query = 'sort=accepted&dir=asc&from=2023-01-01&to=2023-03-31';
    const shown = await list(`${query}&pageSize=200`);
    const res = await get(`/api/cases.xlsx?${query}`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet.rowCount).toBe(shown.total + 1);
    const numbers: string[] = [];
    sheet.eachRow((row, i) => {
      if (i > 1) numbers.push(String(row.getCell(1).value));
    });
    expect(numbers).toEqual(shown.cases.map((c) => caseLabel(c)));
  });
});
