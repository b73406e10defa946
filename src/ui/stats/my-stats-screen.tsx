// 我的统计: the mediator's own figures, computed offline by the same shared roll-up the server
// uses. 成功率 is shown with its numerator and denominator, never as a bare stored percentage.

import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { useStatCases } from '../../state/case-queries.ts';
import { statisticsRows } from '../../shared/categories.ts';
import { addDays } from '../../shared/dates.ts';
import { formatRate, rollup, type Counts, type Rollup } from '../../shared/stats.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { formatDate, formatYuan, today } from '../format.ts';
import { periodOf, type PeriodKind } from './periods.ts';
import { TableScroll } from '../components/table-scroll.tsx';

const periods: { kind: PeriodKind; label: MessageKey }[] = [
  { kind: 'month', label: 'stats.month' },
  { kind: 'quarter', label: 'stats.quarter' },
  { kind: 'year', label: 'stats.year' },
  { kind: 'all', label: 'stats.all' },
];

const preventionRows: { key: keyof Rollup['prevention']; label: MessageKey }[] = [
  { key: 'suicide', label: 'flags.suicide' },
  { key: 'criminal', label: 'flags.criminal' },
  { key: 'groupPetition', label: 'flags.groupPetition' },
  { key: 'groupFight', label: 'flags.groupFight' },
];

export function MyStatsScreen() {
  const [kind, setKind] = useState<PeriodKind>('month');
  const live = useStatCases();
  const period = periodOf(kind, today());
  const r = rollup(live.value ?? [], period);
  const rows = statisticsRows.filter((c) => (r.byRow[c.code]?.accepted ?? 0) > 0);
  if (!live.loaded) return <p class="screen muted">{t('common.loading')}</p>;

  return (
    <section class="screen stats" aria-labelledby="stats-title">
      <h1 id="stats-title">{t('stats.title')}</h1>
      <div class="tabs" role="group" aria-label={t('stats.period')}>
        {periods.map((p) => (
          <button key={p.kind} type="button" class="tab" aria-pressed={p.kind === kind} data-testid={`period-${p.kind}`} onClick={() => setKind(p.kind)}>
            {t(p.label)}
          </button>
        ))}
      </div>
      <p class="muted small">
        {period ? t('stats.range', { from: formatDate(period.from), to: formatDate(addDays(period.to, -1)) }) : t('stats.rangeAll')}
      </p>

      <div class="stat-cards">
        <Stat label="stats.accepted" value={r.accepted} testId="stat-accepted" />
        <Stat label="stats.succeeded" value={r.succeeded} testId="stat-succeeded" />
        <Stat label="stats.failed" value={r.failed} testId="stat-failed" />
        <Stat label="stats.open" value={r.open} testId="stat-open" />
      </div>
      <div class="stat-rate" data-testid="stat-rate">
        <span>{t('stats.rate')}</span>
        <strong>{formatRate(r.successRate)}</strong>
        <span class="muted">{t('stats.rateFormula', { n: r.successRate.numerator, d: r.successRate.denominator })}</span>
      </div>

      {r.accepted === 0 ? (
        <p class="empty">{t('stats.empty')}</p>
      ) : (
        <>
          <h2>{t('stats.byCategory')}</h2>
          <TableScroll>
            <table class="stat-table" data-testid="stat-table">
              <thead>
                <tr>
                  <th scope="col">{t('stats.category')}</th>
                  <th scope="col">{t('stats.accepted')}</th>
                  <th scope="col">{t('stats.col.succeeded')}</th>
                  <th scope="col">{t('stats.col.failed')}</th>
                  <th scope="col">{t('stats.open')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => <CountRow key={c.code} name={c.name} counts={r.byRow[c.code]} />)}
              </tbody>
              <tfoot>
                <CountRow name={t('stats.total')} counts={r} />
              </tfoot>
            </table>
          </TableScroll>
          <h2>{t('stats.more')}</h2>
          <dl class="kv">
            <dt>{t('stats.written')}</dt><dd>{t('common.cases', { n: r.written })}</dd>
            <dt>{t('stats.oral')}</dt><dd>{t('common.cases', { n: r.oral })}</dd>
            <dt>{t('stats.amount')}</dt><dd>{formatYuan(r.amountYuan)}</dd>
            <dt>{t('stats.confirmed')}</dt><dd>{t('common.cases', { n: r.confirmed })}</dd>
            <dt>{t('stats.difficult')}</dt><dd>{t('common.cases', { n: r.difficult })}</dd>
            {preventionRows.map((p) => (
              <Fragment key={p.key}>
                <dt>{t(p.label)}</dt>
                <dd>{t('stats.casesPersons', { cases: r.prevention[p.key].cases, persons: r.prevention[p.key].persons })}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
      <p class="muted small">{t('stats.note')}</p>
    </section>
  );
}

function Stat(p: { label: MessageKey; value: number; testId: string }) {
  return (
    <div class="stat-card" data-testid={p.testId}>
      <span>{t(p.label)}</span>
      <strong>{p.value}</strong>
    </div>
  );
}

function CountRow(p: { name: string; counts: Counts | undefined }) {
  const c = p.counts ?? { accepted: 0, succeeded: 0, failed: 0, open: 0 };
  return (
    <tr>
      <th scope="row">{p.name}</th>
      <td>{c.accepted}</td>
      <td>{c.succeeded}</td>
      <td>{c.failed}</td>
      <td>{c.open}</td>
    </tr>
  );
}
