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

/** The tabs: every case is in exactly one, so 全部 is the three merged. */
const TABS: readonly CaseTab[] = ['open', 'visit', 'closed'];

/**
 * Newest first by last change (ties: the greater id first, as an index walked backwards gives
 * them). The cases table keeps two indexes (schema.ts version 80): [tab+updatedAt] for a tab,
 * [tab+categoryCode+updatedAt] for a tab's category; 全部 merges the three tabs' newest
 * `offset + limit` rows. Every view reads at most 3 × (offset + limit) rows.
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
function newestOfTab(db: ShuoheDb, tab: CaseTab, categoryCode: string | undefined, want: number): Promise<StoredCase[]> {
  const { minKey, maxKey } = Dexie;
  const range = categoryCode
    ? db.cases.where('[tab+categoryCode+updatedAt]').between([tab, categoryCode, minKey], [tab, categoryCode, maxKey])
    : db.cases.where('[tab+updatedAt]').between([tab, minKey], [tab, maxKey]);
  return range.reverse().limit(want).toArray();
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
