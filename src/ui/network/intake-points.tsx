// 评理说事点 in the network registry: the area's points (by village) and, for the town and county,
// a form to register one under a village's 调委会 (server/registry/intake-points.ts).
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { addIntakePoint, loadIntakePoints, useRemote, type RemoteError } from '../../state/dashboard.ts';
import { placeName } from '../../state/areas.ts';
import { PlaceSelects } from '../components/place-selects.tsx';

export function IntakePoints(p: { area: string; canEdit: boolean }) {
  const remote = useRemote(() => loadIntakePoints(p.area), `points|${p.area}`);
  const points = remote.value?.points ?? [];
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
  return (
    <section aria-labelledby="points-h" data-testid="intake-points">
      <h2 id="points-h">{t('network.intakePoints')}</h2>
      {!remote.loading && points.length === 0 && <p class="muted">{t('network.intakePoint.none')}</p>}
      <ul>
        {points.map((x) => (
          <li key={x.id} data-testid="intake-point">
            <strong>{x.name}</strong> · {placeName(x.villageCode)}{x.keeper ? ` · ${x.keeper}` : ''}{x.address ? ` · ${x.address}` : ''}
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
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </section>
  );
}
