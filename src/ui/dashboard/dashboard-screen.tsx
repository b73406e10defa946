// /dashboard (town, county and admin accounts): an area's statistics for a period, drilling down
// 县 → 镇 → 村 and back by the breadcrumb. Every count opens the cases behind it. The state is
// in the address (?area=&from=&to=), so a drill-down can be bookmarked, shared and gone back from.

import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { latestYear } from '../../state/desk.ts';
import { addDays, localDate } from '../../shared/dates.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import type { ReportSheetKey } from '../../shared/report.ts';
import { FormNumberSetting } from './form-number.tsx';
import { ReferralDaysSetting } from './referral-days.tsx';
import { formatDate, formatInstant } from '../format.ts';
import { inclusivePeriod, isValidPeriod, yearPeriod } from '../../shared/stat-periods.ts';
import { change, formatChange, formatRate, type Period } from '../../shared/stats.ts';
import type { StatsSummary } from '../../shared/stats-api.ts';
import { session } from '../../state/session.ts';
import { downloadReport, loadStats, useRemote } from '../../state/dashboard.ts';
import { AreaTable } from './area-table.tsx';
import { CommitteeTypeTable } from './committee-type-table.tsx';
import { ReferralFigures } from './referral-figures.tsx';
import { BarChart, TrendChart } from './charts.tsx';
import { CategoryTable, MoreFigures, OrgPanel, type CasesHref } from './figures.tsx';
import { SignoffPanel } from './signoff-panel.tsx';
import { PeriodPicker } from './period-picker.tsx';
import { ifStillOn } from '../shell/late-route.ts';
import './dashboard.css';

const staff = new Set(['town', 'county', 'admin']);

export function dashboardHref(area: string, period: Period): string {
  return `/dashboard?area=${area}&from=${period.from}&to=${addDays(period.to, -1)}`;
}

export function DashboardScreen() {
  const { query, route } = useLocation();
  const s = session.value;
  if (!s) return <NeedLogin next="/dashboard" />;
  if (!staff.has(s.me.role)) return <p class="screen">{t('dash.staffOnly')}</p>;
  const today = localDate(new Date());
  const asked = query.from && query.to ? inclusivePeriod(query.from, query.to) : undefined;
  if (!asked) return <LatestYear area={query.area ?? s.me.scope} go={(a, p) => route(dashboardHref(a, p), true)} />;
  const period = asked && isValidPeriod(asked) ? asked : yearPeriod(Number(today.slice(0, 4)));
  const area = query.area ?? s.me.scope;
  return <Dashboard area={area} period={period} scope={s.me.scope} today={today} go={(a, p) => route(dashboardHref(a, p))} />;
}

/** No period asked for: the latest year that has cases, not an empty current year. */
function LatestYear(p: { area: string; go: (area: string, period: Period) => void }) {
  useEffect(() => {
    let live = true;
    void latestYear().then((year) => live && ifStillOn('/dashboard', () => p.go(p.area, yearPeriod(year))));
    return () => {
      live = false;
    };
  }, [p.area]);
  return <section class="screen dashboard"><h1>{t('common.loading')}</h1></section>;
}

function NeedLogin(p: { next: string }) {
  return (
    <section class="screen">
      <p>{t('dash.needLogin')}</p>
      <a class="button primary" href={`/login?next=${encodeURIComponent(p.next)}`}>{t('login.submit')}</a>
    </section>
  );
}

interface DashboardProps {
  area: string;
  period: Period;
  scope: string;
  today: string;
  go: (area: string, period: Period) => void;
}

function Dashboard(p: DashboardProps) {
  const remote = useRemote(() => loadStats(p.area, p.period), `${p.area}|${p.period.from}|${p.period.to}`);
  const s = remote.value;
  // The last answer stays on screen (dimmed) while the next one loads; the title waits for it.
  const isFresh = s !== undefined && s.area.code === p.area && s.period.from === p.period.from && s.period.to === p.period.to;
  return (
    <section class="screen dashboard" aria-labelledby="dash-title" aria-busy={remote.loading}>
      {(p.area === p.scope || p.scope === '') && (p.area.length === 6 || p.area.length === 9) && (
        // The month sign-off sits below the figures: one keystroke takes the keyboard there.
        <button type="button" class="skip-inline" data-testid="skip-signoff" onClick={() => document.getElementById('signoff-h')?.focus()}>{t('dash.skipToSignoff')}</button>
      )}
      <Breadcrumb summary={s} area={p.area} period={p.period} scope={p.scope} />
      <div class="dash-head">
        <h1 id="dash-title" data-testid="dash-title">{isFresh ? t('dash.title', { area: s.area.name }) : t('common.loading')}</h1>
        <div class="exports">
          <button type="button" class="button" data-testid="export-xlsx" onClick={() => void downloadReport(p.area, p.period, 'xlsx')}>{t('dash.export.xlsx')}</button>
          <CsvMenu area={p.area} period={p.period} />
        </div>
      </div>
      <PeriodPickerSlot {...p} />
      {remote.error && (
        <div class="notice">
          <p class="error" role="alert">{remote.error.message}</p>
          <button type="button" class="button" onClick={remote.reload}>{t('dash.retry')}</button>
        </div>
      )}
      {s && s.area.code === p.area && <div class={isFresh ? '' : 'stale'}><Body s={s} {...p} /></div>}
      {(p.area === p.scope || p.scope === '') && (p.area.length === 6 || p.area.length === 2) && <FormNumberSetting area={p.area} />}
      {p.area === p.scope && p.area.length === 6 && <ReferralDaysSetting county={p.area} />}
    </section>
  );
}

function PeriodPickerSlot(p: DashboardProps) {
  return <PeriodPicker period={p.period} thisYear={Number(p.today.slice(0, 4))} onChange={(period) => p.go(p.area, period)} />;
}

function Breadcrumb(p: { summary: StatsSummary | undefined; area: string; period: Period; scope: string }) {
  const path = (p.summary?.path ?? []).filter((a) => a.code.startsWith(p.scope) || p.scope === '');
  return (
    <nav class="breadcrumb" aria-label={t('dash.breadcrumb')}>
      <ol>
        {p.scope === '' && <li><a href={dashboardHref('', p.period)}>{t('server.allAreas')}</a></li>}
        {path.map((a) => (
          <li key={a.code}>
            {a.code === p.area ? <span aria-current="page">{a.name}</span> : <a href={dashboardHref(a.code, p.period)} data-testid={`crumb-${a.code}`}>{a.name}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

const range = (period: Period) => `from=${period.from}&to=${addDays(period.to, -1)}`;

function Body(p: DashboardProps & { s: StatsSummary }) {
  const { s } = p;
  const r = s.total;
  const casesHref: CasesHref = (f) => `/dashboard/cases?area=${p.area}&${range(p.period)}&measure=${f.measure}${f.row ? `&row=${f.row}` : ''}${f.source ? `&source=${encodeURIComponent(f.source)}` : ''}`;
  const yoy = change(r.accepted, s.lastYear.rollup.accepted);
  const mom = change(r.accepted, s.previous.rollup.accepted);
  const childLevel = s.children[0]?.level;
  const canSign = (p.area.length === 6 || p.area.length === 9) && (p.area === p.scope || p.scope === '');
  return (
    <>
      <div class="stat-cards dash-cards">
        <Card label={t('stats.accepted')} value={r.accepted} href={casesHref({ measure: 'accepted' })} testId="stat-accepted"
          note={`${t('dash.yoy')} ${formatChange(yoy)} · ${t('dash.mom')} ${formatChange(mom)}`} />
        <Card label={t('stats.succeeded')} value={r.succeeded} href={casesHref({ measure: 'succeeded' })} testId="stat-succeeded" />
        <div class="stat-card rate" data-testid="stat-rate">
          <span>{t('stats.rate')}</span>
          <strong>{formatRate(r.successRate)}</strong>
          <span class="muted small">{t('stats.rateFormula', { n: r.successRate.numerator, d: r.successRate.denominator })}</span>
          <span class="muted small">{t('dash.lastYearRate', { rate: formatRate(s.lastYear.rollup.successRate) })}</span>
        </div>
        <Card label={t('stats.failed')} value={r.failed} href={casesHref({ measure: 'failed' })} testId="stat-failed" />
        <Card label={t('stats.open')} value={r.open} href={casesHref({ measure: 'open' })} testId="stat-open" />
      </div>
      <p class="muted small as-of">
        {s.source === 'cells' ? t('dash.asOfCells', { at: s.asOf ? formatInstant(s.asOf) : '' }) : t('dash.asOfLive')}
        {s.completeness.completeUpTo && ` ${t('dash.completeUpTo', { at: formatDate(localDate(new Date(s.completeness.completeUpTo))), n: s.completeness.villagesWithDevice, of: s.completeness.villages })}`}
      </p>
      <div class="dash-grid">
        {s.children.length > 0 && (
          <div class="dash-areas">
            <AreaTable rows={s.children} caption={t(childLevel === 'village' ? 'dash.byVillage' : childLevel === 'town' ? 'dash.byTown' : 'dash.byArea')}
              areaHref={(code) => dashboardHref(code, p.period)}
              casesHref={(code, measure) => `/dashboard/cases?area=${code}&${range(p.period)}&measure=${measure}`} />
            <BarChart caption={t('dash.chart')} bars={s.children.map((c) => ({ key: c.code, label: c.name, accepted: c.rollup.accepted, succeeded: c.rollup.succeeded }))} />
          </div>
        )}
        <div class="dash-side">
          <TrendChart caption={t('dash.trend')} points={s.trend} />
          {r.accepted === 0 ? <p class="empty">{t('dash.empty')}</p> : <CategoryTable rollup={r} casesHref={casesHref} />}
          {r.accepted > 0 && <CommitteeTypeTable rows={s.byCommitteeType ?? []} />}
          <ReferralFigures counts={s.referrals} />
        </div>
      </div>
      {r.accepted > 0 && <MoreFigures rollup={r} casesHref={casesHref} />}
      <OrgPanel org={s.org} coverage={s.coverage} />
      {canSign && <SignoffPanel area={p.area} year={Number(p.period.from.slice(0, 4))} today={p.today} />}
      <p class="muted small">{t('dash.note')}</p>
    </>
  );
}

function Card(p: { label: string; value: number; href: string; testId: string; note?: string }) {
  return (
    <div class="stat-card" data-testid={p.testId}>
      <span>{p.label}</span>
      <strong>{p.value > 0 ? <a href={p.href}>{p.value}</a> : p.value}</strong>
      {p.note && <span class="muted small">{p.note}</span>}
    </div>
  );
}

const csvSheets: readonly { sheet: ReportSheetKey | undefined; label: (area: string) => MessageKey }[] = [
  { sheet: undefined, label: () => 'dash.export.csvAll' },
  { sheet: 'cases', label: () => 'report.sheet.cases' },
  { sheet: 'org', label: () => 'report.sheet.org' },
  { sheet: 'areas', label: (area) => (area.length === 9 ? 'report.sheet.villages' : area.length === 6 ? 'report.sheet.towns' : 'report.sheet.counties') },
];

/** 导出 CSV: the whole report in one file, or one sheet's twin (Excel opens each as a table). */
function CsvMenu(p: { area: string; period: Period }) {
  return (
    <details class="csv-menu" data-testid="export-csv">
      <summary class="button">{t('dash.export.csv')}</summary>
      <div class="csv-menu-items">
        {csvSheets.map((c) => (
          <button key={c.sheet ?? 'all'} type="button" class="button" data-testid={`export-csv-${c.sheet ?? 'all'}`}
            onClick={() => void downloadReport(p.area, p.period, 'csv', c.sheet)}>{t(c.label(p.area))}</button>
        ))}
      </div>
    </details>
  );
}
