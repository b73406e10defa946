// The town's month of 排查 (GET /api/screenings/coverage): how many villages reported, which did
// not, and each one's rounds, findings and 当场化解. Online only: it is the office's overview.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { useRemote } from '../../state/dashboard.ts';
import { loadCoverage } from '../../state/screening.ts';
import { formatDate, today } from '../format.ts';
import { TableScroll } from '../components/table-scroll.tsx';

const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

export function CoverageCard(p: { area: string }) {
  const [month, setMonth] = useState(today().slice(0, 7));
  const coverage = useRemote(() => loadCoverage(p.area, month), `${p.area}|${month}`);
  const c = coverage.value;
  return (
    <section class="card coverage" aria-labelledby="coverage-h" data-testid="coverage">
      <h2 id="coverage-h">{t('screening.coverage.title', { month: monthLabel(month) })}</h2>
      <div class="field">
        <label for="coverage-month">{t('screening.coverage.month')}</label>
        <input id="coverage-month" type="month" value={month} max={today().slice(0, 7)} onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)} />
      </div>
      {coverage.error && <p class="error">{coverage.error.message}</p>}
      {c && (
        <>
          <p>
            <strong data-testid="coverage-reported">{t('screening.coverage.reported', { n: c.reported })}</strong>
            {' · '}
            <strong class={c.missing > 0 ? 'overdue-text' : ''} data-testid="coverage-missing">{t('screening.coverage.missing', { n: c.missing })}</strong>
          </p>
          <p class="muted small">{t('screening.coverage.own', c.own as unknown as Record<string, number>)}</p>
          <TableScroll>
            <table class="coverage-table">
              <thead>
                <tr>
                  <th scope="col">{t('screening.coverage.village')}</th>
                  <th scope="col">{t('screening.coverage.rounds')}</th>
                  <th scope="col">{t('screening.coverage.found')}</th>
                  <th scope="col">{t('screening.coverage.prevented')}</th>
                  <th scope="col">{t('screening.coverage.last')}</th>
                </tr>
              </thead>
              <tbody>
                {c.villages.map((v) => (
                  <tr key={v.code} class={v.rounds === 0 ? 'missing' : ''} data-testid="coverage-row" data-reported={v.rounds > 0 ? '1' : '0'}>
                    <th scope="row">{v.name}</th>
                    <td>{v.rounds}</td>
                    <td>{v.found}</td>
                    <td>{v.prevented}</td>
                    <td>{v.lastOn ? formatDate(v.lastOn) : t('screening.coverage.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
