// One phone's facts as the server last heard them: last sync, changes waiting, app version,
// storage, clock skew. Shared by the 设备 table and a mediator's 本机状态.

import { t } from '../../shared/i18n/index.ts';
import type { DeviceRow } from '../../shared/devices-api.ts';
import { formatInstant } from '../format.ts';

const MB = 1024 * 1024;

export function DeviceFacts(p: { d: DeviceRow; now: string }) {
  const { d } = p;
  const days = Math.floor((Date.parse(p.now) - Date.parse(d.lastSyncAt)) / 86_400_000);
  const skewMin = d.clockSkewMs === null ? null : Math.round(d.clockSkewMs / 60_000);
  return (
    <dl class="device-facts">
      <dt>{t('desk.devices.lastSync')}</dt>
      <dd data-testid="device-last-sync">{formatInstant(d.lastSyncAt)}{days >= 1 ? ` ${t('desk.devices.daysAgo', { n: days })}` : ''}</dd>
      <dt>{t('desk.devices.pending')}</dt>
      <dd>{d.pending ?? t('desk.devices.unknown')}</dd>
      <dt>{t('desk.devices.version')}</dt>
      <dd>{d.appVersion ?? t('desk.devices.unknown')}</dd>
      <dt>{t('desk.devices.storage')}</dt>
      <dd>{d.storageBytes === null ? t('desk.devices.unknown') : t('desk.devices.mb', { n: (d.storageBytes / MB).toFixed(1) })}</dd>
      <dt>{t('desk.devices.skew')}</dt>
      <dd>{skewMin === null ? t('desk.devices.unknown') : skewMin === 0 ? t('desk.devices.skewNone') : t('desk.devices.skewMin', { n: skewMin > 0 ? `+${skewMin}` : String(skewMin) })}</dd>
    </dl>
  );
}
