// 调解协议: 书面 or 口头, numbered terms, how and by when it is performed, the amount, and the
// effective date, from which the 30-day 司法确认 window is shown (人民调解法 Art 29–33).

import type { AgreementForm as Form, CaseRecord } from '../../../shared/case.ts';
import { categoryByCode } from '../../../shared/categories.ts';
import { addDays, isIsoDate } from '../../../shared/dates.ts';
import { CONFIRMATION_DAYS } from '../../../shared/reminders.ts';
import { t } from '../../../shared/i18n/index.ts';
import { recordAgreement } from '../../../state/actions.ts';
import { ChoiceGroup, FieldError, TextArea, TextField } from '../../components/fields.tsx';
import { formatDate, today } from '../../format.ts';
import { parseAmount } from '../../../shared/amount.ts';
import { AmountReadBack } from '../../components/amount-read-back.tsx';
import { ActionFrame, useActionForm } from './action-form.tsx';
import { FlagsEditor, flagsDraftOf, parseFlags, type FlagsDraft } from './flags-editor.tsx';

interface AgreementDraft {
  form: Form | '';
  terms: string[];
  performanceMethod: string;
  performanceDeadline: string;
  amount: string;
  effectiveOn: string;
  flags: FlagsDraft;
}

const formChoices: { value: Form; label: string }[] = [
  { value: '书面', label: t('detail.agreement.form', { form: '书面' }) },
  { value: '口头', label: t('detail.agreement.form', { form: '口头' }) },
];

export function AgreementForm(p: { record: CaseRecord }) {
  const form = useActionForm<AgreementDraft>(p.record, 'agreement', () => ({
    form: '书面', terms: [''], performanceMethod: '', performanceDeadline: '', amount: '', effectiveOn: today(), flags: flagsDraftOf(p.record),
  }));
  const d = form.draft.value;
  const set = (patch: Partial<AgreementDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));
  const setTerm = (i: number, text: string) => set({ terms: d.terms.map((x, j) => (j === i ? text : x)) });
  const parsed = parseFlags(d.flags);
  const e = form.submit.fields;
  const risk = categoryByCode(p.record.categoryCode)?.confirmationRisk;
  const deadline = isIsoDate(d.effectiveOn) ? addDays(d.effectiveOn, CONFIRMATION_DAYS) : undefined;

  const onSubmit = () => {
    if (Object.keys(parsed.errors).length > 0) return form.submit.fail({ message: t('transition.invalid'), fields: parsed.errors });
    const amount = parseAmount(d.amount) ?? Number.NaN;
    // Blank terms are sent as they are, so each error lands on the numbered box it belongs to.
    const agreement = {
      form: d.form as Form, terms: d.terms.map((x) => x.trim()), performanceMethod: d.performanceMethod,
      performanceDeadline: d.performanceDeadline, amountYuan: amount, effectiveOn: d.effectiveOn,
    };
    form.save((ctx) => recordAgreement(ctx, p.record.id, agreement, parsed.flags));
  };

  return (
    <ActionFrame record={p.record} action="agreement" form={form} onSubmit={onSubmit}>
      <ChoiceGroup id="form" label={t('agreementForm.form')} required value={d.form} choices={formChoices} error={e.form} onChange={(value) => set({ form: value })} />
      <fieldset class="field-group">
        <legend>{t('agreementForm.terms')}<span class="req" aria-hidden="true">＊</span></legend>
        {d.terms.map((term, i) => (
          <div class="term" key={i}>
            <TextArea id={`terms-${i}`} label={t('agreementForm.term', { n: i + 1 })} rows={2} value={term} error={e[`terms.${i}`]} onInput={(text) => setTerm(i, text)} />
            {d.terms.length > 1 && (
              <button type="button" class="button link danger" onClick={() => set({ terms: d.terms.filter((_, j) => j !== i) })}>
                {t('agreementForm.removeTerm', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        <button type="button" class="button" onClick={() => set({ terms: [...d.terms, ''] })}>{t('agreementForm.addTerm')}</button>
        <FieldError id="terms" error={e.terms} />
      </fieldset>
      <TextField id="performanceMethod" label={t('agreementForm.method')} hint={t('agreementForm.method.hint')} required value={d.performanceMethod} error={e.performanceMethod} onInput={(performanceMethod) => set({ performanceMethod })} />
      <TextField id="performanceDeadline" type="date" label={t('agreementForm.deadline')} required value={d.performanceDeadline} error={e.performanceDeadline} onInput={(performanceDeadline) => set({ performanceDeadline })} />
      <TextField id="amountYuan" label={t('agreementForm.amount')} hint={t('agreementForm.amount.hint')} required value={d.amount} error={e.amountYuan} onInput={(amount) => set({ amount })} />
      <AmountReadBack text={d.amount} />
      <TextField
        id="effectiveOn"
        type="date"
        label={t('agreementForm.effectiveOn')}
        hint={d.form === '口头' ? t('agreementForm.effectiveOn.oral') : t('agreementForm.effectiveOn.written')}
        required
        value={d.effectiveOn}
        error={e.effectiveOn}
        onInput={(effectiveOn) => set({ effectiveOn })}
      />
      {deadline && (
        <div class="notice" role="note" data-testid="confirmation-deadline">
          <p>{t('agreementForm.confirmation', { date: formatDate(deadline) })}</p>
          {risk && <p class="warning">{t(`reminder.confirmationRisk.${risk}`)}</p>}
        </div>
      )}
      <FlagsEditor value={d.flags} errors={e} onChange={(flags) => set({ flags })} />
    </ActionFrame>
  );
}
