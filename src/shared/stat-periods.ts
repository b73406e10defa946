// Statistics periods as half-open ranges of 受理日期 (stats.ts Period): a month, a quarter, a year
// or any custom range, with the periods 同比 (same period a year earlier) and 环比 (the period of
// the same length just before) compare with. Dates are ISO strings; arithmetic is on the calendar.

import type { Period } from './stats.ts';
import { addDays, daysBetween, isIsoDate } from './dates.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

const pad = (n: number) => String(n).padStart(2, '0');
const firstOf = (year: number, month0: number) => `${year + Math.floor(month0 / 12)}-${pad((((month0 % 12) + 12) % 12) + 1)}-01`;

/** Months since year 0, for month arithmetic. */
const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const fromMonthIndex = (index: number) => firstOf(Math.floor(index / 12), index % 12);

export function monthPeriod(month: string): Period {
  const start = monthIndex(`${month}-01`);
  return { from: fromMonthIndex(start), to: fromMonthIndex(start + 1) };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  return { from: firstOf(year, (quarter - 1) * 3), to: firstOf(year, quarter * 3) };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** An inclusive range as people type it (2023-01-01 … 2023-12-31) → a half-open Period. */
export function inclusivePeriod(from: string, toInclusive: string): Period {
  return { from, to: addDays(toInclusive, 1) };
}

export function isValidPeriod(p: Period): boolean {
  return isIsoDate(p.from) && isIsoDate(p.to) && p.from < p.to;
}

const isFirstOfMonth = (iso: string) => iso.endsWith('-01');

/** Whole calendar months (what pre-aggregated monthly cells can answer). */
export function isMonthAligned(p: Period): boolean {
  return isFirstOfMonth(p.from) && isFirstOfMonth(p.to);
}

export function kindOf(p: Period): PeriodKind {
  if (!isMonthAligned(p)) return 'custom';
  const months = monthIndex(p.to) - monthIndex(p.from);
  const startMonth = Number(p.from.slice(5, 7));
  if (months === 1) return 'month';
  if (months === 3 && (startMonth - 1) % 3 === 0) return 'quarter';
  if (months === 12 && startMonth === 1) return 'year';
  return 'custom';
}

/** 环比: the period of the same length just before (the previous month, quarter, year…). */
export function previousPeriod(p: Period): Period {
  if (isMonthAligned(p)) {
    const months = monthIndex(p.to) - monthIndex(p.from);
    return { from: fromMonthIndex(monthIndex(p.from) - months), to: p.from };
  }
  return { from: addDays(p.from, -daysBetween(p.from, p.to)), to: p.from };
}

/** 同比: the same dates a year earlier (29 Feb becomes 1 Mar, as the calendar allows). */
export function lastYearPeriod(p: Period): Period {
  const shift = (iso: string) => {
    const year = Number(iso.slice(0, 4)) - 1;
    const candidate = `${year}${iso.slice(4)}`;
    return isIsoDate(candidate) ? candidate : `${year}-03-01`;
  };
  return { from: shift(p.from), to: shift(p.to) };
}

/** The months (YYYY-MM) a period touches, in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  const last = monthIndex(addDays(p.to, -1));
  for (let i = monthIndex(p.from); i <= last; i++) out.push(fromMonthIndex(i).slice(0, 7));
  return out;
}

/** The 12 months ending with the month in which `p` ends: the trend beside any period. */
export function trendPeriod(p: Period, months = 12): Period {
  const last = monthIndex(addDays(p.to, -1));
  return { from: fromMonthIndex(last - months + 1), to: fromMonthIndex(last + 1) };
}

/** The month (YYYY-MM) a date falls in. */
export const monthOf = (iso: string): string => iso.slice(0, 7);
