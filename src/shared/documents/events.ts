// The case's records in document order: superseded events are replaced by their correction, then
// each kind is sorted by when it happened (the time written on the record, not when it was typed),
// so `session-2` is always the second 调解 even if it was entered last.

import type { CaseEvent, InvestigationData, SessionData, VisitData } from '../events.ts';
import { visibleEvents } from '../events.ts';

export interface CaseRecords {
  investigations: { id: string; data: InvestigationData }[];
  sessions: { id: string; data: SessionData }[];
  visits: { id: string; data: VisitData }[];
  /** When the case was archived / terminated (ISO instant of the transition), if it was. */
  archivedAt?: string;
  terminatedAt?: string;
}

const byTime = <T extends { id: string }>(time: (x: T) => string) => (a: T, b: T) =>
  time(a).localeCompare(time(b)) || a.id.localeCompare(b.id);

export function caseRecords(events: readonly CaseEvent[]): CaseRecords {
  const out: CaseRecords = { investigations: [], sessions: [], visits: [] };
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
      case 'note':
        break;
    }
  }
  out.investigations.sort(byTime((x) => x.data.at));
  out.sessions.sort(byTime((x) => x.data.at));
  out.visits.sort(byTime((x) => x.data.on));
  return out;
}
