// The county's 移交接收期限 on the desk (server/referrals/routes.ts): how many working days a
// committee has to 接收 or 退回 a case referred to it; every phone's inbox counts its clock from it.
import { t } from '../../shared/i18n/index.ts';
import { loadReferralDays, saveReferralDays } from '../../state/dashboard.ts';
import { SettingCard } from './setting-card.tsx';

export function ReferralDaysSetting(p: { county: string }) {
  return (
    <SettingCard
      id="referral-days" label={t('referral.settings.days')} hint={t('referral.settings.hint')}
      input={{ type: 'number', inputMode: 'numeric', min: 1, max: 20 }}
      load={() => loadReferralDays(p.county).then((r) => String(r.dueWorkingDays))} loadKey={`referral-days|${p.county}`}
      save={(value) => saveReferralDays(p.county, Number(value))}
    />
  );
}
