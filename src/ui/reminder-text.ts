// What a reminder asks of the mediator, and how near it is, in one sentence each. Apart from
// case-text.ts (which the first screen's case list needs): only the case screen and 待办 say these.

import { ONE_MONTH_DAYS, type Reminder } from '../shared/reminders.ts';
import { t } from '../shared/i18n/index.ts';
import { formatDate } from './format.ts';

/** What the reminder asks of the mediator, in one sentence. */
export function reminderText(r: Reminder): string {
  const date = formatDate(r.due);
  switch (r.kind) {
    case 'oneMonth':
      return r.daysLeft < 0 ? t('reminder.oneMonth', { days: ONE_MONTH_DAYS - r.daysLeft }) : t('reminder.oneMonthSoon', { days: r.daysLeft });
    case 'labour15':
      return r.daysLeft < 0 ? t('reminder.labour15') : t('remind.labour15Soon', { date });
    case 'confirmation':
      return r.daysLeft < 0 ? t('reminder.confirmationOverdue', { date }) : t('reminder.confirmation', { date, days: r.daysLeft });
    case 'urge':
      return t('reminder.urge', { date });
    case 'visit':
      return r.daysLeft < 0 ? t('reminder.visitOverdue', { days: -r.daysLeft }) : t('reminder.visitDue', { date });
    case 'court':
      if (r.daysLeft < 0) return t('reminder.courtOverdue', { date });
      return r.daysLeft === 0 ? t('reminder.courtToday') : t('reminder.court', { date, days: r.daysLeft });
    case 'courtReturn':
      return t('reminder.courtReturn', { court: r.court ?? '' });
  }
}

/** "已逾期 3 天" / "今天到期" / "还剩 5 天". */
export function dueText(r: Reminder): string {
  if (r.daysLeft < 0) return t('remind.overdue', { days: -r.daysLeft });
  if (r.daysLeft === 0) return t('remind.dueToday');
  return t('remind.daysLeft', { days: r.daysLeft });
}
