// 待办: every deadline of the open and awaiting-visit cases (一个月调结, 劳动争议 15 日, 司法确认
// 30 日, 回访), most urgent first, overdue in red, each a link to its case. Residents' new 申请调解
// requests come first: calling them back is the most urgent thing on the list.

import { useTodos } from '../../state/case-queries.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatDate, today } from '../format.ts';
import { categoryName } from '../case-text.ts';
import { dueText, reminderText } from '../reminder-text.ts';
import { displayLabel } from '../cases/labels.ts';
import { maskedParties } from '../cases/case-row.tsx';
import { RequestsCard } from '../requests/requests-card.tsx';
import { useOpenRedAlerts } from '../../state/screening.ts';
import { ageText } from '../alerts/alert-card.tsx';
import { useInboxCount } from '../../state/referrals.ts';
import '../screening/screening.css';

export function TodoScreen() {
  const live = useTodos(today());
  const items = live.value ?? [];
  // A red 上报 nobody has acknowledged stays first, above every deadline, until someone at the town does.
  const red = useOpenRedAlerts().value ?? [];
  // 移交 waiting for this committee: a clock runs on each (N working days to 接收 or 退回).
  const referrals = useInboxCount(today()).value;
  return (
    <section class="screen" aria-labelledby="todo-title">
      <h1 id="todo-title">{t('todo.title')}</h1>
      <p class="muted small">{t('todo.intro')}</p>
      {red.length > 0 && (
        <ul class="todo-list" data-testid="todo-alerts">
          {red.map((a) => (
            <li key={a.id}>
              <a class="todo-alert" href="/alerts" data-testid="todo-alert">
                <strong>{t('alert.todo', { summary: a.summary })}</strong>
                <span class="muted">{ageText(a.reportedAt)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {referrals && referrals.waiting > 0 && (
        <a class={referrals.overdue > 0 ? 'todo-alert' : 'todo-item'} href="/referrals" data-testid="todo-referrals">
          <strong>{t('referral.todo', { count: referrals.waiting })}</strong>
          {referrals.overdue > 0 && <span>{t('referral.todo.overdue', { count: referrals.overdue })}</span>}
        </a>
      )}
      <RequestsCard />
      {live.loaded && items.length === 0 && <p class="empty">{t('todo.empty')}</p>}
      <p class="todo-links">
        <a class="button" href="/screening" data-testid="todo-screening">{t('screening.title')}</a>
        <a class="button" href="/alerts" data-testid="todo-alerts-link">{t('alert.title')}</a>
        <a class="button" href="/referrals" data-testid="todo-referrals-link">{t('referral.title')}</a>
      </p>
      <ul class="todo-list" aria-busy={!live.loaded}>
        {items.map(({ reminder: r, record }) => (
          <li key={`${record.id}:${r.kind}`}>
            <a class={r.daysLeft < 0 ? 'todo-item overdue' : 'todo-item'} href={`/cases/${record.id}`} data-testid="todo-item" data-kind={r.kind}>
              <span class="todo-due">
                <strong>{dueText(r)}</strong>
                <span class="muted">{t('remind.due', { date: formatDate(r.due) })}</span>
              </span>
              <span class="todo-text">{reminderText(r)}</span>
              {r.risk && <span class="risk">{t(`reminder.confirmationRisk.${r.risk}`)}</span>}
              <span class="todo-case muted">
                {displayLabel(record)} · {categoryName(record.categoryCode)} · {maskedParties(record)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
