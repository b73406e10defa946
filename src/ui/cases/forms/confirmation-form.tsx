// 司法确认 (人民调解法 Art 33): the parties' joint application to the court within 30 days of the
// agreement taking effect, and later the court's answer. One form for both moments: the mediator
// records the application, then comes back when the ruling arrives and changes 审查中 to it.

import type { CaseRecord, ConfirmationResult, JudicialConfirmation } from '../../../shared/case.ts';
import { confirmationResults } from '../../../shared/case.ts';
import { addDays } from '../../../shared/dates.ts';
import { t } from '../../../shared/i18n/index.ts';
import { CONFIRMATION_DAYS } from '../../../shared/reminders.ts';
import { recordConfirmation } from '../../../state/actions.ts';
import { areaName } from '../../../state/areas.ts';
import { ChoiceGroup, TextField } from '../../components/fields.tsx';
import { formatDate, today } from '../../format.ts';
import { ActionFrame, useActionForm } from './action-form.tsx';

interface ConfirmationDraft {
  appliedOn: string;
  court: string;
  result: ConfirmationResult | '';
  decidedOn: string;
}

function draftOf(record: CaseRecord): ConfirmationDraft {
  const c = record.judicialConfirmation;
  if (c) return { appliedOn: c.appliedOn, court: c.court, result: c.result, decidedOn: c.decidedOn ?? '' };
  // The court that delegated the case (诉调对接), else the basic court where the committee sits
  // (2011 SPC rules Art 2): the county's court.
  return { appliedOn: today(), court: record.court?.court ?? `${areaName(record.countyCode)}人民法院`, result: '审查中', decidedOn: '' };
}

export function ConfirmationForm(p: { record: CaseRecord }) {
  const form = useActionForm<ConfirmationDraft>(p.record, 'confirmation', () => draftOf(p.record));
  const d = form.draft.value;
  const e = form.submit.fields;
  const set = (patch: Partial<ConfirmationDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));
  const effectiveOn = p.record.agreement?.effectiveOn;
  const deadline = effectiveOn ? addDays(effectiveOn, CONFIRMATION_DAYS) : undefined;
  const pending = d.result === '审查中';
  const onSubmit = () => {
    // An unpicked result ('') and a ruling without its date (null) are refused by the shared
    // schema, each with its own field message.
    const confirmation: JudicialConfirmation = {
      appliedOn: d.appliedOn, court: d.court.trim(), result: d.result as ConfirmationResult, decidedOn: pending || d.decidedOn === '' ? null : d.decidedOn,
    };
    form.save((ctx) => recordConfirmation(ctx, p.record.id, confirmation));
  };
  return (
    <ActionFrame record={p.record} action="confirmation" form={form} onSubmit={onSubmit}>
      {deadline && <p class="hint">{t('confirmationForm.intro', { date: formatDate(deadline) })}</p>}
      <TextField id="appliedOn" type="date" label={t('confirmationForm.appliedOn')} required max={today()} value={d.appliedOn} error={e.appliedOn} onInput={(appliedOn) => set({ appliedOn })} />
      {deadline && d.appliedOn > deadline && <p class="warning" role="status">{t('confirmationForm.late')}</p>}
      <TextField id="court" label={t('confirmationForm.court')} hint={t('confirmationForm.court.hint')} required value={d.court} error={e.court} onInput={(court) => set({ court })} />
      <ChoiceGroup
        id="result" label={t('confirmationForm.result')} hint={t('confirmationForm.result.hint')} required value={d.result}
        choices={confirmationResults.map((x) => ({ value: x, label: x }))} error={e.result} onChange={(result) => set({ result })}
      />
      {!pending && (
        <TextField id="decidedOn" type="date" label={t('confirmationForm.decidedOn')} required max={today()} value={d.decidedOn} error={e.decidedOn} onInput={(decidedOn) => set({ decidedOn })} />
      )}
    </ActionFrame>
  );
}
