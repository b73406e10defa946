// Rules across a case's fields and records, run by the phone's forms and by the server on every
// push (server/sync/validate.ts), so both refuse the same thing with the same sentence:
// - dates in order: 受理 ≤ 调解 ≤ 协议生效 ≤ 履行期限, 回访 after the agreement;
// - money in an agreement stated as a court can enforce it (amount, way, time, place);
// - an oral agreement with money or later performance flagged to be written (若干规定 Art 34) —
//   advice whose answer is recorded (`oralChosen`), never a refusal;
// - what follows an agreement: a 回访 finding 未履行 opens 督促履行 (若干规定 Art 39), and the
//   司法确认 risk that depends on what the agreement disposes of (民诉法解释 Art 355).

import type { Agreement, CaseRecord, FollowUp, PreventionFlags } from './case.ts';
import { followUpOf } from './follow-up.ts';
import type { SessionData, VisitData } from './events.ts';
import { addDays, localDate } from './dates.ts';
import type { FieldErrors } from './validation.ts';

/** Days the mediator has to urge performance after a 回访 found the agreement unperformed. */
export const URGE_DAYS = 7;

/** The calendar day (Beijing) of a session's ISO instant. */
export const sessionDay = (s: Pick<SessionData, 'at'>): string => {
  const at = new Date(s.at);
  return Number.isNaN(at.getTime()) ? '' : localDate(at);
};

/**
 * Date problems of an agreement on its case, keyed like the form's fields. `sessionDays` are the
 * days of the case's sessions when known (the device has them; the server checks the record).
 */
export function agreementDateErrors(record: Pick<CaseRecord, 'acceptedOn'>, a: Agreement, sessionDays: readonly string[] = []): FieldErrors {
  const errors: FieldErrors = {};
  const lastSession = [...sessionDays].filter((d) => d !== '').sort().at(-1);
  if (a.effectiveOn < record.acceptedOn) errors.effectiveOn = 'rules.agreement.beforeAccepted';
  else if (lastSession !== undefined && a.effectiveOn < lastSession) errors.effectiveOn = 'rules.agreement.beforeSession';
  if (a.performanceDeadline < a.effectiveOn) errors.performanceDeadline = 'rules.deadline.beforeAgreement';
  (a.money ?? []).forEach((m, i) => {
    if (m.deadline < a.effectiveOn) errors[`money.${i}.deadline`] = 'rules.deadline.beforeAgreement';
    else if (m.deadline > a.performanceDeadline) errors[`money.${i}.deadline`] = 'rules.money.afterDeadline';
  });
  return errors;
}

/** The 协议涉及金额 is the sum of its money terms when they are given. */
export function moneyErrors(a: Agreement): FieldErrors {
  const money = a.money ?? [];
  if (money.length === 0) return {};
  const sum = Math.round(money.reduce((n, m) => n + m.amountYuan, 0) * 100) / 100;
  return Math.abs(sum - a.amountYuan) > 0.001 ? { amountYuan: 'rules.money.sum' } : {};
}

/** Money or something still to be done later: Art 34 wants such an agreement in writing. */
export function shouldBeWritten(a: Agreement): boolean {
  return a.form === '口头' && (a.amountYuan > 0 || (a.money ?? []).length > 0 || a.performanceDeadline > a.effectiveOn);
}

/** The advice still unanswered: an oral agreement that should be written, with no choice recorded. */
export function oralAdvicePending(a: Agreement): boolean {
  return shouldBeWritten(a) && a.oralChosen !== true;
}

/** All rules of an agreement being recorded on a case (the form shows them; the server refuses them). */
export function agreementRuleErrors(record: Pick<CaseRecord, 'acceptedOn'>, a: Agreement, sessionDays: readonly string[] = []): FieldErrors {
  return { ...moneyErrors(a), ...agreementDateErrors(record, a, sessionDays) };
}

/** A changed 受理日期 must stay before what already happened on the case. */
export function acceptedOnErrors(record: Pick<CaseRecord, 'agreement'>, acceptedOn: string): FieldErrors {
  const a = record.agreement;
  return a && acceptedOn > a.effectiveOn ? { acceptedOn: 'rules.accepted.afterAgreement' } : {};
}

/** A session happens after 受理 and, once there is an agreement, not after it took effect. */
export function sessionErrors(record: Pick<CaseRecord, 'acceptedOn' | 'agreement'>, s: Pick<SessionData, 'at'>): FieldErrors {
  const day = sessionDay(s);
  if (day === '') return {};
  if (day < record.acceptedOn) return { at: 'rules.session.beforeAccepted' };
  if (record.agreement && day > record.agreement.effectiveOn) return { at: 'rules.session.afterAgreement' };
  return {};
}

/** A 回访 checks an agreement's performance, so it comes after the agreement took effect. */
export function visitErrors(record: Pick<CaseRecord, 'agreement'>, v: Pick<VisitData, 'on'>): FieldErrors {
  const a = record.agreement;
  return a && v.on < a.effectiveOn ? { on: 'rules.visit.beforeAgreement' } : {};
}

/**
 * The follow-up after a 回访: 未履行 opens a 督促履行 step due URGE_DAYS later (if none is open);
 * a visit finding it performed closes an open one. Undefined when nothing changes.
 */
export function followUpAfterVisit(record: Pick<CaseRecord, 'followUp'>, v: Pick<VisitData, 'on' | 'performance'>): FollowUp | undefined {
  const current = followUpOf(record);
  const open = current.urge !== null && current.urge.doneOn === null;
  if (v.performance === '未履行' && !open) {
    return { ...current, urge: { openedOn: v.on, due: addDays(v.on, URGE_DAYS), doneOn: null, note: '' } };
  }
  if (v.performance === '已履行' && open && current.urge) return { ...current, urge: { ...current.urge, doneOn: v.on } };
  return undefined;
}

/** Checks a follow-up as stored: dates real and in order. */
export function followUpErrors(record: Pick<CaseRecord, 'agreement'>, f: FollowUp): FieldErrors {
  const errors: FieldErrors = {};
  const from = record.agreement?.effectiveOn;
  if (f.urge) {
    if (from !== undefined && f.urge.openedOn < from) errors['urge.openedOn'] = 'rules.visit.beforeAgreement';
    if (f.urge.due < f.urge.openedOn) errors['urge.due'] = 'rules.urge.dueBeforeOpened';
    if (f.urge.doneOn !== null && f.urge.doneOn < f.urge.openedOn) errors['urge.doneOn'] = 'rules.urge.doneBeforeOpened';
  }
  if (f.confirmationWaivedOn !== null && from !== undefined && f.confirmationWaivedOn < from) errors.confirmationWaivedOn = 'rules.waived.beforeAgreement';
  return errors;
}

/**
 * 报告公安 (人民调解法 Art 25) is asked, and printed, only for a dispute that could turn into a
 * 治安 or 刑事 case: one flagged as a prevented 刑事案件 or 群体性械斗.
 */
export function policeReportRelevant(prevention: Pick<PreventionFlags, 'criminal' | 'groupFight'>): boolean {
  return prevention.criminal > 0 || prevention.groupFight > 0;
}
