// What the document screens read: one case and its events from IndexedDB (live, so a correction
// made on another screen or pulled by sync re-renders the print view), and the 立卷 options a
// mediator may set in the address (保管期限, 立卷人, pages of papers the app does not print).
// Everything is local: the documents work offline.

import { useEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { db } from './app-state.ts';
import { eventsOf, getCase } from '../db/queries.ts';
import type { CaseRecord } from '../shared/case.ts';
import type { CaseEvent } from '../shared/events.ts';
import { localDate } from '../shared/dates.ts';
import type { AttachmentKind, DocumentOptions } from '../shared/documents/types.ts';

export interface CaseDocumentsSource {
  record: CaseRecord | undefined;
  events: CaseEvent[];
  loaded: boolean;
}

export function useCaseDocumentsSource(caseId: string): CaseDocumentsSource {
  const [state, setState] = useState<CaseDocumentsSource>({ record: undefined, events: [], loaded: false });
  useEffect(() => {
    // Case and events in one live query, so the view never mixes an old case with new events.
    const subscription = liveQuery(async () => ({ record: await getCase(db, caseId), events: await eventsOf(db, caseId) })).subscribe({
      next: ({ record, events }) => setState({ record, events, loaded: true }),
      error: () => setState({ record: undefined, events: [], loaded: true }),
    });
    return () => subscription.unsubscribe();
  }, [caseId]);
  return state;
}

export const attachmentKinds: readonly AttachmentKind[] = ['identity', 'authorization', 'evidence', 'receipts', 'confirmation', 'explanation'];

/** The query keys the list screen's 立卷设置 form writes, kept when moving between documents. */
export const optionKeys = ['retention', 'archivist', 'remarks', ...attachmentKinds] as const;

/** Document options from the address query (`?retention=30年&identity=4`), today from the clock. */
export function documentOptions(query: Readonly<Record<string, string | undefined>>, now = new Date()): DocumentOptions {
  const attachmentPages: Partial<Record<AttachmentKind, number>> = {};
  for (const kind of attachmentKinds) {
    const n = Number(query[kind]);
    if (query[kind] !== undefined && query[kind] !== '' && Number.isInteger(n) && n >= 0 && n <= 999) attachmentPages[kind] = n;
  }
  const text = (key: string) => {
    const value = query[key]?.trim();
    return value ? value.slice(0, 100) : undefined;
  };
  const retention = text('retention');
  const archivist = text('archivist');
  const remarks = text('remarks');
  return {
    today: localDate(now),
    attachmentPages,
    ...(retention ? { retention } : {}),
    ...(archivist ? { archivist } : {}),
    ...(remarks ? { remarks } : {}),
  };
}

/** `?retention=…` of the options that are set, to carry them from the list to a document. */
export function optionsQuery(query: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const key of optionKeys) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}
