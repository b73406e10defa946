// The content rules of a court case's reference (court.ts), as valibot schemas: each part of the
// form refused with the sentence that says what to write, the 案号 by its own rule, and the rule
// across 案件来源 and the reference (a 法院委派/委托 case has one, no other case does).

import * as v from 'valibot';
import { checkCourtCaseNo, isCourtSource, type CaseNoProblem } from './court.ts';
import { isoDate, k, requiredText } from './validation.ts';
import type { MessageKey } from './i18n/index.ts';

const caseNoMessage: Record<CaseNoProblem, MessageKey> = {
  required: 'court.caseNo.required', year: 'court.caseNo.year', court: 'court.caseNo.court', type: 'court.caseNo.type', number: 'court.caseNo.number',
};

const courtCaseNo = v.pipe(
  v.string(k('court.caseNo.required')),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const checked = checkCourtCaseNo(dataset.value);
    if (!checked.ok) addIssue({ message: caseNoMessage[checked.error] });
  }),
);

export const CourtReferralSchema = v.pipe(
  v.object({
    court: requiredText(100, 'court.name.required'),
    caseNo: courtCaseNo,
    judge: requiredText(50, 'court.judge.required'),
    referredOn: isoDate('court.referredOn.invalid'),
    deadline: isoDate('court.deadline.invalid'),
    returnedOn: v.nullish(isoDate('court.returnedOn.invalid')),
  }),
  v.forward(v.check((c) => c.deadline >= c.referredOn, k('court.deadline.beforeReferred')), ['deadline']),
  v.forward(v.check((c) => c.returnedOn == null || c.returnedOn >= c.referredOn, k('court.returnedOn.beforeReferred')), ['returnedOn']),
);

function issueAt(key: 'court' | 'source', message: MessageKey, input: Record<string, unknown>) {
  const at: v.ObjectPathItem = { type: 'object', origin: 'value', input, key, value: input[key] };
  return { message, path: [at] as [v.ObjectPathItem] };
}

/** 案件来源 and the court reference agree: required for 法院委派/委托, absent otherwise. */
export const courtSourceRule = <T extends { source: unknown; court: unknown }>() => v.rawCheck<T>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const x = dataset.value as unknown as Record<string, unknown>;
  const hasCourt = x.court !== null && x.court !== undefined;
  if (typeof x.source === 'string' && isCourtSource(x.source) && !hasCourt) addIssue(issueAt('court', 'court.required', x));
  else if (typeof x.source === 'string' && !isCourtSource(x.source) && hasCourt) addIssue(issueAt('source', 'court.notCourtSource', x));
});
