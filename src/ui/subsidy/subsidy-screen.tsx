// 以案定补 on the desk: the month's subsidy sheet of the office's area — every successful case of
// the month with its 卷宗 score (or 待评分, a link to score it beside the dossier), the totals per
// mediator and per committee, whether the month is signed off (then the sheet is frozen), and the
// exports. County staff reach the rules from here.
import { useLocation } from 'preact-iso';
import { categoryByCode } from '../../shared/categories.ts';
import { t } from '../../shared/i18n/index.ts';
import { amountInFigures } from '../../shared/money.ts';
import { addDays, localDate } from '../../shared/dates.ts';
import { yuanOf, type SubsidySheet } from '../../shared/subsidy.ts';
import { useRemote } from '../../state/dashboard.ts';
import { downloadSheet, loadSheet } from '../../state/subsidy.ts';
import { session } from '../../state/session.ts';
import { TableScroll } from '../components/table-scroll.tsx';
import { TownSelect } from './town-select.tsx';
import '../desk/desk.css';
import './subsidy.css';
import { formatDate } from '../format.ts';

const money = (cents: number) => amountInFigures(yuanOf(cents));
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Last month: the one an office scores and signs off. */
export const lastMonth = (today = localDate(new Date())): string => addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);

export function SubsidyScreen() {
  const { query, route } = useLocation();
  const me = session.value?.me;
  const scope = me?.scope ?? '';
  const area = /^(\d{6}|\d{9})$/.test(query.area ?? '') ? (query.area as string) : scope.slice(0, Math.min(scope.length, 9));
  const month = /^\d{4}-\d{2}$/.test(query.month ?? '') ? (query.month as string) : lastMonth();
  const remote = useRemote(() => loadSheet(area, month), `${area}|${month}`);
  if (!me || me.role === 'mediator') return <section class="screen"><h1>{t('subsidy.title')}</h1><p>{t('dash.staffOnly')}</p></section>;
  const sheet = remote.value;
  const go = (next: { month?: string; area?: string }) => route(`/subsidy?month=${next.month ?? month}&area=${next.area ?? area}`);
  return (
    <section class="screen desk-wide subsidy-screen" aria-labelledby="subsidy-title">
      <h1 id="subsidy-title">{t('subsidy.title')}</h1>
      <p class="muted">{t('subsidy.intro')}</p>
      <form class="desk-filters" onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        go({ month: String(data.get('month') ?? month), area: String(data.get('area') || scope) });
      }}>
        <label class="desk-filter">{t('subsidy.month')}
          <input type="month" name="month" value={month} data-testid="subsidy-month" required />
        </label>
        <TownSelect scope={scope} value={area.length === 9 ? area : ''} name="area" testId="subsidy-area" />
        <div class="desk-filter-actions"><button type="submit" class="button">{t('subsidy.show')}</button></div>
        <a class="button secondary" href="/subsidy/rules" data-testid="subsidy-rules-link">{t('subsidy.rulesLink')}</a>
      </form>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      {sheet && <SheetBody sheet={sheet} area={area} month={month} />}
    </section>
  );
}

function SheetBody(p: { sheet: SubsidySheet; area: string; month: string }) {
  const { sheet } = p;
  const signedTowns = sheet.towns.filter((s) => s.signed).map((s) => s.name);
  return (
    <>
      <p class={sheet.locked ? 'notice subsidy-locked' : 'muted'} data-testid="subsidy-state" data-locked={String(sheet.locked)}>
        {sheet.locked ? t('subsidy.locked', { month: monthLabel(p.month) }) : signedTowns.length > 0 ? t('subsidy.partLocked', { towns: signedTowns.join('、') }) : t('subsidy.open', { month: monthLabel(p.month) })}
      </p>
      <p data-testid="subsidy-summary">{t('subsidy.summary', { cases: sheet.lines.length, scored: sheet.lines.length - sheet.unscored, unscored: sheet.unscored, total: money(sheet.total) })}</p>
      <div class="subsidy-exports">
        <button type="button" class="button secondary" data-testid="subsidy-xlsx" onClick={() => void downloadSheet(p.area, p.month, 'xlsx')}>{t('subsidy.export.xlsx')}</button>
        <button type="button" class="button secondary" data-testid="subsidy-csv" onClick={() => void downloadSheet(p.area, p.month, 'csv')}>{t('subsidy.export.csv')}</button>
      </div>
      {sheet.lines.length === 0 ? <p class="empty">{t('subsidy.none')}</p> : (
        <>
          <h2>{t('subsidy.byMediator')}</h2>
          <TableScroll>
            <table class="desk-table" data-testid="subsidy-mediators">
              <thead><tr><th scope="col">{t('subsidy.col.mediator')}</th><th scope="col">{t('subsidy.col.committee')}</th><th scope="col">{t('subsidy.col.cases')}</th><th scope="col" class="num">{t('subsidy.col.amount')}</th></tr></thead>
              <tbody>
                {sheet.byMediator.map((m) => (
                  <tr key={`${m.committeeName}|${m.name}`}><th scope="row">{m.name === '' ? t('subsidy.noName') : m.name}</th><td>{m.committeeName}</td><td>{m.cases}</td><td class="num">{money(m.amount)}</td></tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row">{t('subsidy.total')}</th><td /><td>{sheet.lines.length}</td><td class="num" data-testid="subsidy-total">{money(sheet.total)}</td></tr></tfoot>
            </table>
          </TableScroll>
          <h2>{t('subsidy.byCommittee')}</h2>
          <TableScroll>
            <table class="desk-table" data-testid="subsidy-committees">
              <thead><tr><th scope="col">{t('subsidy.col.committee')}</th><th scope="col">{t('subsidy.col.cases')}</th><th scope="col">{t('subsidy.col.scored')}</th><th scope="col" class="num">{t('subsidy.col.amount')}</th></tr></thead>
              <tbody>
                {sheet.byCommittee.map((c) => (
                  <tr key={c.committeeId ?? c.name}><th scope="row">{c.name}</th><td>{c.cases}</td><td>{c.scored}</td><td class="num">{money(c.amount)}</td></tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h2>{t('subsidy.cases')}</h2>
          <TableScroll>
            <table class="desk-table" data-testid="subsidy-cases">
              <thead>
                <tr>
                  <th scope="col">{t('subsidy.col.caseNo')}</th><th scope="col">{t('subsidy.col.village')}</th><th scope="col">{t('subsidy.col.mediators')}</th>
                  <th scope="col">{t('subsidy.col.category')}</th><th scope="col">{t('subsidy.col.score')}</th><th scope="col" class="num">{t('subsidy.col.amount')}</th>
                  <th scope="col"><span class="sr-only">{t('subsidy.col.action')}</span></th>
                </tr>
              </thead>
              <tbody>
                {sheet.lines.map((l) => (
                  <tr key={l.caseId} data-testid="subsidy-line" data-case={l.caseId}>
                    <th scope="row">{l.caseNo ?? '—'}<div class="muted small">{formatDate(l.acceptedOn)}</div></th>
                    <td>{l.villageName}</td>
                    <td>{l.mediators.join('、')}</td>
                    <td>{categoryByCode(l.categoryCode)?.name ?? l.categoryCode}</td>
                    <td data-testid="subsidy-line-score">{l.score ? `${t('subsidy.scoreOf', { score: l.score.score, max: l.score.maxScore })} · ${l.score.difficulty}` : <span class="muted">{t('subsidy.unscored')}</span>}</td>
                    <td class="num">{money(l.amount)}</td>
                    <td>
                      <a href={`/subsidy/cases/${l.caseId}?month=${p.month}&area=${p.area}`} data-testid="subsidy-score-link" aria-label={`${t(sheet.locked || !l.score ? (sheet.locked ? 'subsidy.view' : 'subsidy.scoreIt') : 'subsidy.rescore')} ${l.caseNo ?? ''}`}>
                        {t(sheet.locked ? 'subsidy.view' : l.score ? 'subsidy.rescore' : 'subsidy.scoreIt')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
