// The case page's 移交 block: each referral of the case (waiting, accepted, returned with its
// reason) and the way to refer it — only while the case is open and no referral waits.
import { t } from '../../shared/i18n/index.ts';
import { isOpen } from '../../shared/lifecycle.ts';
import type { CaseRecord } from '../../shared/case.ts';
import { useCaseReferrals } from '../../state/referrals.ts';
import { formatDate } from '../format.ts';

export function CaseReferrals(p: { record: CaseRecord }) {
  const rows = useCaseReferrals(p.record.id).value ?? [];
  const waiting = rows.some((r) => r.status === 'sent');
  const mayRefer = isOpen(p.record.status) && !p.record.voided && !waiting;
  return (
    <>
      {rows.map((r) => (
        <p key={r.id} class={r.status === 'returned' ? 'warning' : 'notice'} data-testid="case-referral" data-status={r.status}>
          <strong>{t('referral.to', { name: r.to.committeeName })} · {t(`referral.status.${r.status}`)}</strong>
          {r.status === 'sent' && <> · {t('referral.due', { date: formatDate(r.dueOn) })}</>}
          {r.returnReason && <><br />{t('referral.returnReason', { reason: r.returnReason })}</>}
        </p>
      ))}
      {mayRefer && <a class="button link" href={`/referrals/new?case=${p.record.id}`} data-testid="refer-case">{t('referral.action')} ›</a>}
    </>
  );
}
