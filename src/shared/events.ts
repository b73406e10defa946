// Append-only children of a case (人民调解法 Art 27 调解工作记录): sessions, investigations,
// follow-up visits, notes, status changes and attachments. Never edited in place: a correction is
// a new event with `supersedes` = the id it replaces, so two devices can never conflict over one.

import type { CaseStatus } from './lifecycle.ts';
import type { PerformanceStatus } from './case.ts';
import type { AttachmentData } from './attachments.ts';

export interface SessionData {
  at: string;
  place: string;
  /** 参加人: invited relatives, neighbours, experts (Art 20) — not parties or mediators. */
  participants: string[];
  statements: { partyName: string; text: string }[];
  /** What was agreed, or why not. */
  result: string;
  recorder?: string;
}

export interface InvestigationData {
  at: string;
  place: string;
  investigators: string[];
  subject: string;
  content: string;
}

export interface VisitData {
  on: string;
  visitedPerson: string;
  performance: PerformanceStatus;
  /** 未记载: a visit taken over from a paper ledger that noted only 履行 (server/import). */
  satisfaction: '满意' | '基本满意' | '不满意' | '未记载';
  notes: string;
}

export interface TransitionData {
  from: CaseStatus;
  to: CaseStatus;
}

/**
 * What a note is about when it is more than a remark. 'file-explanation': a paragraph of the
 * 卷宗情况说明 (domain.md §2.1 item 12). 'withdrawal': the event it `supersedes` (a photo) is
 * withdrawn; `text` is the audit line (who, why), never the photo itself. 'resolution': a 待核对
 * conflict was decided (办理经过 shows who decided which field). Absent: a plain 备注.
 * A note so marked still reads as a note everywhere that does not know the topic.
 */
export type NoteTopic = 'file-explanation' | 'withdrawal' | 'resolution' | 'referral';
/**
 * The topics a phone may write. 'referral' (移交 sent, 接收, 退回; referral.ts) is written by the
 * server alone when it applies the referral's mutation, so a phone can never forge that history.
 */
export const noteTopics: readonly NoteTopic[] = ['file-explanation', 'withdrawal', 'resolution'];

/** A 移交 step in the case's history: `text` of the note is the reason (empty for 接收). */
export interface ReferralStep {
  referralId: string;
  action: 'sent' | 'accepted' | 'returned';
  from: string;
  to: string;
}

export interface NoteData {
  text: string;
  topic?: NoteTopic;
  /**
   * 'resolution': a 待核对 conflict decided — `text` is the field path, this says whether the value
   * applied first was kept. Written by the mutator, so every device and the server agree.
   */
  decision?: 'kept' | 'changed';
  /** 'referral': which step, between which committees (names). */
  referral?: ReferralStep;
}

export type EventBody =
  | { kind: 'session'; data: SessionData }
  | { kind: 'investigation'; data: InvestigationData }
  | { kind: 'visit'; data: VisitData }
  | { kind: 'note'; data: NoteData }
  | { kind: 'transition'; data: TransitionData }
  /** A photo's metadata; its bytes are uploaded separately by hash (attachments.ts). */
  | { kind: 'attachment'; data: AttachmentData };

export type CaseEvent = EventBody & {
  id: string;
  caseId: string;
  villageCode: string;
  townCode: string;
  countyCode: string;
  /** When it happened, for the timeline (ISO timestamp; device-reported, display only). */
  at: string;
  supersedes?: string;
  author: string;
};

export type EventKind = CaseEvent['kind'];

/** The events a timeline shows: superseded ones are hidden behind their correction. */
export function visibleEvents<E extends Pick<CaseEvent, 'id' | 'supersedes'>>(events: readonly E[]): E[] {
  const replaced = new Set(events.map((e) => e.supersedes).filter((id): id is string => id !== undefined));
  return events.filter((e) => !replaced.has(e.id));
}
