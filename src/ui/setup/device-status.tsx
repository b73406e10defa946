// 我的 → 本机状态: this phone as it knows itself (last sync, changes not yet sent, app version, its
// id in short) and as the server last heard it (GET /api/devices?mine=1): whether the office has
// revoked it, and the signed months it refuses locked edits by. What the 司法所 sees on 设备, the
// mediator can read off their own phone when asked on the telephone.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import type { DeviceRow } from '../../shared/devices-api.ts';
import { isOnline, pendingCount } from '../../state/app-state.ts';
import { syncStatus } from '../../state/sync-status.ts';
import { APP_VERSION, thisClientId } from '../../state/device-report.ts';
import { loadMyDevices } from '../../state/desk.ts';
import { session } from '../../state/session.ts';
import { signedMonths } from '../../state/month-locks.ts';
import { formatInstant } from '../format.ts';
import './device-status.css';

type Server = { state: 'asking' } | { state: 'offline' } | { state: 'failed'; message: string } | { state: 'known'; row: DeviceRow | undefined };

export function DeviceStatus() {
  const [clientId, setClientId] = useState('');
  const [server, setServer] = useState<Server>({ state: 'asking' });
  const online = isOnline.value;
  const signedIn = session.value !== undefined;
  useEffect(() => {
    let live = true;
    void thisClientId().then((id) => {
      if (!live) return;
      setClientId(id);
      if (!signedIn) return;
      if (!online) return setServer({ state: 'offline' });
      setServer({ state: 'asking' });
      loadMyDevices().then(
        (list) => live && setServer({ state: 'known', row: list.devices.find((d) => d.clientId === id) }),
        (e: unknown) => live && setServer({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    });
    return () => {
      live = false;
    };
  }, [online, signedIn]);

  const last = syncStatus.value.lastSyncedAt;
  const locks = signedMonths.value;
  const revoked = server.state === 'known' ? server.row?.revoked : undefined;
  return (
    <dl class="device-status" data-testid="device-status">
      <dt>{t('me.device.lastSync')}</dt>
      <dd data-testid="me-last-sync">{last ? formatInstant(last) : t('me.device.neverSynced')}</dd>
      <dt>{t('me.device.pending')}</dt>
      <dd data-testid="me-pending">{t('me.device.pendingN', { n: pendingCount.value })}</dd>
      <dt>{t('me.device.version')}</dt>
      <dd data-testid="me-version">{APP_VERSION}</dd>
      <dt>{t('me.device.id')}</dt>
      <dd data-testid="me-client-id" title={clientId}>{clientId.slice(0, 8)}</dd>
      {signedIn && (
        <>
          <dt>{t('me.device.server')}</dt>
          <dd data-testid="me-server" class={revoked ? 'error' : undefined}>
            {server.state === 'asking' ? t('common.loading')
              : server.state === 'offline' ? t('me.device.serverOffline')
              : server.state === 'failed' ? server.message
              : revoked ? t('me.device.revoked', { by: revoked.byName, at: formatInstant(revoked.at), reason: revoked.reason ?? '—' })
              : server.row ? t('me.device.serverOk', { at: formatInstant(server.row.lastSyncAt) })
              : t('me.device.serverUnknown')}
          </dd>
          <dt>{t('me.device.locks')}</dt>
          <dd data-testid="me-locks">{locks ? t('me.device.locksN', { n: locks.months.length, at: formatInstant(locks.at) }) : t('me.device.locksNone')}</dd>
        </>
      )}
    </dl>
  );
}
