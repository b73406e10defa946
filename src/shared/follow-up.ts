// What follows an agreement, read from the record alone: the follow-up (督促履行, 司法确认 waived)
// and the 司法确认 risk of what the agreement disposes of. Apart from case-rules.ts because the
// reminders on the first screens need these and none of the rules' messages.

import type { Agreement, AgreementConcern, CaseRecord, FollowUp } from './case.ts';

const noFollowUp: FollowUp = { urge: null, confirmationWaivedOn: null };
export const followUpOf = (record: Pick<CaseRecord, 'followUp'>): FollowUp => record.followUp ?? noFollowUp;

/**
 * Why a court would not confirm this agreement (民诉法解释 Art 355): only what it disposes of
 * matters — a 赡养费 or 抚养费 agreement of a 婚姻家庭 case is confirmable, a 离婚 is not.
 */
export function confirmationRisk(a: Pick<Agreement, 'concerns'> | null): 'status' | 'title' | undefined {
  const concerns: readonly AgreementConcern[] = a?.concerns ?? [];
  if (concerns.includes('身份关系')) return 'status';
  if (concerns.includes('物权确权')) return 'title';
  return undefined;
}

/** The package needs the proof of the right when the agreement deals with 物权 at all. */
export const involvesProperty = (a: Pick<Agreement, 'concerns'> | null): boolean =>
  (a?.concerns ?? []).some((c) => c === '物权' || c === '物权确权');
