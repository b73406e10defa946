// The period's cases by 调解主体 (issue #14): each case once, under the type of the committee that
// holds it, so the rows add up to the total above.
import { t } from '../../shared/i18n/index.ts';
import { formatRate } from '../../shared/stats.ts';
import type { StatsSummary } from '../../shared/stats-api.ts';
import { TableScroll } from '../components/table-scroll.tsx';

export function CommitteeTypeTable(p: { rows: StatsSummary['byCommitteeType'] }) {
  if (p.rows.length === 0) return null;
  return (
    <TableScroll>
      <table class="stat-table" data-testid="committee-type-table">
        <caption>{t('stats.byCommitteeType')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.committeeType')}</th>
            <th scope="col">{t('stats.accepted')}</th>
            <th scope="col">{t('stats.col.succeeded')}</th>
            <th scope="col">{t('dash.col.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.type} data-testid={`committee-type-${r.type}`}>
              <th scope="row">{r.type === '' ? t('stats.committeeType.unknown') : r.type}</th>
              <td>{r.rollup.accepted}</td>
              <td>{r.rollup.succeeded}</td>
              <td>{formatRate(r.rollup.successRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
