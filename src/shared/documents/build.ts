// Entry point of the document models: `buildDocument` makes one document of a case from what the
// mediator already entered; `caseFile` lists the whole 卷宗 in binding order (封面, 卷内目录, then
// the 卷内目录 order of domain.md §2.1 ending with the 封底). Pure: no DOM, no clock (options.today
// is injected).

import { caseLabel, type CaseRecord } from '../case.ts';
import type { CaseEvent } from '../events.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { chineseNumber, dateOfInstant, formatDate } from './format.ts';
import { caseRecords, type CaseRecords } from './events.ts';
import { applicationContent, noticeContent, registrationContent } from './intake.ts';
import { investigationContent, sessionContent, visitContent } from './records.ts';
import { agreementContent, confirmationContent, oralAgreementContent } from './agreement.ts';
import {
  backCoverContent, contentsContent, coverContent, evidencePhotos, explanationContent, placeItems, type ContentsItem,
} from './archive.ts';
import { integrityCode } from './integrity.ts';
import { courtReturnContent } from './court-return.ts';
import { isCourtSource } from '../court.ts';
import { estimatePages } from './pages.ts';
import {
  docKinds, perEventKinds, type AttachmentKind, type BuildResult, type Built, type DocKind, type DocumentModel,
  type DocumentOptions, type MissingField, type PerEventKind,
} from './types.ts';

export const docTitle: Record<DocKind, MessageKey> = {
  application: 'doc.title.application',
  registration: 'doc.title.registration',
  notice: 'doc.title.notice',
  investigation: 'doc.title.investigation',
  session: 'doc.title.session',
  agreement: 'doc.title.agreement',
  'oral-agreement': 'doc.title.oral-agreement',
  visit: 'doc.title.visit',
  cover: 'doc.title.cover',
  contents: 'doc.title.contents',
  confirmation: 'doc.title.confirmation',
  explanation: 'doc.title.explanation',
  'back-cover': 'doc.title.back-cover',
  'court-result': 'doc.title.court-result',
  'court-ending': 'doc.title.court-ending',
};

const isPerEvent = (kind: DocKind): kind is PerEventKind => (perEventKinds as readonly DocKind[]).includes(kind);

/** `session-2` → { kind: 'session', index: 2 }; `agreement` → { kind: 'agreement', index: 1 }. */
export function parseDocId(id: string): { kind: DocKind; index: number } | undefined {
  const match = /^([a-z-]+?)(?:-(\d+))?$/.exec(id);
  const kind = match?.[1] as DocKind | undefined;
  if (!match || !kind || !(docKinds as readonly string[]).includes(kind)) return undefined;
  if (isPerEvent(kind) !== (match[2] !== undefined)) return undefined;
  const index = match[2] === undefined ? 1 : Number(match[2]);
  return index >= 1 ? { kind, index } : undefined;
}

export const docIdOf = (kind: DocKind, index = 1): string => (isPerEvent(kind) ? `${kind}-${index}` : kind);

function contentOf(kind: DocKind, index: number, record: CaseRecord, recs: CaseRecords, options: DocumentOptions): Built<unknown> {
  switch (kind) {
    case 'application': return applicationContent(record);
    case 'registration': return registrationContent(record);
    case 'notice': return noticeContent(record);
    case 'investigation': return investigationContent(record, recs, index);
    case 'session': return sessionContent(record, recs, index);
    case 'agreement': return agreementContent(record);
    case 'oral-agreement': return oralAgreementContent(record);
    case 'visit': return visitContent(record, recs, index);
    case 'cover': return coverContent(record, recs, options);
    case 'contents': return contentsContent(record, recs, contentsItems(record, recs, options), options);
    case 'confirmation': return confirmationContent(record, options.today);
    case 'explanation': return explanationContent(record, recs);
    case 'back-cover': return backCoverContent(record, recs, bodyItems(record, recs, options), options);
    case 'court-result':
    case 'court-ending': return courtReturnContent(kind, record, options.today);
  }
}

function build(kind: DocKind, index: number, record: CaseRecord, recs: CaseRecords, options: DocumentOptions): BuildResult {
  const built = contentOf(kind, index, record, recs, options);
  if ('missing' in built) return { ok: false, missing: built.missing };
  const label = caseLabel(record);
  const base = {
    kind, id: docIdOf(kind, index), title: t(docTitle[kind]), caseLabel: label,
    // Exactly the printed content: kind, label and content — never updatedAt, version, needsReview.
    integrityCode: integrityCode({ kind, caseLabel: label, content: built.content }),
    warnings: built.warnings ?? [], content: built.content,
  };
  // The switch in contentOf pairs each kind with its own content type; TS cannot follow that
  // correlation through `kind: DocKind`, hence the one cast.
  const doc = { ...base, pages: 0 } as DocumentModel;
  return { ok: true, doc: { ...doc, pages: estimatePages(doc) } as DocumentModel };
}

export function buildDocument(kind: DocKind, record: CaseRecord, events: readonly CaseEvent[], options: DocumentOptions): BuildResult {
  return build(kind, options.index ?? 1, record, caseRecords(events), options);
}

/** One entry of the document list: what it is, whether it must be in the 卷宗, and the result. */
export interface FileEntry {
  id: string;
  kind: DocKind;
  index: number;
  /** List title, numbered when a case has several of a kind: 人民调解记录（第2次）. */
  title: string;
  isRequired: boolean;
  result: BuildResult;
}

interface Planned {
  kind: DocKind;
  index: number;
  isRequired: boolean;
  count: number;
}

/** The generated documents in 卷内目录 order, plus where the hand-added papers go. */
function plan(record: CaseRecord, recs: CaseRecords): (Planned | AttachmentKind)[] {
  const many = (kind: PerEventKind, count: number, isRequired: boolean): Planned[] =>
    count === 0 && isRequired
      ? [{ kind, index: 1, isRequired, count: 1 }]
      : Array.from({ length: count }, (_, i) => ({ kind, index: i + 1, isRequired, count }));
  const one = (kind: DocKind, isRequired: boolean): Planned => ({ kind, index: 1, isRequired, count: 1 });
  const mediated = record.status !== 'rejected';
  const agreementKind = record.agreement?.form === '口头' ? 'oral-agreement' : 'agreement';
  // An agreement is still expected while the case is open; a terminated case has none.
  const expectsAgreement = record.agreement !== null || record.status === 'accepted' || record.status === 'mediating';
  return [
    one(record.source === '申请' ? 'application' : 'registration', true),
    one('notice', true),
    'identity',
    'authorization',
    ...many('investigation', recs.investigations.length, false),
    'evidence',
    ...many('session', recs.sessions.length, mediated),
    ...(expectsAgreement ? [one(agreementKind, true)] : []),
    'receipts',
    ...many('visit', recs.visits.length, false),
    'confirmation',
    // 诉调对接: the letter back to the court, once the mediation has ended (or while it runs: still to come).
    ...(isCourtSource(record.source) && mediated ? [one(record.termination ? 'court-ending' : 'court-result', true)] : []),
    // 按需: in the 卷宗 only once the mediator has written one.
    ...(recs.explanations.length > 0 ? [one('explanation', false)] : []),
  ];
}

/** The 封底 closes the 卷宗 (item 13, 必须); it counts what `plan` puts before it. */
const BACK_COVER: Planned = { kind: 'back-cover', index: 1, isRequired: true, count: 1 };

function listTitle(p: Planned): string {
  const title = t(docTitle[p.kind]);
  return p.count > 1 ? t('doc.list.numbered', { title, n: chineseNumber(p.index) }) : title;
}

const documentItem = (p: Planned, record: CaseRecord, recs: CaseRecords, options: DocumentOptions): ContentsItem =>
  ({ type: 'document', id: docIdOf(p.kind, p.index), title: listTitle(p), result: build(p.kind, p.index, record, recs, options) });

/** The papers of the 目录 before the 封底. */
function bodyItems(record: CaseRecord, recs: CaseRecords, options: DocumentOptions): ContentsItem[] {
  return plan(record, recs).map((p) => (typeof p === 'string' ? { type: 'attachment', kind: p } : documentItem(p, record, recs, options)));
}

/** Every row of the 目录: the papers, then the 封底. */
function contentsItems(record: CaseRecord, recs: CaseRecords, options: DocumentOptions): ContentsItem[] {
  return [...bodyItems(record, recs, options), documentItem(BACK_COVER, record, recs, options)];
}

/** Every document of the case in binding order, each built (or listing what it lacks). */
export function caseFile(record: CaseRecord, events: readonly CaseEvent[], options: DocumentOptions): FileEntry[] {
  const recs = caseRecords(events);
  const entry = (p: Planned): FileEntry => ({
    id: docIdOf(p.kind, p.index), kind: p.kind, index: p.index, title: listTitle(p), isRequired: p.isRequired,
    result: build(p.kind, p.index, record, recs, options),
  });
  const planned = plan(record, recs).filter((p): p is Planned => typeof p !== 'string');
  const extras: Planned[] = record.agreement?.form === '书面' ? [{ kind: 'confirmation', index: 1, isRequired: false, count: 1 }] : [];
  return [
    entry({ kind: 'cover', index: 1, isRequired: true, count: 1 }),
    entry({ kind: 'contents', index: 1, isRequired: true, count: 1 }),
    ...planned.map(entry),
    entry(BACK_COVER),
    ...extras.map(entry),
  ];
}

/** One sheet group of the 全卷 print: a document, or where hand-added papers go. */
export type VolumeSheet =
  | { type: 'document'; doc: DocumentModel }
  | { type: 'insert'; kind: AttachmentKind; title: string; pages: number; range: string; lines: string[] };

export interface Volume {
  /** Empty while anything is incomplete: a 卷宗 is printed whole or not at all. */
  sheets: VolumeSheet[];
  /** Documents that cannot be built yet (the 目录 and 封底, which count them, are left out of this list). */
  incomplete: { id: string; title: string }[];
  /** What those documents lack, each field once, with where to fill it in. */
  missing: MissingField[];
}

/** An insert sheet is one page: it lists this many photos at most, then says how many more. */
const INSERT_PHOTO_LINES = 15;

/** The evidence photos to put in, in the order taken: what the insert sheet of 证据材料 lists. */
function photoLines(recs: CaseRecords): string[] {
  const photos = evidencePhotos(recs);
  const lines = photos.slice(0, INSERT_PHOTO_LINES).map((p, i) =>
    t('docs.insert.photo', { n: i + 1, name: p.data.name.slice(0, 30), date: formatDate(dateOfInstant(p.data.takenAt)) }));
  const more = photos.length - INSERT_PHOTO_LINES;
  return more > 0 ? [...lines, t('docs.insert.morePhotos', { n: more })] : lines;
}

/**
 * The 卷宗 as one print flow: 封面, 卷内目录, then every paper in 目录 order. Papers the app does not
 * print appear as one insert sheet each that stands for their pages, so the page numbers printed
 * on the following documents agree with the 目录.
 */
export function caseVolume(record: CaseRecord, events: readonly CaseEvent[], options: DocumentOptions): Volume {
  const recs = caseRecords(events);
  const items = contentsItems(record, recs, options);
  const front = (['cover', 'contents'] as const).map((kind) => ({ kind, result: build(kind, 1, record, recs, options) }));
  // The 目录 and 封底 are incomplete only because another paper is: naming them adds nothing.
  const failed = [
    ...front.filter((f) => f.kind === 'cover').map((f) => ({ id: f.kind as string, title: t(docTitle[f.kind]), result: f.result })),
    ...items.flatMap((i) => (i.type === 'document' && i.id !== 'back-cover' ? [{ id: i.id, title: i.title, result: i.result }] : [])),
  ].flatMap((f) => (f.result.ok ? [] : [{ id: f.id, title: f.title, missing: f.result.missing }]));
  const seen = new Set<string>();
  const missing = failed.flatMap((f) => f.missing).filter((m) => (seen.has(m.field) ? false : (seen.add(m.field), true)));
  const incomplete = failed.map(({ id, title }) => ({ id, title }));
  if (incomplete.length > 0 || front.some((f) => !f.result.ok)) return { sheets: [], incomplete, missing };
  const sheets: VolumeSheet[] = front.flatMap((f) => (f.result.ok ? [{ type: 'document' as const, doc: f.result.doc }] : []));
  for (const placed of placeItems(record, recs, items, options)) {
    const { item } = placed;
    if (item.type === 'document') {
      if (item.result.ok) sheets.push({ type: 'document', doc: item.result.doc });
    } else {
      const lines = item.kind === 'evidence' ? photoLines(recs) : [];
      sheets.push({ type: 'insert', kind: item.kind, title: placed.title, pages: placed.pages, range: placed.range, lines });
    }
  }
  return { sheets, incomplete, missing };
}
