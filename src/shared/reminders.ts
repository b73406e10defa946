// Due dates a mediator must not miss, computed on the device from the case alone:
// 一个月内调结 (若干规定 Art 33), 劳动争议 15 日 (劳动争议调解仲裁法 Art 14), 司法确认 30 日
// (人民调解法 Art 33), the 回访 to check performance (Art 31) and the 督促履行 a 回访 finding
// 未履行 opens (若干规定 Art 39). Pure; `today` is injected.

import type { Agreement, CaseRecord } from './case.ts';
import { addDays, daysBetween } from './dates.ts';
import { isOpen } from './lifecycle.ts';
import { confirmationRisk, followUpOf } from './follow-up.ts';
import { COURT_DUE_SOON_DAYS, isCourtSource } from './court.ts';

export type ReminderKind = 'oneMonth' | 'labour15' | 'confirmation' | 'visit' | 'urge' | 'court' | 'courtReturn';

export interface Reminder {
  kind: ReminderKind;
  caseId: string;
  due: string;
  /** Days left; negative when overdue. */
  daysLeft: number;
  /** For 司法确认: why the court may refuse this category. */
  risk?: 'status' | 'title';
  /** For 诉调对接: the court the case came from (and goes back to). */
  court?: string;
}

export const ONE_MONTH_DAYS = 30;
export const CONFIRMATION_DAYS = 30;
export const LABOUR_MEDIATION_DAYS = 15;

/** The 回访 is due when performance falls due, at the latest a month after the agreement took effect. */
export function visitDueOn(agreement: Pick<Agreement, 'effectiveOn' | 'performanceDeadline'>): string {
  const latest = addDays(agreement.effectiveOn, ONE_MONTH_DAYS);
  return agreement.performanceDeadline < latest ? agreement.performanceDeadline : latest;
}

export function remindersFor(record: CaseRecord, today: string): Reminder[] {
  if (record.voided) return [];
  const out: Reminder[] = [];
  const push = (kind: ReminderKind, due: string, extra: Partial<Reminder> = {}) =>
    out.push({ kind, caseId: record.id, due, daysLeft: daysBetween(today, due), ...extra });

  if (isOpen(record.status)) {
    push('oneMonth', addDays(record.acceptedOn, ONE_MONTH_DAYS));
    if (record.categoryCode.startsWith('10')) push('labour15', addDays(record.acceptedOn, LABOUR_MEDIATION_DAYS));
  }
  // 诉调对接: the court's deadline once it is near or past, then the result owed to the court.
  const court = record.court;
  if (court && isCourtSource(record.source)) {
    const left = daysBetween(today, court.deadline);
    if (isOpen(record.status) && left <= COURT_DUE_SOON_DAYS) push('court', court.deadline, { court: court.court });
    const ended = record.outcome === 'success' || record.outcome === 'failure';
    if (ended && court.returnedOn === null && record.status !== 'archived') push('courtReturn', court.deadline, { court: court.court });
  }
  const agreement = record.agreement;
  const followUp = followUpOf(record);
  if (agreement && (record.status === 'agreed' || record.status === 'visited')) {
    const due = addDays(agreement.effectiveOn, CONFIRMATION_DAYS);
    // Shown until applied for or waived by the parties — an overdue one stays, in red: the court
    // may still be asked, and the mediator must record what the parties decided.
    if (agreement.form === '书面' && !record.judicialConfirmation && followUp.confirmationWaivedOn === null) {
      const risk = confirmationRisk(agreement);
      push('confirmation', due, risk ? { risk } : {});
    }
  }
  const urge = followUp.urge;
  if (agreement && urge && urge.doneOn === null && record.status !== 'archived') push('urge', urge.due);
  if (agreement && record.status === 'agreed') push('visit', visitDueOn(agreement));
  return out;
}
