// The 上报 inbox (desk and staff phone; a mediator sees their own village's): unacknowledged first,
// red before orange before yellow, oldest first, each with its age. 确认收到 records who and when
// (state/screening.ts ackAlert → the server keeps the first acknowledgement).
import { t } from '../../shared/i18n/index.ts';
import { ackAlert, useAlerts } from '../../state/screening.ts';
import { session } from '../../state/session.ts';
import { showFlash } from '../../state/flash.ts';
import { AlertCard } from './alert-card.tsx';
import '../screening/screening.css';

export function AlertsScreen() {
  const live = useAlerts();
  const rows = live.value ?? [];
  const role = session.value?.me.role;
  const canAck = role === 'town' || role === 'county' || role === 'admin';
  const open = rows.filter((a) => a.ack === null).length;
  return (
    <section class="screen" aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alert.inbox.title')}</h1>
      <p class="muted" data-testid="alerts-open">{t('alert.inbox.open', { n: open })}</p>
      <details class="card">
        <summary>{t('alert.rules')}</summary>
        <ul class="alert-rules">
          <li>{t('alert.rule.red')}</li>
          <li>{t('alert.rule.orange')}</li>
          <li>{t('alert.rule.yellow')}</li>
        </ul>
      </details>
      {live.loaded && rows.length === 0 && <p class="empty">{t('alert.inbox.empty')}</p>}
      <ul class="alert-list" aria-busy={!live.loaded}>
        {rows.map((a) => (
          <li key={a.id}>
            <AlertCard a={a} canAck={canAck} onAck={() => void ackAlert(a.id).then(() => showFlash(t('common.saved')))} />
          </li>
        ))}
      </ul>
    </section>
  );
}
