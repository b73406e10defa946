// 设备: every phone of the office's area — its owner, last sync, changes not yet sent, app version,
// storage used, clock skew — with phones silent for more than SILENT_DAYS or holding refused
// changes flagged first. A lost phone is revoked here, one at a time, with a reason and a
// confirmation; it erases its case data at its next sync, and the revoke is kept in the owner's
// account history.

import { useRef, useState } from 'preact/hooks';
import { deviceFlags, type DeviceRow } from '../../shared/devices-api.ts';
import { t } from '../../shared/i18n/index.ts';
import { useRemote, type RemoteError } from '../../state/dashboard.ts';
import { loadDevices, revokeDevice } from '../../state/desk.ts';
import { session } from '../../state/session.ts';
import { areaName, places } from '../../state/areas.ts';
import { DeviceFacts } from './device-facts.tsx';
import { focusResult } from './focus.ts';
import { TableScroll } from '../components/table-scroll.tsx';
// The table's own styles, also when the screen opens on a phone (the desk frame loads them too).
import './desk.css';

export function DevicesScreen() {
  const s = session.value;
  const remote = useRemote(loadDevices, 'devices');
  const [revoking, setRevoking] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const messageRef = useRef<HTMLParagraphElement>(null);
  if (!s || s.me.role === 'mediator') return <section class="screen"><h1>{t('desk.nav.devices')}</h1><p>{t('dash.staffOnly')}</p></section>;
  const list = remote.value;
  const now = list?.now ?? new Date().toISOString();
  // Flagged phones first, then by village and owner (the server's order).
  const rows = [...(list?.devices ?? [])].sort((a, b) => Number(deviceFlags(b, now).length > 0) - Number(deviceFlags(a, now).length > 0));
  const flagged = rows.filter((d) => deviceFlags(d, now).length > 0).length;
  const done = (text: string, error: boolean) => {
    setMessage({ text, error });
    // The result line takes the focus once drawn.
    requestAnimationFrame(() => focusResult(messageRef.current));
  };
  return (
    <section class="screen desk-wide devices-screen" aria-labelledby="devices-title">
      <h1 id="devices-title">{t('desk.devices.title')}</h1>
      <p class="muted">{t('desk.devices.intro')}</p>
      {list && <p data-testid="devices-summary">{t('desk.devices.summary', { n: rows.length, flagged })}</p>}
      <p ref={messageRef} class={message?.error ? 'error' : 'notice'} role="status" data-testid="devices-message" hidden={!message}>{message?.text}</p>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      <TableScroll>
        <table class="desk-table" data-testid="devices-table" aria-busy={remote.loading}>
          <thead>
            <tr>
              <th scope="col">{t('desk.devices.owner')}</th>
              <th scope="col">{t('desk.devices.area')}</th>
              <th scope="col">{t('desk.devices.facts')}</th>
              <th scope="col">{t('desk.devices.state')}</th>
              <th scope="col"><span class="sr-only">{t('desk.devices.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <DeviceLine key={d.clientId} d={d} now={now} revoking={revoking === d.clientId}
                onRevoke={() => setRevoking(d.clientId)} onCancel={() => setRevoking(undefined)}
                onConfirm={(reason) => revokeDevice(d.clientId, reason).then(() => {
                  setRevoking(undefined);
                  remote.reload();
                  done(t('desk.devices.revoked', { name: d.owner.displayName }), false);
                }, (e: RemoteError) => done(e.message, true))} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {list && rows.length === 0 && <p class="empty">{t('desk.devices.none')}</p>}
    </section>
  );
}

function DeviceLine(p: { d: DeviceRow; now: string; revoking: boolean; onRevoke: () => void; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { d } = p;
  const flags = deviceFlags(d, p.now);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <tr class={flags.length > 0 ? 'flagged' : ''} data-testid="device-row" data-client={d.clientId}>
      <th scope="row">{d.owner.displayName}<div class="muted small">{d.owner.username}</div></th>
      {/* Several farms have a "一分场生活区": the town beside a village's name tells them apart. */}
      <td>{d.owner.areaName}{d.owner.areaCode.length === 12 && places.value.has(d.owner.areaCode.slice(0, 9)) ? `（${areaName(d.owner.areaCode.slice(0, 9))}）` : ''}</td>
      <td><DeviceFacts d={d} now={p.now} /></td>
      <td data-testid="device-state">
        {d.revoked
          ? <span>{t('desk.devices.isRevoked', { by: d.revoked.byName, reason: d.revoked.reason ?? '—' })}</span>
          : flags.length === 0 ? t('desk.devices.ok') : flags.map((f) => <span key={f} class="chip warn">{t(`desk.devices.flag.${f}`)}</span>)}
      </td>
      <td>
        {!d.revoked && !p.revoking && (
          <button type="button" class="button" data-testid="revoke-device" aria-label={t('desk.devices.revokeOf', { name: d.owner.displayName })} onClick={p.onRevoke}>{t('desk.devices.revoke')}</button>
        )}
        {p.revoking && (
          <form class="revoke-form" onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim() === '') return setMissing(true);
            p.onConfirm(reason.trim());
          }}>
            <p class="warn small">{t('desk.devices.confirm', { name: d.owner.displayName })}</p>
            <label>
              <span>{t('desk.devices.reason')}</span>
              <input autoFocus value={reason} data-testid="revoke-reason" aria-invalid={missing ? 'true' : undefined} aria-describedby={missing ? 'reason-error' : undefined}
                onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
            {missing && <p id="reason-error" class="error">{t('desk.devices.reasonMissing')}</p>}
            <div class="revoke-actions">
              <button type="submit" class="button danger" data-testid="revoke-confirm">{t('desk.devices.revokeConfirm')}</button>
              <button type="button" class="button" onClick={p.onCancel}>{t('common.cancel')}</button>
            </div>
          </form>
        )}
      </td>
    </tr>
  );
}
