// One mediator's year (调解员考核): the figures of their line in the county table, their
// trainings against the requirement, and the cases behind the figures with 回访 due/done and
// the 卷宗 score of each.
import { useRoute } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { ONE_MONTH_DAYS } from '../../shared/reminders.ts';
import { useRemote } from '../../state/dashboard.ts';
import { loadAppraisalPage } from '../../state/subsidy.ts';
import { TableScroll } from '../components/table-scroll.tsx';
import '../desk/desk.css';
import './subsidy.css';
import { formatDate } from '../format.ts';

const percent = (n: number | null) => (n === null ? t('appraisal.na') : t('appraisal.percent', { value: n.toFixed(1) }));

export function AppraisalPageScreen() {
  const { params, query } = useRoute();
  const id = params.id ?? '';
  const year = /^\d{4}$/.test(query.year ?? '') ? Number(query.year) : new Date().getFullYear();
  const remote = useRemote(() => loadAppraisalPage(id, year), `${id}|${year}`);
  const page = remote.value;
  const r = page?.row;
  return (
    <section class="screen appraisal-page" aria-labelledby="appraisal-page-title">
      <a class="back" href={`/appraisal?year=${year}`}>‹ {t('appraisal.back')}</a>
      <h1 id="appraisal-page-title">{r ? t('appraisal.page', { name: r.name }) : t('appraisal.title')}</h1>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      {page && r && (
        <>
          <p class="muted">{r.townName} · {r.committeeName} · {year}</p>
          <dl class="device-facts" data-testid="appraisal-facts">
            <dt>{t('appraisal.col.hours')}</dt><dd class={r.requiredHours > 0 && r.trainingHours < r.requiredHours ? 'appraisal-short' : ''}>{r.trainingHours} / {r.requiredHours}（{t(r.requiredHours > 0 && r.trainingHours < r.requiredHours ? 'appraisal.short' : 'appraisal.met')}）</dd>
            <dt>{t('appraisal.col.cases')}</dt><dd>{r.cases}</dd>
            <dt>{t('appraisal.col.succeeded')}</dt><dd>{r.succeeded}</dd>
            <dt>{t('appraisal.col.rate')}</dt><dd>{percent(r.successRate)}</dd>
            <dt>{t('appraisal.col.visitsOnTime')}</dt><dd>{r.visitsOnTime} / {r.visitsDue}</dd>
            <dt>{t('appraisal.col.score')}</dt><dd>{percent(r.averageScore)}</dd>
          </dl>
          <p class="muted small">{t('appraisal.visitRule', { days: ONE_MONTH_DAYS })}</p>
          <h2>{t('appraisal.trainings')}</h2>
          {page.trainings.length === 0 ? <p class="empty">{t('appraisal.noTrainings')}</p> : (
            <ul class="plain">{page.trainings.map((x) => <li key={x.id}>{x.on} · {x.title} · {x.hours}</li>)}</ul>
          )}
          <h2>{t('appraisal.col.cases')}</h2>
          <TableScroll>
            <table class="desk-table" data-testid="appraisal-cases">
              <thead><tr><th scope="col">{t('subsidy.col.caseNo')}</th><th scope="col">{t('subsidy.col.acceptedOn')}</th><th scope="col">{t('appraisal.col.visits')}</th><th scope="col">{t('appraisal.col.visitsOnTime')}</th><th scope="col">{t('subsidy.col.score')}</th></tr></thead>
              <tbody>
                {page.cases.map((c) => (
                  <tr key={c.id}>
                    <th scope="row"><a href={`/cases/${c.id}`}>{c.caseNo ?? '—'}</a></th>
                    <td>{formatDate(c.acceptedOn)}</td>
                    <td>{c.visitDue ? formatDate(c.visitDue) : t('appraisal.na')}</td>
                    <td>{c.visitedOn ? formatDate(c.visitedOn) : c.visitDue ? t('appraisal.notVisited') : t('appraisal.na')}</td>
                    <td>{c.score ? t('subsidy.scoreOf', { score: c.score.score, max: c.score.maxScore }) : t('appraisal.na')}</td>
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
