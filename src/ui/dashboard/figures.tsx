// The dashboard's tables below the areas: dispute categories (the official rows), agreements,
// prevention and sources, and the organisation table with coverage.

import { Fragment } from 'preact';
import { statisticsRows } from '../../shared/categories.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { committeeTypes, LEGAL_PERSONS_TARGET, type Coverage, type OrgTable } from '../../shared/network.ts';
import { courtSources } from '../../shared/court.ts';
import { formatRate, noCourt, performanceRateOf, preventionKeys, satisfactionRateOf, successRateOf, toWanYuan, type Rollup } from '../../shared/stats.ts';
import { TableScroll } from '../components/table-scroll.tsx';

type Measure = 'accepted' | 'succeeded' | 'failed' | 'open';
export type CasesHref = ((filter: { measure: string; row?: string; source?: string }) => string) | undefined;

function Num(p: { n: number; href: string | undefined }) {
  return p.href && p.n > 0 ? <a href={p.href}>{p.n}</a> : <>{p.n}</>;
}

export function CategoryTable(p: { rollup: Rollup; casesHref: CasesHref }) {
  const max = Math.max(1, ...Object.values(p.rollup.byRow).map((r) => r.accepted));
  const measures: Measure[] = ['accepted', 'succeeded', 'failed', 'open'];
  return (
    <TableScroll>
      <table class="stat-table category-table" data-testid="category-table">
        <caption>{t('dash.byCategory')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.category')}</th>
            <th scope="col">{t('stats.accepted')}</th>
            <th scope="col">{t('stats.col.succeeded')}</th>
            <th scope="col">{t('dash.col.rate')}</th>
            <th scope="col">{t('stats.col.failed')}</th>
            <th scope="col">{t('stats.open')}</th>
          </tr>
        </thead>
        <tbody>
          {statisticsRows.map((row) => {
            const r = p.rollup.byRow[row.code];
            if (!r || r.accepted === 0) return null;
            return (
              <tr key={row.code}>
                <th scope="row">
                  {row.name}
                  <svg class="row-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect x="0" y="0" height="4" width={(r.accepted / max) * 100} />
                  </svg>
                </th>
                {measures.slice(0, 2).map((m) => <td key={m}><Num n={r[m]} href={p.casesHref?.({ measure: m, row: row.code })} /></td>)}
                <td>{formatRate(successRateOf(r))}</td>
                {measures.slice(2).map((m) => <td key={m}><Num n={r[m]} href={p.casesHref?.({ measure: m, row: row.code })} /></td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

const preventionLabels: Record<(typeof preventionKeys)[number], MessageKey> = {
  suicide: 'flags.suicide', criminal: 'flags.criminal', groupPetition: 'flags.groupPetition', groupFight: 'flags.groupFight',
};

export function MoreFigures(p: { rollup: Rollup; casesHref: CasesHref }) {
  const r = p.rollup;
  return (
    <div class="more-figures">
      <section>
        <h3>{t('dash.agreements')}</h3>
        <dl class="kv">
          <dt>{t('stats.written')}</dt><dd><Num n={r.written} href={p.casesHref?.({ measure: 'written' })} /></dd>
          <dt>{t('stats.oral')}</dt><dd><Num n={r.oral} href={p.casesHref?.({ measure: 'oral' })} /></dd>
          <dt>{t('stats.amount')}</dt><dd>{t('dash.wan', { n: toWanYuan(r.amountYuan).toFixed(2) })}</dd>
          <dt>{t('dash.performed')}</dt><dd><Num n={r.performed} href={p.casesHref?.({ measure: 'performed' })} /></dd>
          <dt>{t('dash.performanceRate')}</dt><dd data-testid="performance-rate">{formatRate(performanceRateOf(r))}</dd>
          <dt>{t('dash.confirmed')}</dt><dd><Num n={r.confirmed} href={p.casesHref?.({ measure: 'confirmed' })} /></dd>
          <dt>{t('stats.difficult')}</dt><dd><Num n={r.difficult} href={p.casesHref?.({ measure: 'difficult' })} /></dd>
        </dl>
      </section>
      <section>
        <h3>{t('dash.prevention')}</h3>
        <dl class="kv">
          {preventionKeys.map((key) => (
            <Fragment key={key}>
              <dt>{t(preventionLabels[key])}</dt>
              <dd>{t('stats.casesPersons', { cases: r.prevention[key].cases, persons: r.prevention[key].persons })}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <Satisfaction rollup={r} casesHref={p.casesHref} />
      <section>
        <h3>{t('dash.sources')}</h3>
        <dl class="kv">
          {Object.entries(r.bySource).map(([source, n]) => (
            <Fragment key={source}>
              <dt>{source}</dt>
              <dd><Num n={n ?? 0} href={p.casesHref?.({ measure: 'accepted', source })} /></dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <CourtFigures rollup={r} casesHref={p.casesHref} />
    </div>
  );
}

/** 诉调对接: the court's cases by source — 受理, 调解成功, 调解不成 (returned to the court), each opening its list. */
function CourtFigures(p: { rollup: Rollup; casesHref: CasesHref }) {
  // Stored totals written before 诉调对接 existed have no `court`: nothing to show for them.
  const court = p.rollup.court ?? noCourt();
  if (courtSources.every((s) => court[s].accepted === 0)) return null;
  return (
    <section data-testid="dash-court">
      <h3>{t('report.court')}</h3>
      <dl class="kv">
        {courtSources.map((source) => (
          <Fragment key={source}>
            <dt>{t(`source.${source}`)}</dt>
            <dd>
              {t('report.court.received')} <Num n={court[source].accepted} href={p.casesHref?.({ measure: 'accepted', source })} />
              {' · '}{t('report.court.succeeded')} <Num n={court[source].succeeded} href={p.casesHref?.({ measure: 'succeeded', source })} />
              {' · '}{t('report.court.returned')} <Num n={court[source].failed} href={p.casesHref?.({ measure: 'failed', source })} />
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

/** 群众满意度 from the latest 回访 of each successful case; 未记载 stays out of the rate. */
function Satisfaction(p: { rollup: Rollup; casesHref: CasesHref }) {
  const s = p.rollup.satisfaction;
  const rate = satisfactionRateOf(s);
  return (
    <section data-testid="satisfaction">
      <h3>{t('dash.satisfaction')}</h3>
      <dl class="kv">
        <dt>{t('dash.satisfaction.rate')}</dt><dd data-testid="satisfaction-rate"><strong>{formatRate(rate)}</strong></dd>
        <dt>{t('dash.drill.satisfied')}</dt><dd><Num n={rate.numerator} href={p.casesHref?.({ measure: 'satisfied' })} /></dd>
        <dt>{t('dash.drill.dissatisfied')}</dt><dd><Num n={s.不满意} href={p.casesHref?.({ measure: 'dissatisfied' })} /></dd>
        <dt>{t('dash.drill.rated')}</dt><dd><Num n={rate.denominator} href={p.casesHref?.({ measure: 'rated' })} /></dd>
        <dt>{t('dash.satisfaction.unrecorded')}</dt><dd>{s.未记载}</dd>
      </dl>
      <p class="muted small">{t('dash.satisfaction.formula', { n: rate.numerator, d: rate.denominator })}</p>
    </section>
  );
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((n / d) * 100).toFixed(1)}%`);

export function OrgPanel(p: { org: OrgTable; coverage: Coverage }) {
  const { org, coverage } = p;
  const perVillage = coverage.legalPersonsPerVillage;
  return (
    <section class="org-panel" aria-labelledby="org-h" data-testid="org-panel">
      <h2 id="org-h">{t('dash.org')}</h2>
      <div class="stat-cards">
        <div class="stat-card" data-testid="org-committees"><span>{t('dash.org.committees')}</span><strong>{org.committeesTotal}</strong></div>
        <div class="stat-card" data-testid="org-mediators"><span>{t('dash.org.mediators')}</span><strong>{org.mediators}</strong></div>
        <div class="stat-card" data-testid="org-legal"><span>{t('dash.org.legalPersons')}</span><strong>{org.legalPersons}</strong></div>
        <div class="stat-card" data-testid="org-households"><span>{t('dash.org.households')}</span><strong>{org.households}</strong></div>
      </div>
      <dl class="kv">
        {committeeTypes.map((type) => (
          <Fragment key={type}>
            <dt>{type}</dt><dd>{t('dash.org.count', { n: org.committees[type] })}</dd>
          </Fragment>
        ))}
        <dt>{t('dash.org.fullTime')}</dt><dd>{t('dash.org.persons', { n: org.fullTime, of: org.mediators })}</dd>
        <dt>{t('dash.coverage.committees')}</dt><dd>{pct(coverage.committees.numerator, coverage.committees.denominator)}（{coverage.committees.numerator}/{coverage.committees.denominator}）</dd>
        <dt>{t('dash.coverage.legal')}</dt>
        <dd>{t('dash.coverage.perVillage', { avg: perVillage.denominator === 0 ? '—' : (perVillage.numerator / perVillage.denominator).toFixed(1), target: LEGAL_PERSONS_TARGET, short: coverage.shortVillages.length })}</dd>
      </dl>
    </section>
  );
}
