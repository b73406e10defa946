// 移交 in and out of the area's committees in the period (issue #14), beside the 调解主体 split:
// how many cases were sent up, accepted, returned, and still wait — never counted as 受理 (the
// rule is said under it: a case counts once, by the committee that holds it).
import { t } from '../../shared/i18n/index.ts';
import type { StatsSummary } from '../../shared/stats-api.ts';

export function ReferralFigures(p: { counts: StatsSummary['referrals'] | undefined }) {
  const c = p.counts;
  if (!c || c.out + c.in + c.returned + c.waiting === 0) return null;
  return (
    <section aria-labelledby="referral-figures-h" data-testid="referral-figures">
      <h2 id="referral-figures-h">{t('stats.referral.title')}</h2>
      <dl class="kv">
        <dt>{t('stats.referral.out')}</dt><dd data-testid="referral-out">{c.out}</dd>
        <dt>{t('stats.referral.in')}</dt><dd data-testid="referral-in">{c.in}</dd>
        <dt>{t('report.referral.returned')}</dt><dd>{c.returned}</dd>
        <dt>{t('report.referral.waiting')}</dt><dd>{c.waiting}</dd>
      </dl>
      <p class="muted small">{t('stats.referral.rule')}</p>
    </section>
  );
}
