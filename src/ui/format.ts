// Display formatting for the screens: dates and money through Intl (zh-CN, Asia/Shanghai). What a
// case's category and reminders read as is in case-text.ts (it needs the category table).

import { formatDate, lazily, localDate } from '../shared/dates.ts';
import { t } from '../shared/i18n/index.ts';

export { formatDate };

/** Today's calendar date where the mediator is. */
export const today = (): string => localDate(new Date());

const zone = 'Asia/Shanghai';
// Each formatter is made at its first use, not when this module loads: making one loads the
// locale's and the time zone's data, tens of milliseconds on a cheap phone, and a public page
// that imports this module often formats nothing (issue #13: its boot is one long task).
const timeOnly = lazily(() => new Intl.DateTimeFormat('zh-CN', { timeZone: zone, hour: '2-digit', minute: '2-digit' }));
const dateTime = lazily(() => new Intl.DateTimeFormat('zh-CN', { timeZone: zone, month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
const fullDateTime = lazily(() => new Intl.DateTimeFormat('zh-CN', { timeZone: zone, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
const yuan = lazily(() => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }));

/** "14:05" today, "11月20日 14:05" on another day of this year, with the year otherwise. */
export function formatInstant(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  if (localDate(at) === localDate(now)) return timeOnly().format(at);
  return localDate(at).slice(0, 4) === localDate(now).slice(0, 4) ? dateTime().format(at) : fullDateTime().format(at);
}

/** 12,500 元 */
export function formatYuan(amount: number): string {
  return t('format.yuan', { amount: yuan().format(amount) });
}

/** "2026-11-21T14:30" for a datetime-local input, in the device's zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as an ISO timestamp, or '' when it is not a time. */
export function fromLocalInput(value: string): string {
  const at = new Date(value);
  return value === '' || Number.isNaN(at.getTime()) ? '' : at.toISOString();
}

export { splitList } from '../shared/fields/form-codecs.ts';
