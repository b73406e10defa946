// Reads for the screens. Lists page through indexes and never load every case into memory; the
// few whole-store passes (reminders, own statistics, name search) stream with `each`.

import { Dexie } from 'dexie';
import type { CaseRecord } from '../shared/case.ts';
import type { CaseEvent } from '../shared/events.ts';
import type { ShuoheDb, CaseTab, StoredCase } from './schema.ts';
import { fromStored } from './schema.ts';

export const PAGE_SIZE = 30;

export interface ListQuery {
  tab: CaseTab | 'all';
  categoryCode?: string;
  offset: number;
  limit?: number;
}

/** The tabs, each a range of the [tab+updatedAt] index: every case is in exactly one. */
const TABS: readonly CaseTab[] = ['open', 'visit', 'closed'];
/** Rows a category filter reads at first, then twice as many each time, up to WALK_MAX. */
const WALK = 200;
const WALK_MAX = 1600;

/**
 * Newest first by last change (ties: the greater id first, as an index walked backwards gives
 * them). Every view pages through the one [tab+updatedAt] index (schema.ts version 80): 全部
 * merges each tab's newest `offset + limit` rows; a category filter walks the tab's rows newest
 * first and keeps that category's.
 */
export async function listCases(db: ShuoheDb, q: ListQuery): Promise<CaseRecord[]> {
  const want = q.offset + (q.limit ?? PAGE_SIZE);
  const tabs = q.tab === 'all' ? TABS : [q.tab];
  const lists = await Promise.all(tabs.map((tab) => newestOfTab(db, tab, q.categoryCode, want)));
  const rows = lists.length === 1 ? (lists[0] ?? []) : lists.flat().sort(newestFirst);
  return rows.slice(q.offset, want).map(fromStored);
}

function newestFirst(a: StoredCase, b: StoredCase): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The `want` newest rows of `tab`, of `categoryCode` only when one is given. */
async function newestOfTab(db: ShuoheDb, tab: CaseTab, categoryCode: string | undefined, want: number): Promise<StoredCase[]> {
  const index = db.cases.where('[tab+updatedAt]');
  const { minKey, maxKey } = Dexie;
  if (!categoryCode) return index.between([tab, minKey], [tab, maxKey]).reverse().limit(want).toArray();
  const found: StoredCase[] = [];
  // Each read goes on from the last row's updatedAt, inclusive: rows changed at that same instant
  // may have been cut off, so the ids already read at it are skipped.
  let upper: unknown = maxKey;
  let seen = new Set<string>();
  let walk = WALK;
  for (;;) {
    const rows = await index.between([tab, minKey], [tab, upper], true, true).reverse().limit(walk).toArray();
    let fresh = 0;
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      fresh += 1;
      if (row.categoryCode === categoryCode) found.push(row);
    }
    const last = rows.at(-1)?.updatedAt;
    if (found.length >= want || rows.length < walk || last === undefined) return found.slice(0, want);
    if (fresh > 0) {
      if (last !== upper) seen = new Set();
      for (const row of rows) if (row.updatedAt === last) seen.add(row.id);
      upper = last;
    }
    // No new row: more than `walk` rows changed at one instant; read more of them at once.
    walk = fresh > 0 ? Math.max(walk, Math.min(walk * 2, WALK_MAX)) : walk * 2;
  }
}

export async function getCase(db: ShuoheDb, id: string): Promise<CaseRecord | undefined> {
  const stored = await db.cases.get(id);
  return stored ? fromStored(stored) : undefined;
}

export function eventsOf(db: ShuoheDb, caseId: string): Promise<CaseEvent[]> {
  return db.events.where('[caseId+at]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray();
}

export function pendingCount(db: ShuoheDb): Promise<number> {
  return db.outbox.count();
}

/** How many unsynced changes each of `caseIds` has (for the list badge). */
export async function pendingByCase(db: ShuoheDb, caseIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (caseIds.length === 0) return counts;
  await db.outbox.where('caseId').anyOf(caseIds).each((m) => counts.set(m.caseId, (counts.get(m.caseId) ?? 0) + 1));
  return counts;
}

/** Cases still needing the mediator (open or awaiting a visit), for the 待办 list. */
export async function activeCases(db: ShuoheDb): Promise<CaseRecord[]> {
  // Tabs sort as closed < open < visit, so one key range covers exactly open and visit.
  const rows = await db.cases.where('[tab+updatedAt]').between(['open', Dexie.minKey], ['visit', Dexie.maxKey]).toArray();
  return rows.map(fromStored);
}


/**
 * Cases whose label or a party name contains `text`, newest change first. Names are sealed and
 * never indexed (PIPL), so this asks the in-memory name index built after unlock.
 */
export async function searchCases(db: ShuoheDb, text: string, limit = PAGE_SIZE): Promise<CaseRecord[]> {
  const needle = text.trim();
  if (needle === '') return [];
  // Read over the whole table so a live query re-runs on any change to cases: a read of the full
  // primary-key range with its values is watched for any write, like count() — which walks
  // every row in Chromium (60–260 ms over 10,000 cases at load 9–15, against 1–29 ms for this).
  await db.cases.limit(1).toArray();
  const ids = await db.names.search(db.cases, db.vault, needle, limit);
  const rows = await db.cases.bulkGet(ids);
  return rows.filter((c): c is StoredCase => c !== undefined).map(fromStored);
}
