// 排查 on the phone: the rounds this committee recorded (newest first, 待发送 until synced) and the
// button to record one. Town and county staff also see the month's coverage of their villages.
import { t } from '../../shared/i18n/index.ts';
import { session } from '../../state/session.ts';
import { useScreenings } from '../../state/screening.ts';
import { formatDate } from '../format.ts';
import { screeningFound, screeningPrevented } from '../../shared/screening.ts';
import { CoverageCard } from './coverage-card.tsx';
import './screening.css';

export function ScreeningListScreen() {
  const live = useScreenings();
  const rows = live.value ?? [];
  const role = session.value?.me.role;
  const scope = session.value?.me.scope ?? '';
  return (
    <section class="screen" aria-labelledby="screening-title">
      <h1 id="screening-title">{t('screening.title')}</h1>
      <p class="muted small">{t('screening.intro')}</p>
      {role !== 'county' && role !== 'admin' && (
        <p><a class="button primary block" href="/screening/new" data-testid="screening-new">{t('screening.new')}</a></p>
      )}
      {(role === 'town' || role === 'county' || role === 'admin') && scope.length === 9 && <CoverageCard area={scope} />}
      {live.loaded && rows.length === 0 && <p class="empty">{t('screening.empty')}</p>}
      <ul class="screening-list" aria-busy={!live.loaded}>
        {rows.map(({ record: r, pending }) => (
          <li key={r.id}>
            <a class="screening-item" href={`/screening/${r.id}`} data-testid="screening-item">
              <strong>{t('screening.list.item', { date: formatDate(r.heldOn), found: screeningFound(r), prevented: screeningPrevented(r) })}</strong>
              <span class="muted">{r.place}</span>
              {pending && <span class="badge">{t('screening.pending')}</span>}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
