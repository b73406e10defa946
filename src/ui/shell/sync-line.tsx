// The always-visible answer to "is my work on the server yet?": 离线 / 同步中 / 已同步 HH:MM, how
// many changes wait in the outbox, the last error in plain Chinese, and 立即同步 for the impatient
// (or 登录 when there is no account yet, since nothing syncs without one).

import { isOnline, pendingCount } from '../../state/app-state.ts';
import { syncStatus } from '../../state/sync-status.ts';
import { session, signedInRole } from '../../state/session.ts';
import { privateStarted } from '../../state/start.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatInstant } from '../format.ts';

// The sync engine loads after first paint (main.tsx); by the time anyone taps, it is there.
const syncNow = () => void import('../../state/sync.ts').then((m) => m.syncNow());

export function SyncLine() {
  // A resident on a public page has nothing to sync, and a signed-in user's state is not read yet.
  if (!privateStarted.value) return null;
  const status = syncStatus.value;
  const offline = !isOnline.value || status.phase === 'offline';
  const phase = offline ? 'offline' : status.phase === 'syncing' ? 'syncing' : status.lastSyncedAt ? 'synced' : 'never';
  const text =
    phase === 'offline' ? t('sync.offline')
    : phase === 'syncing' ? t('sync.syncing')
    : phase === 'synced' && status.lastSyncedAt ? t('sync.synced', { time: formatInstant(status.lastSyncedAt) })
    : t('sync.never');
  const pending = pendingCount.value;
  // Locked, the session is sealed but its role says someone is signed in.
  if (!session.value && !signedInRole.value) {
    // Without an account nothing can reach the server: say so, and where to sign in.
    return (
      <div class="sync-line" aria-label={t('shell.sync')} role="group" data-testid="sync-line">
        <span class="sync-dot never" aria-hidden="true" />
        <span data-testid="sync-phase">{t('sync.signedOut')}</span>
        {pending > 0 && <span class="sync-pending" data-testid="sync-pending">{t('sync.pending', { n: pending })}</span>}
        <a class="sync-now" href="/login" data-testid="login-link">{t('sync.login')}</a>
      </div>
    );
  }
  return (
    <div class="sync-line" aria-label={t('shell.sync')} role="group" data-testid="sync-line">
      <span class={`sync-dot ${phase}`} aria-hidden="true" />
      {/* data-synced-at: the exact time of the last completed sync, for tests and support staff. */}
      <span data-testid="sync-phase" data-synced-at={status.lastSyncedAt}>{text}</span>
      {pending > 0 && <span class="sync-pending" data-testid="sync-pending">{t('sync.pending', { n: pending })}</span>}
      {!offline && (
        <button type="button" class="sync-now" disabled={phase === 'syncing'} onClick={syncNow} data-testid="sync-now">{t('sync.now')}</button>
      )}
      {status.lastError && !offline && (
        <span class="sync-error" title={status.lastError}>{t('shell.syncError', { error: status.lastError })}</span>
      )}
    </div>
  );
}
