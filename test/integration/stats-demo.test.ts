// The demo county as its government reported 2023, through the real API: 250 调解组织 (13 镇级,
// 227 村级), 890 人民调解员, 297 disputes accepted, 1,251 法律明白人, 90 示范户. Then the official
// report read back with a real XLSX reader, the CSV, the cases behind each number, and the
// public contacts (phones only where public).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Env } from '../../src/server/deps.ts';
import { DEMO_PASSWORD, seedIfEmpty } from '../../src/server/seed/demo.ts';
import type { Store } from '../../src/server/store/open.ts';
import { parseCsv } from '../../src/shared/csv.ts';
import { statisticsRows } from '../../src/shared/categories.ts';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';

afterAll(closeTestStores);

interface Demo {
  store: Store;
  app: Hono<Env>;
  token: (user: string) => Promise<string>;
}

async function demo(kind: (typeof storeKinds)[number]): Promise<Demo> {
  const store = await openTestStore(kind);
  await seedIfEmpty(store, { demo: true });
  // A fixed "today" after 2023, so the year is over and sign-off is possible.
  const app = createApp({ store, now: () => new Date('2024-03-01T02:00:00Z') });
  const tokens = new Map<string, string>();
  return {
    store, app,
    async token(user) {
      if (!tokens.has(user)) {
        const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: DEMO_PASSWORD, clientId: crypto.randomUUID() }) });
        tokens.set(user, ((await res.json()) as { token: string }).token);
      }
      return tokens.get(user) as string;
    },
  };
}

const YEAR = 'from=2023-01-01&to=2023-12-31';

describe.each(storeKinds)('demo county 开鲁县 2023 on %s', (kind) => {
  let d: Demo;
  let made: Promise<Demo> | undefined;
  beforeEach(async () => {
    d = await (made ??= demo(kind));
  });
  const get = async (path: string, user = 'xian') => d.app.request(path, { headers: { authorization: `Bearer ${await d.token(user)}` } });

  test('the API reports the county\'s published figures: 250 / 13 / 227 / 890 / 297 / 1,251 / 90', async () => {
    const res = await get(`/api/stats?area=150523&${YEAR}`);
    expect(res.status).toBe(200);
    const s = (await res.json()) as StatsSummary;
    expect(s.org.committeesTotal).toBe(250);
    expect(s.org.committees['乡镇/街道']).toBe(13);
    expect(s.org.committees['村/居']).toBe(227);
    expect(s.org.mediators).toBe(890);
    expect(s.total.accepted).toBe(297);
    expect(s.org.legalPersons).toBe(1251);
    expect(s.org.households).toBe(90);
    // The towns add up to the county, and the rate is kept as numerator and denominator.
    expect(s.children).toHaveLength(13);
    expect(s.children.reduce((n, c) => n + c.rollup.accepted, 0)).toBe(297);
    expect(s.total.successRate).toEqual({ numerator: s.total.succeeded, denominator: 297 });
    expect(s.total.succeeded + s.total.failed + s.total.open).toBe(297);
    expect(s.coverage.committees).toEqual({ numerator: 227, denominator: 227 });
    expect(s.trend).toHaveLength(12);
    expect(s.trend.reduce((n, p) => n + p.accepted, 0)).toBe(297);
  });

  test('the XLSX opens in a real reader and its totals equal the API\'s', async () => {
    const summary = (await (await get(`/api/stats?area=150523&${YEAR}`)).json()) as StatsSummary;
    const res = await get(`/api/stats/report.xlsx?area=150523&${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const [cases, org] = book.worksheets;
    if (!cases || !org) throw new Error('two sheets expected');
    const rows = new Map<string, ExcelJS.CellValue[]>();
    cases.eachRow((row) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (typeof values[0] === 'string') rows.set(values[0], values);
    });
    const total = rows.get('合计');
    expect(total?.slice(1, 6)).toEqual([297, summary.total.succeeded, Math.round((summary.total.succeeded / 297) * 10_000) / 100, summary.total.failed, summary.total.open]);
    expect(total?.[8]).toBeCloseTo(summary.total.amountYuan / 10_000, 2);
    // 协议履行 and 司法确认 follow the amount; the seeded year has some of each.
    expect(total?.slice(9, 11)).toEqual([summary.total.performed, summary.total.confirmed]);
    expect(summary.total.confirmed).toBeGreaterThan(0);
    // Every official row is there, and the rows add up to the total.
    const lines = statisticsRows.map((r) => rows.get(r.name));
    expect(lines.every((l) => l !== undefined)).toBe(true);
    expect(lines.reduce((n, l) => n + Number(l?.[1] ?? 0), 0)).toBe(297);
    for (const r of statisticsRows) expect(rows.get(r.name)?.[1]).toBe(summary.total.byRow[r.code]?.accepted ?? 0);
    const orgRows = new Map<string, unknown>();
    org.eachRow((row) => {
      const [label, value] = (row.values as ExcelJS.CellValue[]).slice(1);
      if (typeof label === 'string') orgRows.set(label.trim(), value);
    });
    expect(orgRows.get('人民调解委员会（个）')).toBe(250);
    expect(orgRows.get('人民调解员（人）')).toBe(890);
    expect(orgRows.get('法律明白人（人）')).toBe(1251);
    expect(orgRows.get('学法用法示范户（户）')).toBe(90);
  });

  test('the CSV is UTF-8 with a BOM and carries the same table', async () => {
    const res = await get(`/api/stats/report.csv?area=150523&${YEAR}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const total = rows.find((r) => r[0] === '合计');
    expect(total?.[1]).toBe('297');
    expect(total?.[3]).toMatch(/^\d+\.\d{2}$/);
    expect(rows.find((r) => r[0] === '人民调解委员会（个）')?.[1]).toBe('250');
  });

  test('every number opens the cases behind it: the list totals equal the roll-up', async () => {
    const s = (await (await get(`/api/stats?area=150523100&${YEAR}`)).json()) as StatsSummary;
    const count = async (query: string) => ((await (await get(`/api/cases?area=150523100&${YEAR}&pageSize=1&${query}`)).json()) as { total: number }).total;
    expect(await count('measure=accepted')).toBe(s.total.accepted);
    expect(await count('measure=succeeded')).toBe(s.total.succeeded);
    expect(await count('measure=failed')).toBe(s.total.failed);
    expect(await count('measure=open')).toBe(s.total.open);
    expect(await count('measure=oral')).toBe(s.total.oral);
    expect(await count('measure=written')).toBe(s.total.written);
    expect(await count('measure=performed')).toBe(s.total.performed);
    expect(await count('measure=difficult')).toBe(s.total.difficult);
    for (const [row, counts] of Object.entries(s.total.byRow)) {
      expect(await count(`measure=succeeded&row=${row}`)).toBe(counts.succeeded);
    }
    expect(await count('measure=accepted&source=主动调解')).toBe(s.total.bySource['主动调解'] ?? 0);
    const village = s.children.find((c) => c.rollup.accepted > 0);
    const inVillage = await (await get(`/api/cases?area=${village?.code}&${YEAR}&measure=accepted&pageSize=1`)).json() as { total: number };
    expect(inVillage.total).toBe(village?.rollup.accepted);
  });

  test('the public contacts show names, and phone numbers only where marked public', async () => {
    const res = await d.app.request('/api/public/areas/150523100200/contacts');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { committee: { name: string }; justiceOffice: { name: string }; people: { name: string; role: string; phone?: string }[] };
    expect(body.committee.name).toBe('五家村人民调解委员会');
    expect(body.justiceOffice.name).toBe('开鲁镇司法所');
    const mediators = await d.store.db.selectFrom('mediators').select(['name', 'phone', 'phone_public']).where('committee_id', '=', 'committee-150523100200').execute();
    const legal = await d.store.db.selectFrom('legal_persons').select(['name', 'phone', 'phone_public']).where('village_code', '=', '150523100200').where('kind', '=', '法律明白人').execute();
    const registered = [...mediators, ...legal];
    expect(body.people).toHaveLength(registered.length);
    expect(registered.some((p) => p.phone_public === 0 && p.phone)).toBe(true);
    for (const person of registered) {
      const shown = body.people.find((p) => p.name === person.name);
      expect(shown).toBeDefined();
      expect(shown?.phone).toBe(person.phone_public ? person.phone : undefined);
    }
    expect((await d.app.request('/api/public/areas/150523999999/contacts')).status).toBe(404);
  });

  test('a mediator may not open the statistics API; the county may not read a foreign county', async () => {
    expect((await get(`/api/stats?area=150523100200&${YEAR}`, 'tiaojie')).status).toBe(403);
    expect((await get(`/api/stats/report.xlsx?area=150523100200&${YEAR}`, 'tiaojie')).status).toBe(403);
    expect((await get(`/api/stats?area=150523101&${YEAR}`, 'zhen')).status).toBe(403);
    expect((await get(`/api/stats?area=150523100&${YEAR}`, 'zhen')).status).toBe(200);
  });
});
