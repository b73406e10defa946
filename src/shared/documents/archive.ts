// 卷宗封面 and 卷内目录 (Art 27 立卷归档; bdocx template, domain.md §2.1). 页号 count from 1 at the
// first paper after the 目录 (cover and 目录 are not numbered), each document taking the pages its
// estimate says; papers the app does not print (ID copies, receipts…) take the pages given.

import { caseLabel, type CaseRecord } from '../case.ts';
import { isOpen } from '../lifecycle.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { dateOfInstant, disputeName, formatDate, nonEmpty } from './format.ts';
import { fixPath, missingCaseFields } from './required.ts';
import type { CaseRecords } from './events.ts';
import {
  DEFAULT_RETENTION, type AttachmentKind, type BuildResult, type Built, type ContentsContent, type ContentsRow,
  type CoverContent, type DocumentOptions, type MissingField,
} from './types.ts';

/** Last day of mediation: the agreement, the termination or the last session; none while open. */
function mediationEnd(record: CaseRecord, recs: CaseRecords): string | undefined {
  if (isOpen(record.status)) return undefined;
  const lastSession = recs.sessions.at(-1);
  const dates = [
    record.agreement?.effectiveOn,
    recs.terminatedAt ? dateOfInstant(recs.terminatedAt) : undefined,
    lastSession ? dateOfInstant(lastSession.data.at) : undefined,
  ].filter((d): d is string => d !== undefined && d !== '');
  return dates.sort().at(-1);
}

export function coverContent(record: CaseRecord, recs: CaseRecords, options: DocumentOptions): Built<CoverContent> {
  const missing = missingCaseFields(record, ['committee', 'mediators']);
  if (missing.length > 0) return { missing };
  const mediators = nonEmpty(record.mediators);
  const end = mediationEnd(record, recs);
  const archivedOn = recs.archivedAt ? dateOfInstant(recs.archivedAt) : options.today;
  return {
    content: {
      committee: record.committeeName,
      volumeName: disputeName(record),
      volumeNo: caseLabel(record),
      mediators: mediators.join('、'),
      from: formatDate(record.acceptedOn),
      to: end ? formatDate(end) : '',
      archivist: options.archivist?.trim() || (mediators[0] ?? ''),
      archivedOn: formatDate(archivedOn),
      retention: options.retention?.trim() || DEFAULT_RETENTION,
      // A provisional label is not a 卷号 yet: say so on the cover so nobody files it as final.
      remarks: options.remarks?.trim() || (record.caseNo === null ? t('doc.cover.provisional') : ''),
    },
  };
}

/** One row of the 目录: a document the app prints, or papers added by hand. */
export type ContentsItem =
  | { type: 'document'; id: string; title: string; result: BuildResult }
  | { type: 'attachment'; kind: AttachmentKind };

/** The 卷内目录 titles of the papers the app cannot print (also the 立卷设置 labels). */
export const attachmentTitle: Record<AttachmentKind, MessageKey> = {
  identity: 'doc.attachment.identity',
  authorization: 'doc.attachment.authorization',
  evidence: 'doc.attachment.evidence',
  receipts: 'doc.attachment.receipts',
  confirmation: 'doc.attachment.confirmation',
  explanation: 'doc.attachment.explanation',
};

export function attachmentPages(record: CaseRecord, kind: AttachmentKind, options: DocumentOptions): number {
  const given = options.attachmentPages?.[kind];
  if (given !== undefined) return Math.max(0, Math.floor(given));
  // One 身份证 copy per party is the one paper the 目录 always needs (item 3, 必须).
  return kind === 'identity' ? record.private.parties.length : 0;
}

/** An item of the 目录 with its place in the volume: pages taken and the 页号 range. */
export interface PlacedItem {
  item: ContentsItem;
  title: string;
  pages: number;
  /** "3" or "3-5" */
  range: string;
}

/** Numbers the items from page 1 in order; items without pages (no papers of that kind) drop out. */
export function placeItems(record: CaseRecord, items: readonly ContentsItem[], options: DocumentOptions): PlacedItem[] {
  const placed: PlacedItem[] = [];
  let page = 1;
  for (const item of items) {
    const pages = item.type === 'document' ? (item.result.ok ? item.result.doc.pages : 0) : attachmentPages(record, item.kind, options);
    if (pages === 0) continue;
    const range = pages === 1 ? String(page) : `${page}-${page + pages - 1}`;
    placed.push({ item, title: item.type === 'document' ? item.title : t(attachmentTitle[item.kind]), pages, range });
    page += pages;
  }
  return placed;
}

export function contentsContent(record: CaseRecord, items: readonly ContentsItem[], options: DocumentOptions): Built<ContentsContent> {
  const missing: MissingField[] = [];
  for (const item of items) {
    if (item.type === 'document' && !item.result.ok) {
      missing.push({ field: `documents.${item.id}`, messageKey: 'doc.missing.document', params: { title: item.title }, fixPath: fixPath.document(record.id, item.id) });
    }
  }
  if (missing.length > 0) return { missing };
  const rows: ContentsRow[] = placeItems(record, items, options).map((p, i) => ({
    seq: i + 1,
    title: p.title,
    pages: p.range,
    note: p.item.type === 'attachment' && p.item.kind === 'identity' ? t('doc.contents.copies') : '',
  }));
  return { content: { rows, note: t('doc.contents.note') } };
}
