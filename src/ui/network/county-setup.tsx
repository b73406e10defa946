// 设立县（区）: the administrator picks 省 → 市 → 县 from the national 统计用区划代码 shipped with the
// server and sets the county up — its towns, villages and default committees in one go (the same
// as `npm run account -- add-county`). Setting up a county again adds nothing.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import type { CountyChoice, CountySetUp } from '../../shared/areas-api.ts';
import { setUpCounties, setUpCounty } from '../../state/areas.ts';
import { AreaPicker, nationalSource } from '../components/area-picker.tsx';

export function CountySetUpCard() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CountySetUp | undefined>(undefined);
  const [failed, setFailed] = useState('');
  const [counties, setCounties] = useState<CountyChoice[] | undefined>(undefined);
  const [picked, setPicked] = useState('');
  useEffect(() => {
    setUpCounties().then(setCounties, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  }, [done]);

  const setUp = () => {
    setBusy(true);
    setFailed('');
    setUpCounty(path).then(setDone, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e))).finally(() => setBusy(false));
  };

  return (
    <section class="card" aria-labelledby="county-setup-h" data-testid="county-setup">
      <h2 id="county-setup-h">{t('county.setUp.title')}</h2>
      <p class="muted">{t('county.setUp.lead')}</p>
      <AreaPicker id="national" levels={['province', 'city', 'county']} source={nationalSource} value={path} onChange={(code, name) => {
        setPath(code);
        setPicked(name);
        setDone(undefined);
      }} />
      {path.length === 6 && (
        <button type="button" class="button primary block" disabled={busy} onClick={setUp} data-testid="county-setup-submit">
          {t('county.setUp.button', { name: picked || path })}
        </button>
      )}
      {failed && <p class="error" role="alert">{failed}</p>}
      {done && <p role="status" data-testid="county-setup-done">{t('county.setUp.done', { ...done })}</p>}
      <h3>{t('county.setUp.list')}</h3>
      {counties?.length === 0 && <p class="muted">{t('county.setUp.none')}</p>}
      <ul>
        {counties?.map((c) => <li key={c.code}>{c.province.name} {c.city.name} {c.name}（{c.code}）</li>)}
      </ul>
    </section>
  );
}
