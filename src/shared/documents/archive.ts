// 卷宗封面, 卷内目录, 卷宗情况说明 and 封底 (Art 27 立卷归档; bdocx template, domain.md §2.1). 页号
// count from 1 at the first paper after the 目录 (cover and 目录 are not numbered), each document
// taking the pages its estimate says; papers the app does not print (ID copies, receipts…) take
// the pages given. The 封底 is the last numbered page and is listed in the 目录 like any paper.

import { caseLabel, type CaseRecord } from '../case.ts';
import { isOpen } from '../lifecycle.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { chineseNumber, dateOfInstant, disputeName, formatDate, nonEmpty } from './format.ts';
import { fixPath, missingCaseFields } from './required.ts';
import { confirmationContent } from './agreement.ts';
import { estimatePages } from './pages.ts';
import type { CaseRecords } from './events.ts';
import {
  DEFAULT_RETENTION, type AttachmentKind, type BackCoverContent, type BuildResult, type Built, type ContentsContent, type ContentsRow,
  type CoverContent, type DocumentOptions, type ExplanationContent, type MissingField,
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

/** 立卷人 as the 立卷设置 give it, else the first mediator (封面 and 封底 agree). */
const archivistOf = (record: CaseRecord, options: DocumentOptions) => options.archivist?.trim() || (nonEmpty(record.mediators)[0] ?? '');
/** 立卷日期: the day the case was archived, else today (a file being put together now). */
const archivedOnOf = (recs: CaseRecords, options: DocumentOptions) => formatDate(recs.archivedAt ? dateOfInstant(recs.archivedAt) : options.today);

export function coverContent(record: CaseRecord, recs: CaseRecords, options: DocumentOptions): Built<CoverContent> {
  const missing = missingCaseFields(record, ['committee', 'mediators']);
  if (missing.length > 0) return { missing };
  const mediators = nonEmpty(record.mediators);
  const end = mediationEnd(record, recs);
  return {
    content: {
      committee: record.committeeName,
      volumeName: disputeName(record),
      volumeNo: caseLabel(record),
      mediators: mediators.join('、'),
      from: formatDate(record.acceptedOn),
      to: end ? formatDate(end) : '',
      archivist: archivistOf(record, options),
      archivedOn: archivedOnOf(recs, options),
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
};

/**
 * The photos that go into 人民调解证据材料: those taken as 证据. Photos of signed pages stand for
 * papers already in the file, and ID photos for the 身份证明 copies, so they are not counted twice.
 */
export const evidencePhotos = (recs: CaseRecords) => recs.photos.filter((p) => p.data.purpose === '证据');

/** Sheets of the 司法确认 package (申请书, 清单, 协议书, 证明) when it cannot be built to count them. */
const CONFIRMATION_PACKAGE_SHEETS = 4;

/**
 * 司法确认有关材料 of a case that went to the court: the package as filed and, once the court
 * decided, its 裁定书 (one page). A case never applied for has none.
 */
function confirmationPages(record: CaseRecord): number {
  const c = record.judicialConfirmation;
  if (!c) return 0;
  const built = confirmationContent(record, c.appliedOn);
  const sheets = 'content' in built
    ? estimatePages({ kind: 'confirmation', id: 'confirmation', title: '', caseLabel: '', integrityCode: '', pages: 0, warnings: [], content: built.content })
    : CONFIRMATION_PACKAGE_SHEETS;
  return sheets + (c.decidedOn !== null ? 1 : 0);
}

/** Pages a paper the app does not print takes when the 立卷设置 say nothing. */
export function defaultAttachmentPages(record: CaseRecord, recs: CaseRecords, kind: AttachmentKind): number {
  // One 身份证 copy per party is the one paper the 目录 always needs (item 3, 必须); each evidence
  // photo on record is printed on a page of its own.
  if (kind === 'identity') return record.private.parties.length;
  if (kind === 'evidence') return evidencePhotos(recs).length;
  if (kind === 'confirmation') return confirmationPages(record);
  return 0;
}

export function attachmentPages(record: CaseRecord, recs: CaseRecords, kind: AttachmentKind, options: DocumentOptions): number {
  const given = options.attachmentPages?.[kind];
  if (given !== undefined) return Math.max(0, Math.floor(given));
  return defaultAttachmentPages(record, recs, kind);
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
export function placeItems(record: CaseRecord, recs: CaseRecords, items: readonly ContentsItem[], options: DocumentOptions): PlacedItem[] {
  const placed: PlacedItem[] = [];
  let page = 1;
  for (const item of items) {
    const pages = item.type === 'document' ? (item.result.ok ? item.result.doc.pages : 0) : attachmentPages(record, recs, item.kind, options);
    if (pages === 0) continue;
    const range = pages === 1 ? String(page) : `${page}-${page + pages - 1}`;
    placed.push({ item, title: item.type === 'document' ? item.title : t(attachmentTitle[item.kind]), pages, range });
    page += pages;
  }
  return placed;
}

/** The documents among `items` that cannot be printed yet: page numbers are unknown until they can. */
function incompleteItems(record: CaseRecord, items: readonly ContentsItem[]): MissingField[] {
  return items.flatMap((item) =>
    // The 封底 is incomplete only because another item is: listing it too would say nothing new.
    item.type === 'document' && !item.result.ok && item.id !== 'back-cover'
      ? [{ field: `documents.${item.id}`, messageKey: 'doc.missing.document' as const, params: { title: item.title }, fixPath: fixPath.document(record.id, item.id) }]
      : []);
}

function rowNote(record: CaseRecord, recs: CaseRecords, p: PlacedItem): string {
  if (p.item.type !== 'attachment') return '';
  if (p.item.kind === 'identity') return t('doc.contents.copies');
  const photos = evidencePhotos(recs).length;
  return p.item.kind === 'evidence' && photos > 0 ? t('doc.contents.photos', { n: photos }) : '';
}

export function contentsContent(record: CaseRecord, recs: CaseRecords, items: readonly ContentsItem[], options: DocumentOptions): Built<ContentsContent> {
  const missing = incompleteItems(record, items);
  if (missing.length > 0) return { missing };
  const rows: ContentsRow[] = placeItems(record, recs, items, options).map((p, i) => ({
    seq: i + 1,
    title: p.title,
    pages: p.range,
    note: rowNote(record, recs, p),
  }));
  return { content: { rows, note: t('doc.contents.note') } };
}

/** The 卷宗情况说明: only when the mediator wrote one (build.ts leaves it out otherwise). */
export function explanationContent(record: CaseRecord, recs: CaseRecords): Built<ExplanationContent> {
  const last = recs.explanations.at(-1);
  if (!last) return { missing: [{ field: 'explanation', messageKey: 'doc.missing.explanation', fixPath: fixPath.explanation(record.id) }] };
  const texts = recs.explanations.map((e) => e.text.trim()).filter((text) => text !== '');
  // Several paragraphs (written at different times, or on two phones) are numbered 一、二、…
  const paragraphs = texts.length > 1 ? texts.map((text, i) => `${chineseNumber(i + 1)}、${text}`) : texts;
  return { content: { committee: record.committeeName, paragraphs, date: formatDate(dateOfInstant(last.at)) } };
}

/**
 * The 封底 as the 备考表 of the county templates: what the volume holds, counted from the same
 * placement that numbers the 目录 (`items` are the papers before the 封底), who filed and who
 * checked it. 件 and 页 count the papers listed before the 封底, as a 备考表 does not count itself.
 */
export function backCoverContent(record: CaseRecord, recs: CaseRecords, items: readonly ContentsItem[], options: DocumentOptions): Built<BackCoverContent> {
  const missing = incompleteItems(record, items);
  if (missing.length > 0) return { missing };
  const placed = placeItems(record, recs, items, options);
  const pages = placed.reduce((n, p) => n + p.pages, 0);
  const photos = evidencePhotos(recs).length;
  // The one required paper the app cannot print: a 目录 without ID copies must say they are lacking.
  const lacking = items.flatMap((i) =>
    i.type === 'attachment' && i.kind === 'identity' && attachmentPages(record, recs, i.kind, options) === 0 ? [t(attachmentTitle[i.kind])] : []);
  const explanation = placed.find((p) => p.item.type === 'document' && p.item.id === 'explanation');
  const summary = [
    photos > 0 ? t('doc.backCover.countPhotos', { items: placed.length, pages, photos }) : t('doc.backCover.count', { items: placed.length, pages }),
    ...(recs.withdrawnPhotos > 0 ? [t('doc.backCover.withdrawn', { n: recs.withdrawnPhotos })] : []),
    ...lacking.map((title) => t('doc.backCover.lacking', { title })),
    ...(explanation ? [t('doc.backCover.explained', { range: explanation.range })] : []),
  ];
  return {
    content: {
      summary,
      archivist: archivistOf(record, options),
      checker: options.checker?.trim() ?? '',
      archivedOn: archivedOnOf(recs, options),
      // Checking happens on paper after printing: the 检查人 writes the day.
      checkedOn: '',
    },
  };
}
