// /cases/:id/:action — one form per action. Which actions a case offers is decided on the detail
// screen (case-actions.ts); a form opened by URL for an illegal step is refused by the action
// itself with its Chinese message, and nothing changes.

import { useRoute } from 'preact-iso';
import { useCase } from '../../state/case-queries.ts';
import { t } from '../../shared/i18n/index.ts';
import { isCaseAction } from './case-actions.ts';
import { AgreementForm } from './forms/agreement-form.tsx';
import { ConfirmationForm } from './forms/confirmation-form.tsx';
import { ArchiveForm, RejectForm, TerminateForm, VoidForm } from './forms/outcome-forms.tsx';
import { InvestigationForm, SessionForm } from './forms/session-form.tsx';
import { FlagsForm, NoteForm, VisitForm } from './forms/visit-form.tsx';
import { FollowUpForm } from './forms/follow-up-form.tsx';
import { CaseNotReady } from './case-missing.tsx';

const forms = {
  session: SessionForm,
  investigation: InvestigationForm,
  agreement: AgreementForm,
  terminate: TerminateForm,
  reject: RejectForm,
  visit: VisitForm,
  confirmation: ConfirmationForm,
  followup: FollowUpForm,
  note: NoteForm,
  archive: ArchiveForm,
  flags: FlagsForm,
  void: VoidForm,
} as const;

export function CaseActionScreen() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const action = params.action ?? '';
  const live = useCase(id);
  if (!isCaseAction(action)) {
    return (
      <section class="screen">
        <p role="alert">{t('action.unknown')}</p>
        <p><a class="button" href={`/cases/${id}`}>{t('common.back')}</a></p>
      </section>
    );
  }
  if (!live.value) return <CaseNotReady live={live} />;
  const Form = forms[action];
  // Keyed by case and action so switching between forms never carries one draft into another.
  return <Form key={`${id}:${action}`} record={live.value} />;
}
