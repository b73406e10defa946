// 移交 a case (/referrals/new?case=): choose a committee above or beside this one in the county —
// from the list the phone keeps (state/referrals.ts), so it works offline — and say why. Saved on
// the phone and sent with the next sync; the receiving committee then has N working days to
// 接收 or 退回. The server checks the choice again (referrals/sync-apply.ts).
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { referCase, targetsFor } from '../../state/referrals.ts';
import { useCase } from '../../state/case-queries.ts';
import { showFlash } from '../../state/flash.ts';
import { ChoiceGroup, TextField } from '../components/fields.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { displayLabel } from '../cases/labels.ts';

export function ReferralFormScreen() {
  const { query, route } = useLocation();
  const caseId = query.case ?? '';
  const record = useCase(caseId).value;
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const targets = record ? targetsFor(record) : [];
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    void submit.run(async () => {
      const target = targets.find((c) => c.id === to);
      if (!record) throw new Error(t('sync.caseMissing'));
      if (!target) {
        submit.fail({ message: t('referral.targetUnknown'), fields: { to: 'validation.required' } });
        return;
      }
      await referCase(record, target, reason);
      showFlash(t('referral.form.saved'));
      route(`/cases/${record.id}`);
    });
  };
  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="referral-form-title">
      <h1 id="referral-form-title">{t('referral.form.title')}</h1>
      {record && <p class="muted">{displayLabel(record)} · {record.committeeName}</p>}
      <p class="muted small">{t('referral.form.intro')}</p>
      {targets.length === 0 ? (
        <p class="notice" data-testid="referral-no-targets">{t('referral.form.toNone')}</p>
      ) : (
        <ChoiceGroup
          id="to" label={t('referral.form.to')} required value={to} layout="grid" error={submit.fields.to}
          choices={targets.map((c) => ({ value: c.id, label: c.name }))} onChange={setTo}
        />
      )}
      <TextField id="reason" rows={3} label={t('referral.form.reason')} hint={t('referral.form.reason.hint')} required value={reason} onInput={setReason} error={submit.fields.reason} />
      <FormFooter label={t('referral.form.submit')} busy={submit.busy} failure={submit.failure} testId="referral-submit" />
    </form>
  );
}
