// 转为受理: a 排查 finding as the 受理 form's draft ('new-case'): its facts, source 主动调解 (the
// committee found it, 人民调解法 Art 17), the category still to pick. The draft remembers the round
// and finding, so the saved case is linked back (new-case-screen.tsx).
import type { NewCaseDraft } from '../cases/new-case-screen.tsx';
import type { ScreeningFinding, ScreeningRecord } from '../../shared/screening.ts';
import { newPartyDraft } from '../../shared/fields/party-form.ts';
import { FORM_DRAFT_VERSION, emptyFormValues } from '../../shared/fields/case-fields.ts';
import { saveDraft } from '../../state/settings.ts';
import { today } from '../format.ts';

export function draftFromFinding(record: ScreeningRecord, finding: ScreeningFinding, mediator: string): NewCaseDraft {
  return {
    ...emptyFormValues(), v: FORM_DRAFT_VERSION, pickingCategory: true, source: '主动调解', acceptedOn: today(),
    parties: [newPartyDraft('申请人'), newPartyDraft('被申请人')], facts: finding.summary, claims: '', place: record.place, mediators: mediator,
    fromFinding: { screeningId: record.id, findingId: finding.id, heldOn: record.heldOn },
  };
}

export const saveFindingDraft = (record: ScreeningRecord, finding: ScreeningFinding, mediator: string): Promise<void> =>
  saveDraft('new-case', draftFromFinding(record, finding, mediator));
