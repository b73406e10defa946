// The case lifecycle of domain.md §2.3 as a state machine: the states and the legal steps. The
// command that takes a step (with its data checks) is in transition.ts, checked on both sides
// (device and server) by the same function; an illegal step is refused and changes nothing.
//
//   受理(accepted) → 调解中(mediating) → 调解成功(agreed) → 已回访(visited) → 归档(archived)
//                  ↘                   ↘ 调解不成(terminated) ─────────────↗
//                    不予受理(rejected) ───────────────────────────────────↗

import type { Agreement, Rejection, Termination } from './case.ts';

export const caseStatuses = ['accepted', 'mediating', 'agreed', 'terminated', 'visited', 'archived', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export type CaseOutcome = 'success' | 'failure' | 'rejected' | null;

export interface TransitionArgs {
  from: CaseStatus;
  to: CaseStatus;
  agreement?: Agreement;
  termination?: Termination;
  rejection?: Rejection;
}

const allowed: Record<CaseStatus, readonly CaseStatus[]> = {
  accepted: ['mediating', 'agreed', 'terminated', 'rejected'],
  mediating: ['agreed', 'terminated'],
  agreed: ['visited', 'archived'],
  terminated: ['archived'],
  visited: ['archived'],
  rejected: ['archived'],
  archived: [],
};

export function nextStatuses(status: CaseStatus): readonly CaseStatus[] {
  return allowed[status];
}

/** Open = still being worked on by the mediator (counts as 未结 in statistics). */
export function isOpen(status: CaseStatus): boolean {
  return status === 'accepted' || status === 'mediating';
}
