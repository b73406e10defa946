// A received request as the 受理 form's draft ('new-case'): category, the applicant with their
// phone, the other party and the facts filled in, source 当事人申请. The mediator checks the rest.
import type { NewCaseDraft } from '../cases/new-case-screen.tsx';
import type { ReceivedRequest } from '../../shared/requests-api.ts';
import { newPartyDraft } from '../../shared/fields/party-form.ts';
import { FORM_DRAFT_VERSION, emptyFormValues } from '../../shared/fields/case-fields.ts';
import { saveDraft } from '../../state/settings.ts';
import { today } from '../format.ts';

export function draftFromRequest(r: ReceivedRequest, mediator: string): NewCaseDraft {
  return {
    ...emptyFormValues(), v: FORM_DRAFT_VERSION, categoryCode: r.categoryCode, pickingCategory: false, source: '申请', acceptedOn: today(), fromRequest: r.number,
    parties: [
      { ...newPartyDraft('申请人'), name: r.applicantName, phone: r.phone, showMore: true },
      { ...newPartyDraft('被申请人'), name: r.otherParty },
    ],
    facts: r.facts, claims: '', place: '', mediators: mediator, intakePoint: r.intakePoint ?? '',
  };
}

export const saveRequestDraft = (r: ReceivedRequest, mediator: string): Promise<void> => saveDraft('new-case', draftFromRequest(r, mediator));
