// Taking a lifecycle step: the command both the device and the server run. Kept apart from
// lifecycle.ts because it validates the step's data (valibot), which screens that only show a
// status must not load on first paint.

import type { CaseRecord } from './case.ts';
import { nextStatuses, type TransitionArgs } from './lifecycle.ts';
import { validateAgreement, validateRejection, validateTermination, type FieldErrors } from './validation.ts';
import { agreementRuleErrors } from './case-rules.ts';

export type TransitionResult =
  | { ok: true; record: CaseRecord }
  | { ok: false; code: 'transition.stale' | 'transition.illegal' | 'transition.invalid' | 'case.voided'; fields?: FieldErrors };

/** Applies a transition command; pure. `stale` = the case is no longer in `from` (changed elsewhere). */
export function applyTransition(record: CaseRecord, args: TransitionArgs, at: string): TransitionResult {
  if (record.voided) return { ok: false, code: 'case.voided' };
  if (record.status !== args.from) return { ok: false, code: 'transition.stale' };
  if (!nextStatuses(args.from).includes(args.to)) return { ok: false, code: 'transition.illegal' };
  const base = { ...record, status: args.to, updatedAt: at };
  switch (args.to) {
    case 'agreed': {
      // Field rules first; the rules across fields (dates in order, the sum) only on well-formed input.
      const own = args.agreement ? validateAgreement(args.agreement) : { agreement: 'validation.required' as const };
      const fields = args.agreement && Object.keys(own).length === 0 ? agreementRuleErrors(record, args.agreement) : own;
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

