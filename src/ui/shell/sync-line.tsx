// The always-visible answer to "is my work on the server yet?": 离线 / 同步中 / 已同步 HH:MM, how
// many changes wait in the outbox, and the last error in plain Chinese.

import { isOnline, pendingCount } from '../../state/app-state.ts';
import { syncStatus } from '../../state/sync-status.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatInstant } from '../format.ts';

export function SyncLine() {
  const status = syncStatus.value;
  const offline = !isOnline.value || status.phase === 'offline';
  const phase = offline ? 'offline' : status.phase === 'syncing' ? 'syncing' : status.lastSyncedAt ? 'synced' : 'never';
  const text =
    phase === 'offline' ? t('sync.offline')
    : phase === 'syncing' ? t('sync.syncing')
    : phase === 'synced' && status.lastSyncedAt ? t('sync.synced', { time: formatInstant(status.lastSyncedAt) })
    : t('sync.never');
  const pending = pendingCount.value;
  return (
    <div class="sync-line" aria-label={t('shell.sync')} role="group" data-testid="sync-line">
      <span class={`sync-dot ${phase}`} aria-hidden="true" />
      <span data-testid="sync-phase">{text}</span>
      {pending > 0 && <span class="sync-pending" data-testid="sync-pending">{t('sync.pending', { n: pending })}</span>}
      {status.lastError && !offline && (
        <span class="sync-error" title={status.lastError}>{t('shell.syncError', { error: status.lastError })}</span>
      )}
    </div>
  );
}
