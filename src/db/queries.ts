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

/** Newest first by last change, filtered by tab and category through compound indexes. */
export async function listCases(db: ShuoheDb, q: ListQuery): Promise<CaseRecord[]> {
  const limit = q.limit ?? PAGE_SIZE;
  const { minKey, maxKey } = Dexie;
  let collection;
  if (q.tab === 'all' && q.categoryCode) {
    collection = db.cases.where('[categoryCode+updatedAt]').between([q.categoryCode, minKey], [q.categoryCode, maxKey]);
  } else if (q.tab === 'all') {
    collection = db.cases.orderBy('updatedAt');
  } else if (q.categoryCode) {
    collection = db.cases.where('[tab+categoryCode+updatedAt]').between([q.tab, q.categoryCode, minKey], [q.tab, q.categoryCode, maxKey]);
  } else {
    collection = db.cases.where('[tab+updatedAt]').between([q.tab, minKey], [q.tab, maxKey]);
  }
  const rows: StoredCase[] = await collection.reverse().offset(q.offset).limit(limit).toArray();
  return rows.map(fromStored);
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
