// 调解协议: 书面 or 口头, numbered terms, how and by when it is performed, the amount, and the
// effective date, from which the 30-day 司法确认 window is shown (人民调解法 Art 29–33).

import type { AgreementConcern, AgreementForm as Form, CaseRecord } from '../../../shared/case.ts';
import { agreementConcerns } from '../../../shared/case.ts';
import { oralAdvicePending } from '../../../shared/case-rules.ts';
import { confirmationRisk } from '../../../shared/follow-up.ts';
import { amountInWords, parseAmount } from '../../../shared/money.ts';
import { addDays, isIsoDate } from '../../../shared/dates.ts';
import { CONFIRMATION_DAYS } from '../../../shared/reminders.ts';
import { t, type MessageKey } from '../../../shared/i18n/index.ts';
import { recordAgreement } from '../../../state/actions.ts';
import { CheckField, ChoiceGroup, FieldError, TextArea, TextField } from '../../components/fields.tsx';
import { formatDate, today } from '../../format.ts';
import { ActionFrame, useActionForm } from './action-form.tsx';
import { FlagsEditor, flagsDraftOf, parseFlags, type FlagsDraft } from './flags-editor.tsx';
import { agreementOfDraft, emptyMoney, type AgreementDraft, type MoneyDraft } from './agreement-draft.ts';

type Draft = AgreementDraft & { flags: FlagsDraft };

const formChoices: { value: Form; label: string }[] = [
  { value: '书面', label: t('detail.agreement.form', { form: '书面' }) },
  { value: '口头', label: t('detail.agreement.form', { form: '口头' }) },
];

const concernLabel: Record<AgreementConcern, MessageKey> = {
  身份关系: 'agreementForm.concern.status', 物权确权: 'agreementForm.concern.title', 物权: 'agreementForm.concern.property',
};

export function AgreementForm(p: { record: CaseRecord }) {
  const form = useActionForm<Draft>(p.record, 'agreement', () => ({
    form: '书面', terms: [''], liability: '', hasMoney: false, money: [], performanceMethod: '', performanceDeadline: '', performancePlace: '', effectiveOn: today(),
    concerns: [], oralChosen: false, flags: flagsDraftOf(p.record),
  }));
  const d = form.draft.value;
  const set = (patch: Partial<Draft>) => form.draft.set((prev) => ({ ...prev, ...patch }));
  const setTerm = (i: number, text: string) => set({ terms: d.terms.map((x, j) => (j === i ? text : x)) });
  const setMoney = (i: number, patch: Partial<MoneyDraft>) => set({ money: d.money.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const parsed = parseFlags(d.flags);
  const e = form.submit.fields;
  const built = agreementOfDraft(d);
  const risk = confirmationRisk(built.agreement);
  const deadline = isIsoDate(d.effectiveOn) ? addDays(d.effectiveOn, CONFIRMATION_DAYS) : undefined;
  // 若干规定 Art 34: asked, and the answer kept with the agreement — never a refusal.
  const advise = d.form === '口头' && oralAdvicePending({ ...built.agreement, oralChosen: false });
  const parties = p.record.private.parties.map((x) => ({ value: x.name, label: x.name }));

  const onSubmit = () => {
    const errors = { ...parsed.errors, ...built.errors, ...(advise && !d.oralChosen ? { oralChosen: 'rules.oral.required' as const } : {}) };
    if (Object.keys(errors).length > 0) return form.submit.fail({ message: t('transition.invalid'), fields: errors });
    form.save((ctx) => recordAgreement(ctx, p.record.id, built.agreement, parsed.flags));
  };

  return (
    <ActionFrame record={p.record} action="agreement" form={form} onSubmit={onSubmit}>
      <ChoiceGroup id="form" label={t('agreementForm.form')} required value={d.form} choices={formChoices} error={e.form} onChange={(value) => set({ form: value })} />
      <TextArea id="liability" label={t('agreementForm.liability')} hint={t('agreementForm.liability.hint')} rows={2} value={d.liability} error={e.liability} onInput={(liability) => set({ liability })} />
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
      <CheckField
        id="hasMoney" label={t('agreementForm.hasMoney')} checked={d.hasMoney} error={e.money}
        onChange={(hasMoney) => set({ hasMoney, money: hasMoney && d.money.length === 0 ? [emptyMoney(p.record.private.place)] : d.money })}
      />
      {d.hasMoney && (
        <fieldset class="field-group" data-testid="money-terms">
          <legend>{t('agreementForm.money')}</legend>
          <p class="hint">{t('agreementForm.money.hint')}</p>
          {d.money.map((m, i) => {
            const yuan = parseAmount(m.amount);
            return (
              <div class="term" key={i} data-testid="money-term">
                <p class="small"><strong>{t('agreementForm.moneyN', { n: i + 1 })}</strong></p>
                <ChoiceGroup id={`money-${i}-payer`} label={t('agreementForm.payer')} required value={m.payer} choices={parties} error={e[`money.${i}.payer`]} onChange={(payer) => setMoney(i, { payer })} />
                <ChoiceGroup id={`money-${i}-payee`} label={t('agreementForm.payee')} required value={m.payee} choices={parties} error={e[`money.${i}.payee`]} onChange={(payee) => setMoney(i, { payee })} />
                <TextField
                  id={`money-${i}-amount`} label={t('agreementForm.moneyAmount')} hint={yuan !== undefined && yuan > 0 ? amountInWords(yuan) : t('agreementForm.moneyAmount.hint')}
                  required value={m.amount} error={e[`money.${i}.amountYuan`]} onInput={(amount) => setMoney(i, { amount })}
                />
                <TextField id={`money-${i}-method`} label={t('agreementForm.method')} hint={t('agreementForm.method.hint')} required value={m.method} error={e[`money.${i}.method`]} onInput={(method) => setMoney(i, { method })} />
                <TextField id={`money-${i}-deadline`} type="date" label={t('agreementForm.deadline')} required value={m.deadline} error={e[`money.${i}.deadline`]} onInput={(deadline) => setMoney(i, { deadline })} />
                <TextField id={`money-${i}-place`} label={t('agreementForm.place')} required value={m.place} error={e[`money.${i}.place`]} onInput={(place) => setMoney(i, { place })} />
                {d.money.length > 1 && (
                  <button type="button" class="button link danger" onClick={() => set({ money: d.money.filter((_, j) => j !== i) })}>
                    {t('agreementForm.removeMoney', { n: i + 1 })}
                  </button>
                )}
              </div>
            );
          })}
          <button type="button" class="button" onClick={() => set({ money: [...d.money, emptyMoney(p.record.private.place)] })}>{t('agreementForm.addMoney')}</button>
          <p data-testid="money-total">{t('agreementForm.moneyTotal', { amount: amountInWords(built.agreement.amountYuan) })}</p>
        </fieldset>
      )}
      <TextField id="performanceMethod" label={t('agreementForm.method')} hint={t('agreementForm.method.hint')} required value={d.performanceMethod} error={e.performanceMethod} onInput={(performanceMethod) => set({ performanceMethod })} />
      <TextField id="performanceDeadline" type="date" label={t('agreementForm.deadline')} required value={d.performanceDeadline} error={e.performanceDeadline} onInput={(performanceDeadline) => set({ performanceDeadline })} />
      <TextField
        id="performancePlace" label={t('agreementForm.place')} hint={t('agreementForm.place.hint')} maxLength={200} value={d.performancePlace ?? ''}
        error={e.performancePlace} onInput={(performancePlace) => set({ performancePlace })}
      />
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
      {advise && (
        <div class="notice" role="note" data-testid="oral-advice">
          <p class="warning">{t('rules.oral.shouldBeWritten')}</p>
          <CheckField id="oralChosen" label={t('rules.oral.choose')} checked={d.oralChosen} error={e.oralChosen} onChange={(oralChosen) => set({ oralChosen })} />
        </div>
      )}
      <fieldset class="field-group">
        <legend>{t('agreementForm.concerns')}</legend>
        <p class="hint">{t('agreementForm.concerns.hint')}</p>
        {agreementConcerns.map((c) => (
          <CheckField
            key={c} id={`concern-${c}`} label={t(concernLabel[c])} checked={d.concerns.includes(c)}
            onChange={(on) => set({ concerns: on ? [...d.concerns, c] : d.concerns.filter((x) => x !== c) })}
          />
        ))}
      </fieldset>
      {deadline && d.form === '书面' && (
        <div class="notice" role="note" data-testid="confirmation-deadline">
          <p>{t('agreementForm.confirmation', { date: formatDate(deadline) })}</p>
          {risk && <p class="warning">{t(`reminder.confirmationRisk.${risk}`)}</p>}
        </div>
      )}
      <FlagsEditor value={d.flags} errors={e} onChange={(flags) => set({ flags })} />
    </ActionFrame>
  );
}
