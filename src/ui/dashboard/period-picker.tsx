// The statistics period: a year, a quarter, a month, or any range of dates (受理日期). The selects
// apply on confirmation (ConfirmSelect): arrow keys move through the years without reloading the
// figures, Enter or leaving the field applies. The picker stays mounted across periods so the
// keyboard user's focus stays on the select they used.

import { useEffect, useState } from 'preact/hooks';
import { ConfirmSelect } from '../components/confirm-select.tsx';
import { addDays } from '../../shared/dates.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { inclusivePeriod, isValidPeriod, kindOf, monthPeriod, quarterPeriod, yearPeriod, type PeriodKind } from '../../shared/stat-periods.ts';
import type { Period } from '../../shared/stats.ts';

const kinds: { kind: PeriodKind; label: MessageKey }[] = [
  { kind: 'year', label: 'dash.period.year' },
  { kind: 'quarter', label: 'dash.period.quarter' },
  { kind: 'month', label: 'dash.period.month' },
  { kind: 'custom', label: 'dash.period.custom' },
];

export function PeriodPicker(p: { period: Period; thisYear: number; onChange: (period: Period) => void }) {
  const [kind, setKind] = useState<PeriodKind>(kindOf(p.period));
  const year = Number(p.period.from.slice(0, 4));
  const month = Number(p.period.from.slice(5, 7));
  const quarter = (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  const [from, setFrom] = useState(p.period.from);
  const [to, setTo] = useState(addDays(p.period.to, -1));
  const years = Array.from({ length: 8 }, (_, i) => p.thisYear - i);
  // A new period from outside (the URL, a drill-down): follow it without remounting.
  useEffect(() => {
    setKind(kindOf(p.period));
    setFrom(p.period.from);
    setTo(addDays(p.period.to, -1));
  }, [p.period.from, p.period.to]);

  const choose = (next: PeriodKind) => {
    setKind(next);
    if (next === 'year') p.onChange(yearPeriod(year));
    if (next === 'quarter') p.onChange(quarterPeriod(year, quarter));
    if (next === 'month') p.onChange(monthPeriod(`${year}-${String(month).padStart(2, '0')}`));
  };
  const applyCustom = () => {
    const period = inclusivePeriod(from, to);
    if (isValidPeriod(period)) p.onChange(period);
  };

  return (
    <div class="period-picker">
      <div class="tabs" role="group" aria-label={t('dash.period')}>
        {kinds.map((k) => (
          <button key={k.kind} type="button" class="tab" aria-pressed={k.kind === kind} onClick={() => choose(k.kind)} data-testid={`period-${k.kind}`}>
            {t(k.label)}
          </button>
        ))}
      </div>
      {kind === 'custom' ? (
        <div class="period-row">
          <label>{t('dash.from')}<input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} /></label>
          <label>{t('dash.to')}<input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} /></label>
          <button type="button" class="button" onClick={applyCustom}>{t('dash.apply')}</button>
        </div>
      ) : (
        <div class="period-row">
          <label>
            {t('dash.year')}
            <ConfirmSelect data-testid="year-select" value={String(year)} onConfirm={(v) => {
              const y = Number(v);
              p.onChange(kind === 'year' ? yearPeriod(y) : kind === 'quarter' ? quarterPeriod(y, quarter) : monthPeriod(`${y}-${String(month).padStart(2, '0')}`));
            }}>
              {years.map((y) => <option key={y} value={y}>{t('dash.yearOption', { year: y })}</option>)}
            </ConfirmSelect>
          </label>
          {kind === 'quarter' && (
            <label>
              {t('dash.quarter')}
              <ConfirmSelect data-testid="quarter-select" value={String(quarter)} onConfirm={(v) => p.onChange(quarterPeriod(year, Number(v) as 1 | 2 | 3 | 4))}>
                {[1, 2, 3, 4].map((q) => <option key={q} value={q}>{t('dash.quarterOption', { q })}</option>)}
              </ConfirmSelect>
            </label>
          )}
          {kind === 'month' && (
            <label>
              {t('dash.month')}
              <ConfirmSelect data-testid="month-select" value={String(month)} onConfirm={(v) => p.onChange(monthPeriod(`${year}-${v.padStart(2, '0')}`))}>
                {Array.from({ length: 12 }, (_, i) => <option key={i} value={i + 1}>{t('dash.monthOption', { m: i + 1 })}</option>)}
              </ConfirmSelect>
            </label>
          )}
        </div>
      )}
    </div>
  );
}
