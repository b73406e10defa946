// The periods of 我的统计, as half-open date ranges of 受理日期 (shared/stats.ts Period).

import type { Period } from '../../shared/stats.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'all';

const iso = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

function monthsFrom(year: number, month: number, count: number): Period {
  const end = month - 1 + count;
  return { from: iso(year, month), to: iso(year + Math.floor(end / 12), (end % 12) + 1) };
}

/** `today` is an ISO date; 'all' has no range. */
export function periodOf(kind: PeriodKind, today: string): Period | undefined {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (kind) {
    case 'month':
      return monthsFrom(year, month, 1);
    case 'quarter':
      return monthsFrom(year, Math.floor((month - 1) / 3) * 3 + 1, 3);
    case 'year':
      return monthsFrom(year, 1, 12);
    case 'all':
      return undefined;
  }
}
