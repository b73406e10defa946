// What follows an agreement besides the 回访: the 督促履行 a 回访 finding 未履行 opened (若干规定
// Art 39) — the day the mediator urged performance and what was said — and the parties' decision
// not to apply for 司法确认, which ends that reminder. Both are one header field, merged like any other.

import type { CaseRecord } from '../../../shared/case.ts';
import { followUpOf } from '../../../shared/follow-up.ts';
import { t } from '../../../shared/i18n/index.ts';
import { recordFollowUp } from '../../../state/actions.ts';
import { CheckField, TextArea, TextField } from '../../components/fields.tsx';
import { formatDate, today } from '../../format.ts';
import { ActionFrame, useActionForm } from './action-form.tsx';

interface FollowUpDraft {
  urgedOn: string;
  note: string;
  waive: boolean;
  waivedOn: string;
}

export function FollowUpForm(p: { record: CaseRecord }) {
  const current = followUpOf(p.record);
  const urge = current.urge !== null && current.urge.doneOn === null ? current.urge : null;
  const canWaive = p.record.agreement?.form === '书面' && !p.record.judicialConfirmation && current.confirmationWaivedOn === null;
  const form = useActionForm<FollowUpDraft>(p.record, 'followup', () => ({ urgedOn: today(), note: '', waive: false, waivedOn: today() }));
  const d = form.draft.value;
  const e = form.submit.fields;
  const set = (patch: Partial<FollowUpDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));
  const onSubmit = () =>
    form.save((ctx) => recordFollowUp(ctx, p.record.id, (f) => ({
      urge: urge && f.urge ? { ...f.urge, doneOn: d.urgedOn, note: d.note.trim() } : f.urge,
      confirmationWaivedOn: canWaive && d.waive ? d.waivedOn : f.confirmationWaivedOn,
    })));
  return (
    <ActionFrame record={p.record} action="followup" form={form} onSubmit={onSubmit}>
      {urge && (
        <fieldset class="field-group" data-testid="urge">
          <legend>{t('followUp.urge')}</legend>
          <p class="hint">{t('followUp.urge.hint', { opened: formatDate(urge.openedOn), due: formatDate(urge.due) })}</p>
          <TextField id="urgedOn" type="date" label={t('followUp.urgedOn')} required max={today()} value={d.urgedOn} error={e['urge.doneOn']} onInput={(urgedOn) => set({ urgedOn })} />
          <TextArea id="note" label={t('followUp.note')} rows={3} value={d.note} error={e['urge.note']} onInput={(note) => set({ note })} />
        </fieldset>
      )}
      {canWaive && (
        <fieldset class="field-group" data-testid="waive">
          <legend>{t('followUp.confirmation')}</legend>
          <CheckField id="waive" label={t('followUp.waive')} checked={d.waive} onChange={(waive) => set({ waive })} />
          {d.waive && <TextField id="waivedOn" type="date" label={t('followUp.waivedOn')} required max={today()} value={d.waivedOn} error={e.confirmationWaivedOn} onInput={(waivedOn) => set({ waivedOn })} />}
        </fieldset>
      )}
      {!urge && !canWaive && <p class="notice">{t('followUp.nothing')}</p>}
    </ActionFrame>
  );
}

/** "督促履行：2026年12月1日起，2026年12月8日前；已于…督促" — the detail card and the 待核对 inbox. */
export function followUpText(f: Partial<ReturnType<typeof followUpOf>>): string {
  const parts: string[] = [];
  const urge = f.urge;
  if (urge) {
    parts.push(urge.doneOn
      ? t('followUp.text.urged', { date: formatDate(urge.doneOn), note: urge.note })
      : t('followUp.text.urgeOpen', { opened: formatDate(urge.openedOn), due: formatDate(urge.due) }));
  }
  if (f.confirmationWaivedOn) parts.push(t('followUp.text.waived', { date: formatDate(f.confirmationWaivedOn) }));
  return parts.length > 0 ? parts.join('；') : t('followUp.text.none');
}
