// The desk's start. A 司法所 lands on what needs it today: the 待核对 inbox, residents' new
// requests, last month's sign-off, the cases accepted this week. A 司法局 (or admin) lands on its
// dashboard for the latest year that has cases (not an empty current January).

import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { addDays, localDate } from '../../shared/dates.ts';
import { t } from '../../shared/i18n/index.ts';
import { loadSignoffs, useRemote } from '../../state/dashboard.ts';
import { caseListQuery, latestYear, loadCaseList } from '../../state/desk.ts';
import { fetchNewRequests } from '../../state/requests.ts';
import { useUndecidedCount } from '../../state/review-count.ts';
import { session } from '../../state/session.ts';
import { ifStillOn } from '../shell/late-route.ts';
import { useAlerts } from '../../state/screening.ts';
import { useInboxCount } from '../../state/referrals.ts';

export function DeskHome() {
  const s = session.value;
  if (!s) return null;
  return s.me.role === 'town' ? <TownToday area={s.me.scope} areaName={s.me.areaName} /> : <CountyStart area={s.me.scope} />;
}

function CountyStart(p: { area: string }) {
  const { route } = useLocation();
  useEffect(() => {
    let live = true;
    void latestYear().then((year) => {
      if (live) ifStillOn('/', () => route(`/dashboard?area=${p.area}&from=${year}-01-01&to=${year}-12-31`, true));
    });
    return () => {
      live = false;
    };
  }, [p.area]);
  return <section class="screen"><h1>{t('common.loading')}</h1></section>;
}

function TownToday(p: { area: string; areaName: string }) {
  const today = localDate(new Date());
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const review = useUndecidedCount();
  const requests = useRemote(() => fetchNewRequests(), 'requests');
  const signoffs = useRemote(() => loadSignoffs(p.area, Number(lastMonth.slice(0, 4))), `${p.area}|${lastMonth}`);
  const weekFrom = addDays(today, -6);
  const week = useRemote(() => loadCaseList({ from: weekFrom, to: today, pageSize: '1' }), weekFrom);
  const open = useRemote(() => loadCaseList({ status: 'mediating', pageSize: '1' }), 'open');
  const alerts = (useAlerts().value ?? []).filter((a) => a.ack === null);
  const referrals = useInboxCount(today).value;
  const month = signoffs.value?.months.find((m) => m.month === lastMonth);
  const monthNo = Number(lastMonth.slice(5));
  const year = lastMonth.slice(0, 4);
  return (
    <section class="screen desk-today" aria-labelledby="today-title">
      <h1 id="today-title">{t('desk.today.title', { area: p.areaName })}</h1>
      <ul class="today-list" data-testid="today-list">
        {/* 上报: unacknowledged reports come first, a red one marked as such. */}
        <li data-testid="today-alerts">
          <a href="/alerts"><strong>{t('alert.inbox.open', { n: alerts.length })}</strong></a>
          <span class={alerts.some((a) => a.grade === 'red') ? 'error' : 'muted'}>{t('alert.inbox.title')}</span>
        </li>
        <li data-testid="today-referrals">
          <a href="/referrals"><strong>{t('referral.todo', { count: referrals?.waiting ?? 0 })}</strong></a>
          {(referrals?.overdue ?? 0) > 0 ? <span class="error">{t('referral.todo.overdue', { count: referrals?.overdue ?? 0 })}</span> : <span class="muted">{t('referral.inbox.title')}</span>}
        </li>
        <li>
          <a href="/review"><strong>{t('desk.today.review', { n: review })}</strong></a>
          <span class="muted">{review > 0 ? t('desk.today.review.todo') : t('desk.today.nothing')}</span>
        </li>
        <li>
          <a href="/requests"><strong>{t('desk.today.requests', { n: requests.value?.length ?? 0 })}</strong></a>
          {requests.error && <span class="error">{requests.error.message}</span>}
        </li>
        <li data-testid="today-signoff">
          <a href={`/dashboard?area=${p.area}&from=${year}-01-01&to=${year}-12-31#signoff-h`}>
            <strong>{month?.state === 'signed' ? t('desk.today.signed', { m: monthNo }) : t('desk.today.sign', { m: monthNo })}</strong>
          </a>
        </li>
        <li>
          <a href={`/cases?${caseListQuery({ from: weekFrom, to: today })}`}><strong>{t('desk.today.week', { n: week.value?.total ?? 0 })}</strong></a>
        </li>
        <li>
          <a href={`/cases?${caseListQuery({ status: 'mediating' })}`}><strong>{t('desk.today.open', { n: open.value?.total ?? 0 })}</strong></a>
        </li>
      </ul>
    </section>
  );
}
