// The case list's reads (db/queries.ts listCases) over the two indexes the cases table keeps
// since Dexie version 80: every tab, 全部 (three tabs merged), category filters and pages give
// exactly what sorting every case newest first gives, with many cases changed at one instant.
import { describe, it, expect, afterEach } from 'vitest';
import { Dexie } from 'dexie';
import { ShuoheDb, toStored, type CaseTab } from '../../src/db/schema.ts';
import { listCases } from '../../src/db/queries.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import type { CaseStatus } from '../../src/shared/lifecycle.ts';
import { caseRecord } from '../support/case-factory.ts';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const statuses: CaseStatus[] = ['accepted', 'mediating', 'agreed', 'visited', 'terminated', 'archived'];
const categories = ['01', '02', '03', '07', '12'];

/** A deterministic spread: few distinct instants (ties), one long run at one instant, rare categories. */
function records(n: number): CaseRecord[] {
  let seed = 7;
  const next = (m: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  return Array.from({ length: n }, (_, i) => {
    const instant = i < 450 ? 40 : next(60);
    const at = new Date(Date.UTC(2026, 5, 1) + instant * 1000).toISOString();
    // '12' is rare: one case in about fifty.
    const categoryCode = next(50) === 0 ? '12' : (categories[next(4)] as string);
    return caseRecord({ status: statuses[next(statuses.length)] as CaseStatus, categoryCode, updatedAt: at, createdAt: at });
  });
}

function expected(all: CaseRecord[], tab: CaseTab | 'all', categoryCode: string | undefined, offset: number, limit: number): string[] {
  return all
    .filter((c) => (tab === 'all' || toStored(c).tab === tab) && (categoryCode === undefined || c.categoryCode === categoryCode))
    .sort((a, b) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : -1))
    .slice(offset, offset + limit)
    .map((c) => c.id);
}

describe('the case list over two indexes', () => {
  it('keeps two indexes on cases, [tab+updatedAt] and [tab+categoryCode+updatedAt]: each is a write per row of a first pull', async () => {
    const db = new ShuoheDb(`list-schema-${Date.now()}`);
    opened.push(db);
    await db.open();
    expect(db.cases.schema.indexes.map((i) => i.name).sort()).toEqual(['[tab+categoryCode+updatedAt]', '[tab+updatedAt]']);
  });

  it('lists every tab, 全部 and each category newest first, page by page, as sorting every case does', async () => {
    const db = new ShuoheDb(`list-${Date.now()}`);
    opened.push(db);
    const all = records(1200);
    await db.cases.bulkPut(all.map(toStored));
    for (const tab of ['all', 'open', 'visit', 'closed'] as const) {
      for (const categoryCode of [undefined, ...categories]) {
        for (const [offset, limit] of [[0, 30], [30, 30], [0, 300], [270, 30], [1100, 200]] as const) {
          const got = (await listCases(db, { tab, offset, limit, ...(categoryCode ? { categoryCode } : {}) })).map((c) => c.id);
          expect(got, `${tab} ${categoryCode ?? '*'} ${offset}+${limit}`).toEqual(expected(all, tab, categoryCode, offset, limit));
        }
      }
    }
  });

  it('pages through more cases changed at one instant than a page holds (an import), none twice', async () => {
    const db = new ShuoheDb(`list-ties-${Date.now()}`);
    opened.push(db);
    const at = '2026-06-01T00:00:00.000Z';
    const all = Array.from({ length: 3500 }, (_, i) => caseRecord({ status: 'mediating', categoryCode: i % 97 === 0 ? '12' : '02', updatedAt: at, createdAt: at }));
    await db.cases.bulkPut(all.map(toStored));
    for (const [offset, limit] of [[0, 60], [0, 10], [30, 20]] as const) {
      const got = (await listCases(db, { tab: 'open', offset, limit, categoryCode: '12' })).map((c) => c.id);
      expect(got).toEqual(expected(all, 'open', '12', offset, limit));
    }
  });

  it('opens a phone database of version 70 with its rows, and lists them through the one index', async () => {
    const name = `list-upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old.version(70).stores({ cases: 'id, updatedAt, [tab+updatedAt], [categoryCode+updatedAt], [tab+categoryCode+updatedAt]' });
    const all = records(300);
    await old.table('cases').bulkPut(all.map(toStored));
    old.close();
    const db = new ShuoheDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(80);
    expect(await db.cases.count()).toBe(300);
    expect((await listCases(db, { tab: 'all', offset: 0, limit: 50, categoryCode: '03' })).map((c) => c.id)).toEqual(expected(all, 'all', '03', 0, 50));
    expect((await listCases(db, { tab: 'open', offset: 0, limit: 300 })).map((c) => c.id)).toEqual(expected(all, 'open', undefined, 0, 300));
  });
});
