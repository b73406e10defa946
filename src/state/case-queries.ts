// Screen-facing reads: db/queries wrapped in Dexie liveQuery, so a screen re-renders when a local
// write or a sync pull changes what it shows. Lists page (PAGE_SIZE at a time); only the 待办 and
// own-statistics passes read every active/stat row, as db/queries documents.

import Dexie from 'dexie';
import { db } from './app-state.ts';
import { useLive, type Live } from './live.ts';
import * as queries from '../db/queries.ts';
import type { CaseTab } from '../db/schema.ts';
import type { CaseRecord } from '../shared/case.ts';
import type { CaseEvent } from '../shared/events.ts';
import { visibleEvents } from '../shared/events.ts';
import { remindersFor, type Reminder } from '../shared/reminders.ts';
import type { StatCase } from '../shared/stats.ts';

export const PAGE_SIZE = queries.PAGE_SIZE;

export interface CaseListArgs {
  tab: CaseTab | 'all';
  categoryCode: string;
  search: string;
  /** How many pages of PAGE_SIZE are shown ("加载更多" adds one). */
  pages: number;
}

export interface CaseList {
  cases: CaseRecord[];
  hasMore: boolean;
  loaded: boolean;
}

/** One screenful of cases; a search looks through every status (names are not indexed). */
export function useCaseList(args: CaseListArgs): CaseList {
  const limit = args.pages * PAGE_SIZE;
  const search = args.search.trim();
  const live = useLive(
    () =>
      search !== ''
        ? queries.searchCases(db, search, limit)
        : queries.listCases(db, { tab: args.tab, offset: 0, limit, ...(args.categoryCode ? { categoryCode: args.categoryCode } : {}) }),
    [args.tab, args.categoryCode, search, limit],
  );
  const cases = live.value ?? [];
  return { cases, hasMore: cases.length >= limit, loaded: live.loaded };
}

/**
 * The tab the case list opens on when none is asked for: the first of `tabs` with a case in it
 * (a village whose cases are all 已结 opens there, not on an empty 调解中), else the first.
 */
export async function firstTabWithCases<T extends CaseTab | 'all'>(tabs: readonly T[]): Promise<T | undefined> {
  for (const tab of tabs) {
    // One key, not a count: Chromium counts by walking every row of the range (tens to hundreds
    // of ms over 10,000 cases, on the way to the list's first row). A live query still re-runs
    // when a case enters or leaves the range.
    const collection = tab === 'all' ? db.cases.toCollection() : db.cases.where('[tab+updatedAt]').between([tab, Dexie.minKey], [tab, Dexie.maxKey]);
    if ((await collection.limit(1).primaryKeys()).length > 0) return tab;
  }
  return tabs[0];
}

/**
 * The first of `tabs` with a case in it, live: on a fresh phone the list mounts before the first
 * pull, and an opening tab chosen then would stay empty once the village's cases arrive.
 */
export function useFirstTabWithCases<T extends CaseTab | 'all'>(tabs: readonly T[]): Live<T | undefined> {
  return useLive(() => firstTabWithCases(tabs), [tabs.join(',')]);
}

/** Unsynced changes per case, for the badges of the rows on screen. */
export function usePendingByCase(caseIds: readonly string[]): Map<string, number> {
  const key = caseIds.join(',');
  const live = useLive(() => queries.pendingByCase(db, [...caseIds]), [key]);
  return live.value ?? new Map();
}

export function useCase(id: string): Live<CaseRecord | undefined> {
  return useLive(() => queries.getCase(db, id), [id]);
}

/** The case's timeline, newest first, corrections shown in place of what they replace. */
export function useCaseEvents(caseId: string): CaseEvent[] {
  const live = useLive(async () => visibleEvents(await queries.eventsOf(db, caseId)).reverse(), [caseId]);
  return live.value ?? [];
}

export interface TodoItem {
  reminder: Reminder;
  record: CaseRecord;
}

/** Every reminder of the open and awaiting-visit cases, soonest (most overdue) first. */
export function useTodos(today: string): Live<TodoItem[]> {
  return useLive(async () => {
    const cases = await queries.activeCases(db);
    return cases
      .flatMap((record) => remindersFor(record, today).map((reminder) => ({ reminder, record })))
      .sort((a, b) => a.reminder.due.localeCompare(b.reminder.due));
  }, [today]);
}

export function useStatCases(): Live<StatCase[]> {
  return useLive(async () => (await import('../db/stat-queries.ts')).statCases(db), []);
}
