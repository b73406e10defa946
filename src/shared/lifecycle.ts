// The case lifecycle of domain.md §2.3 as a state machine. A transition is a command checked on
// both sides (device and server) by the same function; an illegal one is refused with a Chinese
// message and changes nothing.
//
//   受理(accepted) → 调解中(mediating) → 调解成功(agreed) → 已回访(visited) → 归档(archived)
//                  ↘                   ↘ 调解不成(terminated) ─────────────↗
//                    不予受理(rejected) ───────────────────────────────────↗

import type { Agreement, CaseRecord, Rejection, Termination } from './case.ts';
import { validateAgreement, validateRejection, validateTermination, type FieldErrors } from './validation.ts';

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

export type TransitionResult =
  | { ok: true; record: CaseRecord }
  | { ok: false; code: 'transition.stale' | 'transition.illegal' | 'transition.invalid' | 'case.voided'; fields?: FieldErrors };

/** Applies a transition command; pure. `stale` = the case is no longer in `from` (changed elsewhere). */
export function applyTransition(record: CaseRecord, args: TransitionArgs, at: string): TransitionResult {
  if (record.voided) return { ok: false, code: 'case.voided' };
  if (record.status !== args.from) return { ok: false, code: 'transition.stale' };
  if (!allowed[args.from].includes(args.to)) return { ok: false, code: 'transition.illegal' };
  const base = { ...record, status: args.to, updatedAt: at };
  switch (args.to) {
    case 'agreed': {
      const fields = args.agreement ? validateAgreement(args.agreement) : { agreement: 'validation.required' as const };
      if (!args.agreement || Object.keys(fields).length > 0) return { ok: false, code: 'transition.invalid', fields };
      return { ok: true, record: { ...base, outcome: 'success', agreement: args.agreement } };
    }
    case 'terminated': {
      const fields = args.termination ? validateTermination(args.termination) : { termination: 'validation.required' as const };
      if (!args.termination || Object.keys(fields).length > 0) return { ok: false, code: 'transition.invalid', fields };
      return { ok: true, record: { ...base, outcome: 'failure', termination: args.termination } };
    }
    case 'rejected': {
      const fields = args.rejection ? validateRejection(args.rejection) : { rejection: 'validation.required' as const };
      if (!args.rejection || Object.keys(fields).length > 0) return { ok: false, code: 'transition.invalid', fields };
      return { ok: true, record: { ...base, outcome: 'rejected', rejection: args.rejection } };
    }
    case 'mediating':
    case 'visited':
    case 'archived':
      return { ok: true, record: base };
    case 'accepted':
      return { ok: false, code: 'transition.illegal' };
  }
}

/** Open = still being worked on by the mediator (counts as 未结 in statistics). */
export function isOpen(status: CaseStatus): boolean {
  return status === 'accepted' || status === 'mediating';
}
