// Which forms a case offers: the lifecycle's next legal steps (nextStatuses) plus the records that
// may be added while it is open. Buttons for anything else are never shown.

import type { CaseRecord } from '../../shared/case.ts';
import { followUpOf } from '../../shared/follow-up.ts';
import { isOpen, nextStatuses, type CaseStatus } from '../../shared/lifecycle.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';

export const caseActions = ['session', 'investigation', 'agreement', 'terminate', 'reject', 'visit', 'confirmation', 'followup', 'note', 'archive', 'flags', 'void'] as const;
export type CaseAction = (typeof caseActions)[number];

export function isCaseAction(value: string): value is CaseAction {
  return (caseActions as readonly string[]).includes(value);
}

export const actionLabel: Record<CaseAction, MessageKey> = {
  session: 'action.session',
  investigation: 'action.investigation',
  agreement: 'action.agreement',
  terminate: 'action.terminate',
  reject: 'action.reject',
  visit: 'action.visit',
  confirmation: 'action.confirmation',
  followup: 'action.followup',
  note: 'action.note',
  archive: 'action.archive',
  flags: 'action.flags',
  void: 'action.void',
};

const byTarget: [CaseStatus, CaseAction][] = [
  ['agreed', 'agreement'],
  ['terminated', 'terminate'],
  ['rejected', 'reject'],
  ['visited', 'visit'],
  ['archived', 'archive'],
];

/** The action buttons of a case, in the order shown; the first is the usual next step. */
export function actionsFor(record: Pick<CaseRecord, 'status' | 'voided' | 'agreement' | 'outcome' | 'followUp' | 'judicialConfirmation'>): CaseAction[] {
  if (record.voided) return [];
  const next = nextStatuses(record.status);
  const out: CaseAction[] = isOpen(record.status) ? ['session', 'investigation'] : [];
  for (const [status, action] of byTarget) if (next.includes(status)) out.push(action);
  // 司法确认 of a written agreement (Art 33); the court's answer may come after 归档 too.
  if (record.outcome === 'success' && record.agreement?.form === '书面') out.push('confirmation');
  // 督促履行 once a 回访 found 未履行; the parties' waiver while no 司法确认 was applied for.
  const f = followUpOf(record);
  const urgeOpen = f.urge !== null && f.urge.doneOn === null;
  const mayWaive = record.agreement?.form === '书面' && !record.judicialConfirmation && f.confirmationWaivedOn === null;
  if (record.outcome === 'success' && (urgeOpen || mayWaive)) out.push('followup');
  out.push('note', 'void');
  return out;
}

/** The button drawn as the primary one: the step a mediator most likely takes next. */
export function primaryAction(record: Pick<CaseRecord, 'status' | 'voided' | 'agreement' | 'outcome' | 'followUp' | 'judicialConfirmation'>): CaseAction | undefined {
  const actions = actionsFor(record);
  const f = followUpOf(record);
  if (f.urge !== null && f.urge.doneOn === null) return 'followup';
  return actions.includes('session') ? 'session' : actions.includes('visit') ? 'visit' : actions.includes('archive') ? 'archive' : undefined;
}
