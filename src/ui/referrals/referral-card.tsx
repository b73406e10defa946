// One 移交 as the inbox and the sent list show it: the case (number, category, parties masked),
// from where to where, why, its age and due day (overdue in red), and what happened to it — who
// accepted or returned it and why, and once accepted the outcome as the receiver records it.
import { t } from '../../shared/i18n/index.ts';
import { isOverdue, referralAgeDays, type ReferralRecord } from '../../shared/referral.ts';
import { localDate } from '../../shared/dates.ts';
import { formatDate, formatInstant } from '../format.ts';
import { categoryName } from '../case-text.ts';
import { maskName } from '../../shared/case.ts';

function outcomeText(o: NonNullable<ReferralRecord['outcome']>): string {
  if (o.status === 'agreed' || (o.outcome === 'success' && o.agreementOn)) return t('referral.outcome.agreed', { date: formatDate(o.agreementOn ?? '') });
  if (o.outcome === 'failure') return t('referral.outcome.terminated', { reason: o.terminationReason ?? '' });
  return t('referral.outcome', { status: t(`case.status.${o.status}`) });
}

export function ReferralCard(p: { r: ReferralRecord; pending: boolean; side: 'inbox' | 'sent'; children?: preact.ComponentChildren }) {
  const { r } = p;
  const today = localDate(new Date());
  const overdue = isOverdue(r, today);
  const label = r.summary.caseNo ?? r.summary.provisionalNo;
  return (
    <article class={overdue ? 'alert-item grade-line-red' : 'alert-item'} data-testid="referral-item" data-status={r.status} data-overdue={overdue ? '1' : '0'}>
      <div class="alert-head">
        <span class="badge" data-testid="referral-status">{t(`referral.status.${r.status}`)}</span>
        {p.pending && <span class="badge">{t('referral.pending')}</span>}
        <strong>{t('referral.case', { label })}</strong>
      </div>
      <p>{categoryName(r.summary.categoryCode)} · {r.summary.parties.map(maskName).join('、')}</p>
      <p class="muted small">{p.side === 'inbox' ? t('referral.from', { name: r.from.committeeName }) : t('referral.to', { name: r.to.committeeName })} · {r.sentByName} · {formatInstant(r.sentAt)}</p>
      <p>{t('referral.reason', { reason: r.reason })}</p>
      {p.side === 'inbox' && r.status === 'sent' && <p class="small">{r.summary.facts}</p>}
      {r.status === 'sent' && (
        <p class={overdue ? 'overdue-text small' : 'muted small'} data-testid="referral-clock">
          {t('referral.age', { days: referralAgeDays(localDate(new Date(r.sentAt)), today) })} · {t('referral.due', { date: formatDate(r.dueOn) })}
          {overdue && <strong> · {t('referral.overdue')}</strong>}
        </p>
      )}
      {r.decidedByName && r.status !== 'sent' && (
        <p class="muted small">{t('referral.decided', { name: r.decidedByName, action: t(`referral.status.${r.status}`) })}{r.decidedAt ? ` · ${formatInstant(r.decidedAt)}` : ''}</p>
      )}
      {r.returnReason && <p data-testid="referral-return-reason">{t('referral.returnReason', { reason: r.returnReason })}</p>}
      {r.outcome && <p data-testid="referral-outcome"><strong>{outcomeText(r.outcome)}</strong></p>}
      {p.children}
    </article>
  );
}
