// /cases on the desk: every case of the office's area as a table — 编号, 当事人, 村/委员会, 类型,
// 来源, 受理日期, 状态, 调解员, 待核对 — with a filter for each column, sorting by any column
// (受理日期 newest first by default), real pages of a chosen size and the filtered list as XLSX.
// Everything is in the address: back returns to the same view, a link shows a colleague the same
// list. The filters apply when the form is submitted (Enter or 筛选), never on each keystroke.

import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { caseLabel, caseSources, maskName } from '../../shared/case.ts';
import { categories, categoryByCode } from '../../shared/categories.ts';
import { casePageSizes, caseListSorts, villageWithTown, type CaseListSort } from '../../shared/case-list-api.ts';
import { caseStatuses } from '../../shared/lifecycle.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { useRemote } from '../../state/dashboard.ts';
import { caseListKeys, caseListQuery, downloadCaseList, loadCaseList, type CaseListParams } from '../../state/desk.ts';
import { session } from '../../state/session.ts';
import { formatDate } from '../format.ts';
import { ConfirmSelect } from '../components/confirm-select.tsx';
import { AreaFilter } from './area-filter.tsx';
import { focusResult } from './focus.ts';

const columns: { sort: CaseListSort; label: MessageKey }[] = [
  { sort: 'no', label: 'desk.col.no' },
  { sort: 'party', label: 'desk.col.party' },
  { sort: 'village', label: 'desk.col.village' },
  { sort: 'category', label: 'desk.col.category' },
  { sort: 'source', label: 'desk.col.source' },
  { sort: 'accepted', label: 'desk.col.accepted' },
  { sort: 'status', label: 'desk.col.status' },
  { sort: 'mediator', label: 'desk.col.mediator' },
  { sort: 'review', label: 'desk.col.review' },
];

/** The URL's query reduced to the keys the list knows. */
function paramsOf(query: Record<string, string>): CaseListParams {
  const out: CaseListParams = {};
  for (const key of caseListKeys) if (query[key]) out[key] = query[key];
  return out;
}

export function CaseTableScreen() {
  const { query, route, url } = useLocation();
  const s = session.value;
  const params = paramsOf(query);
  const sort = (caseListSorts as readonly string[]).includes(params.sort ?? '') ? (params.sort as CaseListSort) : 'accepted';
  const dir = params.dir === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.page ?? 1));
  const pageSize = Number(params.pageSize ?? 50);
  const key = caseListQuery(params);
  const remote = useRemote(() => loadCaseList({ pageSize: '50', ...params }), key);
  const [exporting, setExporting] = useState('');
  const resultRef = useRef<HTMLParagraphElement>(null);
  const moved = useRef(false);
  // After a filter, sort or page change, the keyboard continues from the result line.
  useEffect(() => {
    if (moved.current && !remote.loading) {
      moved.current = false;
      focusResult(resultRef.current);
    }
  }, [remote.loading, key]);

  if (!s) return null;
  const go = (next: CaseListParams) => {
    moved.current = true;
    const merged = { ...params, ...next };
    route(`/cases${caseListQuery(merged) ? `?${caseListQuery(merged)}` : ''}`);
  };
  const list = remote.value;
  // A town's list is one town: its name beside every village would say nothing.
  const manyTowns = s.me.scope.length < 9;
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;

  const submit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const village = text('village');
    const town = text('town');
    go({
      no: text('no'), party: text('party'), mediator: text('mediator'), category: text('category'), source: text('source'),
      status: text('status'), review: text('review'), from: text('from'), to: text('to'),
      area: village || town, page: '',
    });
  };

  return (
    <section class="screen desk-wide case-table-screen" aria-labelledby="cases-title">
      <div class="dash-head">
        <h1 id="cases-title">{t('desk.cases.title')}</h1>
        <button type="button" class="button" data-testid="export-cases" disabled={exporting === 'busy'} onClick={() => {
          setExporting('busy');
          downloadCaseList(params).then(() => setExporting(''), (e: Error) => setExporting(e.message));
        }}>{t('desk.cases.export')}</button>
      </div>
      {exporting !== '' && exporting !== 'busy' && <p class="error" role="alert">{exporting}</p>}
      <form class="desk-filters" onSubmit={submit} data-testid="case-filters" key={key}>
        <label class="desk-filter"><span>{t('desk.col.no')}</span><input name="no" defaultValue={params.no ?? ''} /></label>
        <label class="desk-filter"><span>{t('desk.col.party')}</span><input name="party" autoComplete="off" defaultValue={params.party ?? ''} data-testid="filter-party" /></label>
        <AreaFilterField scope={s.me.scope} value={params.area ?? ''} />
        <label class="desk-filter">
          <span>{t('desk.col.category')}</span>
          <select name="category" value={params.category ?? ''} data-testid="filter-category">
            <option value="">{t('desk.filter.all')}</option>
            {categories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </label>
        <label class="desk-filter">
          <span>{t('desk.col.source')}</span>
          <select name="source" value={params.source ?? ''}>
            <option value="">{t('desk.filter.all')}</option>
            {caseSources.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </label>
        <label class="desk-filter"><span>{t('desk.filter.from')}</span><input type="date" name="from" defaultValue={params.from ?? ''} data-testid="filter-from" /></label>
        <label class="desk-filter"><span>{t('desk.filter.to')}</span><input type="date" name="to" defaultValue={params.to ?? ''} data-testid="filter-to" /></label>
        <label class="desk-filter">
          <span>{t('desk.col.status')}</span>
          <select name="status" value={params.status ?? ''} data-testid="filter-status">
            <option value="">{t('desk.filter.all')}</option>
            {caseStatuses.map((x) => <option key={x} value={x}>{t(`case.status.${x}`)}</option>)}
          </select>
        </label>
        <label class="desk-filter"><span>{t('desk.col.mediator')}</span><input name="mediator" defaultValue={params.mediator ?? ''} /></label>
        <label class="desk-filter">
          <span>{t('desk.col.review')}</span>
          <select name="review" value={params.review ?? ''}>
            <option value="">{t('desk.filter.all')}</option>
            <option value="1">{t('desk.filter.review.yes')}</option>
            <option value="0">{t('desk.filter.review.no')}</option>
          </select>
        </label>
        <div class="desk-filter-actions">
          <button type="submit" class="button primary" data-testid="apply-filters">{t('desk.filter.apply')}</button>
          <a class="button" href="/cases">{t('desk.filter.clear')}</a>
        </div>
      </form>
      <p ref={resultRef} class="muted" role="status" data-testid="case-count">
        {list ? t('desk.cases.count', { n: list.total, page, pages }) : t('common.loading')}
      </p>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      <div class="table-scroll">
        <table class="desk-table" data-testid="case-table" aria-busy={remote.loading}>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = c.sort === sort;
                return (
                  <th key={c.sort} scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    <button type="button" class="sort" data-testid={`sort-${c.sort}`}
                      onClick={() => go({ sort: c.sort, dir: active && dir === 'desc' ? 'asc' : active ? 'desc' : c.sort === 'accepted' ? 'desc' : 'asc', page: '' })}>
                      {t(c.label)}<span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {(list?.cases ?? []).map((c) => (
              <tr key={c.id} data-testid="case-table-row">
                <td><a href={`/cases/${c.id}?back=${encodeURIComponent(url)}`}>{caseLabel(c)}</a></td>
                <td>{c.private.parties.map((x) => maskName(x.name)).join('、')}</td>
                <td>{manyTowns ? villageWithTown(c, list?.areaNames ?? {}) : (list?.areaNames[c.villageCode] ?? c.committeeName)}</td>
                <td>{categoryByCode(c.categoryCode)?.name ?? c.categoryCode}</td>
                <td>{c.source}</td>
                <td class="nowrap" data-testid="cell-accepted" data-value={c.acceptedOn}>{formatDate(c.acceptedOn)}</td>
                <td>{t(`case.status.${c.status}`)}</td>
                <td>{c.mediators.join('、')}</td>
                <td>{c.needsReview ? <span class="chip warn">{t('desk.review.yes')}</span> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list && list.total === 0 && <p class="empty">{t('desk.cases.none')}</p>}
      <nav class="pager" aria-label={t('desk.pager')}>
        <button type="button" class="button" disabled={page <= 1} onClick={() => go({ page: String(page - 1) })} data-testid="page-prev">{t('dash.drill.prev')}</button>
        <span>{t('dash.drill.page', { page, pages })}</span>
        <button type="button" class="button" disabled={page >= pages} onClick={() => go({ page: String(page + 1) })} data-testid="page-next">{t('dash.drill.next')}</button>
        <label class="page-size">
          <span>{t('desk.pageSize')}</span>
          <ConfirmSelect value={String(pageSize)} data-testid="page-size" onConfirm={(v) => go({ pageSize: v, page: '' })}>
            {casePageSizes.map((n) => <option key={n} value={String(n)}>{n}</option>)}
          </ConfirmSelect>
        </label>
      </nav>
    </section>
  );
}

/** The area filter inside the form: its choice travels as the hidden `village`/`town` fields. */
function AreaFilterField(p: { scope: string; value: string }) {
  const [area, setArea] = useState(p.value);
  useEffect(() => setArea(p.value), [p.value]);
  return <AreaFilter scope={p.scope} value={area} onChange={setArea} />;
}
