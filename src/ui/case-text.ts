// What a case's category and its reminders read as on the screens. Apart from format.ts because it
// needs the category table, which the first screens (shell, sync line) do not.

import { categoryByCode } from '../shared/categories.ts';
import { ONE_MONTH_DAYS, type Reminder } from '../shared/reminders.ts';
import { t } from '../shared/i18n/index.ts';
import { formatDate } from './format.ts';

export function categoryName(code: string): string {
  return categoryByCode(code)?.name ?? code;
}

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
