// A county office's choice of one town (or the whole county, ''), read from GET /api/areas below
// its own county; town staff have their town only, so nothing is shown to them.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { fetchAreaChildren, type AreaOption } from '../../state/accounts.ts';

export function TownSelect(p: { scope: string; value: string; name: string; testId: string }) {
  const [towns, setTowns] = useState<AreaOption[]>([]);
  const county = p.scope.length === 6;
  useEffect(() => {
    if (!county) return;
    let live = true;
    fetchAreaChildren(p.scope).then((areas) => live && setTowns(areas), () => undefined);
    return () => {
      live = false;
    };
  }, [p.scope]);
  if (!county) return null;
  return (
    <label class="desk-filter">{t('appraisal.town')}
      <select name={p.name} value={p.value} data-testid={p.testId}>
        <option value="">{t('appraisal.allTowns')}</option>
        {towns.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
      </select>
    </label>
  );
}
