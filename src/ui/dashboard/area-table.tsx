// The next level's areas as a sortable table: each name opens that area, each number the cases
// behind it. The sync column says up to when the area's phones have sent their cases.

import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { formatRate, successRateOf, toWanYuan } from '../../shared/stats.ts';
import type { AreaStats } from '../../shared/stats-api.ts';
import { localDate } from '../../shared/dates.ts';
import { formatDate } from '../format.ts';
import { TableScroll } from '../components/table-scroll.tsx';

type SortKey = 'name' | 'accepted' | 'succeeded' | 'rate' | 'failed' | 'open' | 'amount';
type Measure = 'accepted' | 'succeeded' | 'failed' | 'open';

const columns: { key: SortKey; label: MessageKey; measure?: Measure }[] = [
  { key: 'accepted', label: 'stats.accepted', measure: 'accepted' },
  { key: 'succeeded', label: 'stats.col.succeeded', measure: 'succeeded' },
  { key: 'rate', label: 'dash.col.rate' },
  { key: 'failed', label: 'stats.col.failed', measure: 'failed' },
  { key: 'open', label: 'stats.open', measure: 'open' },
  { key: 'amount', label: 'dash.col.amount' },
];

const rate = (a: AreaStats) => (a.rollup.accepted === 0 ? -1 : a.rollup.succeeded / a.rollup.accepted);
const value = (a: AreaStats, key: SortKey): number | string => {
  switch (key) {
    case 'name':
      return a.code;
    case 'rate':
      return rate(a);
    case 'amount':
      return a.rollup.amountYuan;
    default:
      return a.rollup[key];
  }
};

export interface AreaTableProps {
  rows: readonly AreaStats[];
  caption: string;
  areaHref: (code: string) => string;
  casesHref: ((code: string, measure: Measure) => string) | undefined;
}

export function AreaTable(p: AreaTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const rows = [...p.rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const order = x < y ? -1 : x > y ? 1 : a.code.localeCompare(b.code);
    return sort.desc ? -order : order;
  });
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" data-testid={`sort-${key}`} onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'name' })}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  return (
    <TableScroll>
      <table class="stat-table area-table" data-testid="area-table">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            {header('name', t('dash.col.area'))}
            {columns.map((c) => header(c.key, t(c.label)))}
            <th scope="col">{t('dash.col.synced')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.code}>
              <th scope="row"><a href={p.areaHref(a.code)} data-testid={`area-${a.code}`}>{a.name}</a></th>
              {columns.map((c) => (
                <td key={c.key}>
                  {c.measure && p.casesHref && a.rollup[c.measure] > 0
                    ? <a href={p.casesHref(a.code, c.measure)}>{a.rollup[c.measure]}</a>
                    : c.key === 'rate' ? formatRate(successRateOf(a.rollup)) : c.key === 'amount' ? toWanYuan(a.rollup.amountYuan).toFixed(2) : a.rollup[c.measure ?? 'accepted']}
                </td>
              ))}
              <td class="sync-cell">
                {a.completeness.completeUpTo
                  ? formatDate(localDate(new Date(a.completeness.completeUpTo)))
                  : a.completeness.villages > 0 ? t('dash.noDevice') : '—'}
                {a.completeness.villages > 1 && <span class="muted small"> {t('dash.devices', { n: a.completeness.villagesWithDevice, of: a.completeness.villages })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
