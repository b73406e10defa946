// /dashboard/cases: the cases behind one number of the dashboard, exactly those the roll-up
// counted (the server applies the same rule, server/stats/case-filter.ts). Names are masked.

import { useLocation } from 'preact-iso';
import { caseLabel, maskName } from '../../shared/case.ts';
import { categoryByCode, statisticsRowOf } from '../../shared/categories.ts';
import { addDays } from '../../shared/dates.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { inclusivePeriod, isValidPeriod } from '../../shared/stat-periods.ts';
import { loadCases, useRemote, type CaseFilter } from '../../state/dashboard.ts';
import { session } from '../../state/session.ts';
import { formatDate } from '../format.ts';
import { dashboardHref } from './dashboard-screen.tsx';

const measureLabels: Record<string, MessageKey> = {
  accepted: 'stats.accepted', succeeded: 'stats.succeeded', failed: 'stats.failed', open: 'stats.open', oral: 'stats.oral',
  written: 'stats.written', performed: 'dash.performed', confirmed: 'dash.confirmed', difficult: 'stats.difficult',
  rated: 'dash.drill.rated', satisfied: 'dash.drill.satisfied', dissatisfied: 'dash.drill.dissatisfied',
};

export function DrillScreen() {
  const { query, route, url } = useLocation();
  if (!session.value) return <p class="screen">{t('dash.needLogin')}</p>;
  const period = query.from && query.to ? inclusivePeriod(query.from, query.to) : undefined;
  if (!period || !isValidPeriod(period) || !query.area) return <p class="screen">{t('dash.drill.bad')}</p>;
  const page = Math.max(1, Number(query.page ?? 1));
  const filter = { area: query.area, period, page, ...(query.measure ? { measure: query.measure } : {}), ...(query.row ? { row: query.row } : {}), ...(query.source ? { source: query.source } : {}) };
  return <DrillList filter={filter} query={query} url={url} goPage={(n) => route(`/dashboard/cases?${new URLSearchParams({ ...query, page: String(n) }).toString()}`)} />;
}

function DrillList(p: { filter: CaseFilter; query: Record<string, string>; url: string; goPage: (n: number) => void }) {
  const { filter, query, goPage } = p;
  const { period, page } = filter;
  const remote = useRemote(() => loadCases(filter), JSON.stringify(filter));
  const list = remote.value;
  const what = [
    query.measure && measureLabels[query.measure] ? t(measureLabels[query.measure] as MessageKey) : '',
    query.row ? (categoryByCode(query.row)?.name ?? '') : '',
    query.source ?? '',
  ].filter(Boolean).join(' · ');
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  return (
    <section class="screen dashboard drill" aria-labelledby="drill-title">
      <a class="back" href={dashboardHref(filter.area, period)}>‹ {t('dash.drill.back')}</a>
      <h1 id="drill-title">{t('dash.drill.title', { what })}</h1>
      <p class="muted">{t('dash.drill.range', { from: formatDate(period.from), to: formatDate(addDays(period.to, -1)), n: list?.total ?? 0 })}</p>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      <ul class="case-list" data-testid="drill-list">
        {(list?.cases ?? []).map((c) => (
          <li key={c.id}>
            <a class="case-row" href={`/cases/${c.id}?back=${encodeURIComponent(p.url)}`}>
              <span class="case-row-top">
                <strong class="case-label">{caseLabel(c)}</strong>
                <span class="chips"><span class={`chip status-${c.status}`}>{t(`case.status.${c.status}`)}</span></span>
              </span>
              <span class="case-row-meta">
                {categoryByCode(c.categoryCode)?.name ?? categoryByCode(statisticsRowOf(c.categoryCode))?.name} · {t('list.acceptedOn', { date: formatDate(c.acceptedOn) })}
              </span>
              <span class="case-row-meta">{c.private.parties.map((x) => maskName(x.name)).join('、')} · {c.committeeName}</span>
            </a>
          </li>
        ))}
      </ul>
      {list && list.total === 0 && <p class="empty">{t('dash.drill.none')}</p>}
      {pages > 1 && (
        <div class="pager">
          <button type="button" class="button" disabled={page <= 1} onClick={() => goPage(page - 1)}>{t('dash.drill.prev')}</button>
          <span>{t('dash.drill.page', { page, pages })}</span>
          <button type="button" class="button" disabled={page >= pages} onClick={() => goPage(page + 1)}>{t('dash.drill.next')}</button>
        </div>
      )}
    </section>
  );
}
