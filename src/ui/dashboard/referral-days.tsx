// The county's 移交接收期限 on the desk (server/referrals/routes.ts): how many working days a
// committee has to 接收 or 退回 a case referred to it; every phone's inbox counts its clock from it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { loadReferralDays, saveReferralDays, useRemote, type RemoteError } from '../../state/dashboard.ts';

export function ReferralDaysSetting(p: { county: string }) {
  const remote = useRemote(() => loadReferralDays(p.county), `referral-days|${p.county}`);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (remote.value) setValue(String(remote.value.dueWorkingDays));
  }, [remote.value]);
  const submit = (ev: Event) => {
    ev.preventDefault();
    setMessage('');
    saveReferralDays(p.county, Number(value)).then(() => setMessage(t('common.saved')), (e: RemoteError) => setMessage(e.message));
  };
  return (
    <form class="card" onSubmit={submit} noValidate data-testid="referral-days">
      <label class="field">
        {t('referral.settings.days')}
        <input type="number" inputMode="numeric" min={1} max={20} value={value} onInput={(e) => setValue(e.currentTarget.value)}
          data-testid="referral-days-input" aria-describedby="referral-days-hint" />
      </label>
      <p id="referral-days-hint" class="muted small">{t('referral.settings.hint')}</p>
      <button type="submit" class="button primary" data-testid="referral-days-save">{t('common.save')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
