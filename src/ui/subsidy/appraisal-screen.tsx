// 调解员考核 on the desk: one row per mediator in office for the year — training hours against the
// county's requirement (short ones marked), cases, 成功, 成功率, 回访 on time, average 卷宗 score —
// sortable by any column, a county office filters by town; exported as XLSX or CSV. Each name
// opens that mediator's page.
import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { appraisalColumns, sortRows, type AppraisalColumn, type AppraisalRow } from '../../shared/appraisal.ts';
import { useRemote } from '../../state/dashboard.ts';
import { downloadAppraisal, loadAppraisal } from '../../state/subsidy.ts';
import { session } from '../../state/session.ts';
import { TableScroll } from '../components/table-scroll.tsx';
import { TownSelect } from './town-select.tsx';
import type { MessageKey } from '../../shared/i18n/index.ts';
import '../desk/desk.css';
import './subsidy.css';

const labels: Record<AppraisalColumn, MessageKey> = {
  name: 'appraisal.col.name', committee: 'appraisal.col.committee', hours: 'appraisal.col.hours', cases: 'appraisal.col.cases',
  succeeded: 'appraisal.col.succeeded', rate: 'appraisal.col.rate', visitsOnTime: 'appraisal.col.visitsOnTime', score: 'appraisal.col.score',
};

const percent = (n: number | null) => (n === null ? t('appraisal.na') : t('appraisal.percent', { value: n.toFixed(1) }));
const hours = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

export function AppraisalScreen() {
  const { query, route } = useLocation();
  const me = session.value?.me;
  const scope = me?.scope ?? '';
  const year = /^\d{4}$/.test(query.year ?? '') ? Number(query.year) : new Date().getFullYear();
  const town = /^\d{9}$/.test(query.town ?? '') ? (query.town as string) : '';
  const sort = (appraisalColumns as readonly string[]).includes(query.sort ?? '') ? (query.sort as AppraisalColumn) : 'name';
  const dir = query.dir === 'desc' ? 'desc' : 'asc';
  const remote = useRemote(() => loadAppraisal(year, town), `${year}|${town}`);
  if (!me || me.role === 'mediator') return <section class="screen"><h1>{t('appraisal.title')}</h1><p>{t('dash.staffOnly')}</p></section>;
  const table = remote.value;
  const go = (next: Record<string, string>) => route(`/appraisal?${new URLSearchParams({ year: String(year), town, sort, dir, ...next }).toString()}`);
  const rows = table ? sortRows(table.rows, sort, dir) : [];
  return (
    <section class="screen desk-wide appraisal-screen" aria-labelledby="appraisal-title">
      <h1 id="appraisal-title">{t('appraisal.title')}</h1>
      <p class="muted">{t('appraisal.intro')}</p>
      <form class="desk-filters" onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        go({ year: String(data.get('year') ?? year), town: String(data.get('town') ?? '') });
      }}>
        <label class="desk-filter">{t('appraisal.year')}
          <input type="number" name="year" min={2000} max={2100} value={year} data-testid="appraisal-year" />
        </label>
        <TownSelect scope={scope} value={town} name="town" testId="appraisal-town" />
        <div class="desk-filter-actions"><button type="submit" class="button">{t('subsidy.show')}</button></div>
      </form>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      {table && (
        <>
          <p data-testid="appraisal-count">{t('appraisal.count', { n: rows.length })} · {t('appraisal.col.required')} {hours.format(table.requiredHours)}</p>
          <div class="subsidy-exports">
            <button type="button" class="button secondary" data-testid="appraisal-xlsx" onClick={() => void downloadAppraisal(year, town, 'xlsx')}>{t('subsidy.export.xlsx')}</button>
            <button type="button" class="button secondary" data-testid="appraisal-csv" onClick={() => void downloadAppraisal(year, town, 'csv')}>{t('subsidy.export.csv')}</button>
          </div>
          {rows.length === 0 ? <p class="empty">{t('appraisal.none')}</p> : (
            <TableScroll>
              <table class="desk-table" data-testid="appraisal-table">
                <thead>
                  <tr>
                    {appraisalColumns.map((c) => (
                      <th scope="col" key={c} aria-sort={sort === c ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                        <button type="button" class="sort" data-testid={`appraisal-sort-${c}`} aria-label={t('appraisal.sortBy', { col: t(labels[c]) })}
                          onClick={() => go({ sort: c, dir: sort === c && dir === 'asc' ? 'desc' : 'asc' })}>
                          {t(labels[c])}{sort === c ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>{rows.map((r) => <Line key={r.mediatorId} r={r} year={year} />)}</tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}

function Line(p: { r: AppraisalRow; year: number }) {
  const { r } = p;
  const short = r.requiredHours > 0 && r.trainingHours < r.requiredHours;
  return (
    <tr data-testid="appraisal-row" data-mediator={r.mediatorId}>
      <th scope="row"><a href={`/appraisal/${r.mediatorId}?year=${p.year}`}>{r.name}</a><div class="muted small">{r.townName}</div></th>
      <td>{r.committeeName}</td>
      <td class={short ? 'appraisal-short' : ''}>{hours.format(r.trainingHours)}{short ? ` ${t('appraisal.short')}` : ''}</td>
      <td class="num">{r.cases}</td>
      <td class="num">{r.succeeded}</td>
      <td class="num">{percent(r.successRate)}</td>
      <td class="num">{r.visitsDue === 0 ? t('appraisal.na') : `${r.visitsOnTime}/${r.visitsDue}`}</td>
      <td class="num">{percent(r.averageScore)}</td>
    </tr>
  );
}
