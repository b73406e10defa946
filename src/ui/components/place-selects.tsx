// Choosing a place by name, never by typing a 6/9/12-digit code: 乡镇 then 村（社区）, from the
// county's places the device keeps (state/places.ts, so it works offline). Below a county scope the
// town select is shown; a town's staff only choose the village. `level: 'any'` also lets the
// county itself (县本级) or a town itself (乡镇本级) be chosen, for committees that sit there.

import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { childrenOf } from '../../state/places.ts';
import { FieldError } from './fields.tsx';

export function PlaceSelects(p: {
  id: string;
  /** The signed-in staff member's area: 6 (county) or 9 (town) digits; 12 = fixed, nothing to choose. */
  scope: string;
  value: string;
  onChange: (code: string) => void;
  level: 'village' | 'any';
  legend: string;
  error?: MessageKey | undefined;
}) {
  if (p.scope.length >= 12) return null;
  const town = p.scope.length === 9 ? p.scope : p.value.length >= 9 ? p.value.slice(0, 9) : '';
  const village = p.value.length === 12 ? p.value : '';
  const towns = p.scope.length === 6 ? childrenOf(p.scope) : [];
  const villages = town ? childrenOf(town) : [];
  const any = p.level === 'any';
  return (
    <fieldset class="field area-picker" aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `${p.id}-error` : undefined}>
      <legend>{p.legend}<span class="req" aria-hidden="true">＊</span></legend>
      {p.scope.length === 6 && (
        <div class="area-level">
          <label for={`${p.id}-town`}>{t('accounts.form.area.town')}</label>
          <select id={`${p.id}-town`} data-testid={`${p.id}-town`} value={town} onChange={(e) => p.onChange(e.currentTarget.value || (any ? p.scope : ''))}>
            <option value="">{any ? t('place.countyItself') : t('accounts.form.area.choose')}</option>
            {towns.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        </div>
      )}
      {town !== '' && (
        <div class="area-level">
          <label for={`${p.id}-village`}>{t('accounts.form.area.village')}</label>
          <select id={`${p.id}-village`} data-testid={`${p.id}-village`} value={village} onChange={(e) => p.onChange(e.currentTarget.value || (any ? town : ''))}>
            <option value="">{any ? t('place.townItself') : t('accounts.form.area.choose')}</option>
            {villages.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        </div>
      )}
      <FieldError id={p.id} error={p.error} />
    </fieldset>
  );
}
