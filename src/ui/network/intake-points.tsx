// 评理说事点 in the network registry: the area's points (by village) and, for the town and county,
// a form to register one under a village's 调委会, and on each point a form to rename it or move
// it and a button to close it (server/registry/intake-points.ts). Closed points stay on record and
// are listed on request, marked with the day they closed.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import type { IntakePoint } from '../../shared/network.ts';
import { addIntakePoint, closeIntakePoint, editIntakePoint, loadIntakePoints, useRemote, type RemoteError } from '../../state/dashboard.ts';
import { placeName } from '../../state/areas.ts';
import { PlaceSelects } from '../components/place-selects.tsx';
import { formatDate, today } from '../format.ts';

function PointEditor(p: { point: IntakePoint; area: string; onDone: (message: string) => void; onCancel: () => void }) {
  const [villageCode, setVillageCode] = useState(p.point.villageCode);
  const [name, setName] = useState(p.point.name);
  const [keeper, setKeeper] = useState(p.point.keeper);
  const [address, setAddress] = useState(p.point.address);
  const [message, setMessage] = useState('');
  const submit = (ev: Event) => {
    ev.preventDefault();
    editIntakePoint(p.point.id, { villageCode, name, keeper, address }).then(() => p.onDone(t('common.saved')), (e: RemoteError) => setMessage(e.message));
  };
  const id = `ip-edit-${p.point.id}`;
  return (
    <form class="card" onSubmit={submit} noValidate data-testid="intake-point-editor">
      <PlaceSelects id={`${id}-village`} legend={t('net.villageCode')} scope={p.area} value={villageCode} level="village" onChange={setVillageCode} />
      <label class="field">{t('network.intakePoint.name')}<input value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <label class="field">{t('network.intakePoint.keeper')}<input value={keeper} onInput={(e) => setKeeper(e.currentTarget.value)} /></label>
      <label class="field">{t('network.intakePoint.address')}<input value={address} onInput={(e) => setAddress(e.currentTarget.value)} /></label>
      <button type="submit" class="button primary" data-testid="intake-point-save">{t('network.intakePoint.save')}</button>
      <button type="button" class="button" onClick={p.onCancel}>{t('common.cancel')}</button>
      {message && <p role="alert">{message}</p>}
    </form>
  );
}

export function IntakePoints(p: { area: string; canEdit: boolean }) {
  const [withClosed, setWithClosed] = useState(false);
  const remote = useRemote(() => loadIntakePoints(p.area, withClosed), `points|${p.area}|${withClosed ? 'all' : 'open'}`);
  const points = remote.value?.points ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const [villageCode, setVillageCode] = useState(p.area.length === 12 ? p.area : '');
  const [name, setName] = useState('');
  const [keeper, setKeeper] = useState('');
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState('');
  const submit = (ev: Event) => {
    ev.preventDefault();
    addIntakePoint({ villageCode, name, keeper, address }).then(
      () => {
        setName('');
        setKeeper('');
        setAddress('');
        setMessage(t('common.saved'));
        remote.reload();
      },
      (e: RemoteError) => setMessage(e.message),
    );
  };
  const close = (point: IntakePoint) => {
    closeIntakePoint(point.id, today()).then(
      () => {
        setMessage(t('common.saved'));
        remote.reload();
      },
      (e: RemoteError) => setMessage(e.message),
    );
  };
  return (
    <section aria-labelledby="points-h" data-testid="intake-points">
      <h2 id="points-h">{t('network.intakePoints')}</h2>
      <label class="check">
        <input type="checkbox" checked={withClosed} onChange={(e) => setWithClosed(e.currentTarget.checked)} data-testid="intake-points-closed" />
        {t('network.intakePoint.showClosed')}
      </label>
      {!remote.loading && points.length === 0 && <p class="muted">{t('network.intakePoint.none')}</p>}
      <ul>
        {points.map((x) => (
          <li key={x.id} data-testid="intake-point" data-closed={x.closedOn ? 'true' : undefined}>
            <strong>{x.name}</strong> · {placeName(x.villageCode)}{x.keeper ? ` · ${x.keeper}` : ''}{x.address ? ` · ${x.address}` : ''}
            {x.closedOn && <span class="muted"> · {t('network.intakePoint.closedOn', { date: formatDate(x.closedOn) })}</span>}
            {p.canEdit && !x.closedOn && editing !== x.id && (
              <span>
                {' '}
                <button type="button" class="button" data-testid="intake-point-edit" onClick={() => setEditing(x.id)}>{t('network.intakePoint.edit')}</button>
                <button type="button" class="button" data-testid="intake-point-close" onClick={() => close(x)}>{t('network.intakePoint.close')}</button>
              </span>
            )}
            {editing === x.id && (
              <PointEditor point={x} area={p.area} onCancel={() => setEditing(null)} onDone={(m) => {
                setEditing(null);
                setMessage(m);
                remote.reload();
              }} />
            )}
          </li>
        ))}
      </ul>
      {p.canEdit && (
        <form class="card" onSubmit={submit} noValidate>
          <h3>{t('network.intakePoint.add')}</h3>
          <PlaceSelects id="ip-village" legend={t('net.villageCode')} scope={p.area} value={villageCode} level="village" onChange={setVillageCode} />
          <label class="field">{t('network.intakePoint.name')}<input value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
          <label class="field">{t('network.intakePoint.keeper')}<input value={keeper} onInput={(e) => setKeeper(e.currentTarget.value)} /></label>
          <label class="field">{t('network.intakePoint.address')}<input value={address} onInput={(e) => setAddress(e.currentTarget.value)} /></label>
          <button type="submit" class="button primary" data-testid="intake-point-add">{t('common.add')}</button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
