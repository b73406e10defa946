// What the document screens read: one case and its events from IndexedDB (live, so a correction
// made on another screen or pulled by sync re-renders the print view), and the 立卷 options a
// mediator may set in the address (保管期限, 立卷人, 检查人, pages of papers the app does not
// print). Everything is local: the documents work offline. Also the one write of these screens:
// a paragraph of the 卷宗情况说明, which is case data (a note event) and syncs like any other.

import { useEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { db, writeContext } from './app-state.ts';
import { eventsOf, getCase } from '../db/queries.ts';
import { writeMutations } from '../db/write.ts';
import { DomainError } from '../db/errors.ts';
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

export const attachmentKinds: readonly AttachmentKind[] = ['identity', 'authorization', 'evidence', 'receipts', 'confirmation'];

/** The query keys the list screen's 立卷设置 form writes, kept when moving between documents. */
export const optionKeys = ['retention', 'archivist', 'checker', 'remarks', ...attachmentKinds] as const;

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
  const checker = text('checker');
  const remarks = text('remarks');
  return {
    today: localDate(now),
    attachmentPages,
    ...(retention ? { retention } : {}),
    ...(archivist ? { archivist } : {}),
    ...(checker ? { checker } : {}),
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

/** The longest paragraph the server accepts as a note (server/sync/validate.ts). */
export const EXPLANATION_MAX = 5000;

/**
 * Saves a paragraph of the 卷宗情况说明 as a note event (topic 'file-explanation'); `replaces`
 * names the paragraph it corrects. Append-only like every event, so two phones writing at once
 * both keep their paragraph (the document prints both) and nothing is lost at sync.
 */
export async function saveExplanation(caseId: string, text: string, replaces?: string): Promise<void> {
  const trimmed = text.trim();
  if (trimmed === '') throw new DomainError('docs.explanation.required');
  if (trimmed.length > EXPLANATION_MAX) throw new DomainError('docs.explanation.tooLong');
  const ctx = writeContext();
  const record = await getCase(db, caseId);
  if (!record) throw new DomainError('sync.caseMissing');
  await writeMutations(ctx, caseId, [{
    name: 'event.append',
    args: {
      event: {
        kind: 'note', data: { text: trimmed, topic: 'file-explanation' }, id: uuidv7(), caseId, villageCode: record.villageCode,
        townCode: record.townCode, countyCode: record.countyCode, at: ctx.now().toISOString(), author: ctx.userId,
        ...(replaces ? { supersedes: replaces } : {}),
      },
    },
  }]);
}
