// The case's records in document order: superseded events are replaced by their correction, then
// each kind is sorted by when it happened (the time written on the record, not when it was typed),
// so `session-2` is always the second 调解 even if it was entered last. Withdrawn photos are
// superseded too, so they drop out of the 卷宗 like any replaced record.

import type { AttachmentData } from '../attachments.ts';
import type { CaseEvent, InvestigationData, SessionData, VisitData } from '../events.ts';
import { visibleEvents } from '../events.ts';

export interface CaseRecords {
  investigations: { id: string; data: InvestigationData }[];
  sessions: { id: string; data: SessionData }[];
  visits: { id: string; data: VisitData }[];
  /** Photos on record (withdrawn ones left out), in the order they were taken. */
  photos: { id: string; data: AttachmentData }[];
  /** Photos withdrawn from the case (a withdrawal note supersedes each). */
  withdrawnPhotos: number;
  /** Paragraphs of the 卷宗情况说明, oldest first; two devices' paragraphs both stay. */
  explanations: { id: string; text: string; at: string }[];
  /** When the case was archived / terminated (ISO instant of the transition), if it was. */
  archivedAt?: string;
  terminatedAt?: string;
}

const byTime = <T extends { id: string }>(time: (x: T) => string) => (a: T, b: T) =>
  time(a).localeCompare(time(b)) || a.id.localeCompare(b.id);

export function caseRecords(events: readonly CaseEvent[]): CaseRecords {
  const out: CaseRecords = { investigations: [], sessions: [], visits: [], photos: [], withdrawnPhotos: 0, explanations: [] };
  const attachmentIds = new Set(events.flatMap((e) => (e.kind === 'attachment' ? [e.id] : [])));
  // Counted over all events: a withdrawal that was itself corrected still withdraws its photo.
  // Distinct photos: two devices withdrawing the same photo still withdraw one.
  out.withdrawnPhotos = new Set(events.flatMap((e) =>
    e.kind === 'note' && e.data.topic === 'withdrawal' && e.supersedes !== undefined && attachmentIds.has(e.supersedes) ? [e.supersedes] : [])).size;
  for (const e of visibleEvents(events)) {
    switch (e.kind) {
      case 'investigation':
        out.investigations.push({ id: e.id, data: e.data });
        break;
      case 'session':
        out.sessions.push({ id: e.id, data: e.data });
        break;
      case 'visit':
        out.visits.push({ id: e.id, data: e.data });
        break;
      case 'transition':
        if (e.data.to === 'archived') out.archivedAt = e.at;
        if (e.data.to === 'terminated') out.terminatedAt = e.at;
        break;
      case 'attachment':
        out.photos.push({ id: e.id, data: e.data });
        break;
      case 'note':
        if (e.data.topic === 'file-explanation') out.explanations.push({ id: e.id, text: e.data.text, at: e.at });
        break;
    }
  }
  out.investigations.sort(byTime((x) => x.data.at));
  out.sessions.sort(byTime((x) => x.data.at));
  out.visits.sort(byTime((x) => x.data.on));
  out.photos.sort(byTime((x) => x.data.takenAt));
  out.explanations.sort(byTime((x) => x.at));
  return out;
}
