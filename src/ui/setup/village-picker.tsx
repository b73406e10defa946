// Picks the mediator's village: town → village, or a search by name across the county.
// Villages are radios drawn as full-width rows, so each is one easy tap.

import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import type { Area } from '../../shared/areas.ts';
import { FieldError } from '../components/fields.tsx';
import { areaName, placeName, searchVillages, towns, villagesOf } from '../areas.ts';

/** How long a picked option stays visible, highlighted, before the list folds away. */
export const COLLAPSE_MS = 250;

export function VillagePicker(p: { value: string; error?: MessageKey | undefined; onChange: (villageCode: string) => void }) {
  const [picking, setPicking] = useState(p.value === '');
  const [town, setTown] = useState(p.value.slice(0, 9));
  const [search, setSearch] = useState('');

  if (!picking && p.value) {
    return (
      <div class="field picked">
        <span class="picked-label">{t('setup.village')}</span>
        <strong data-testid="picked-village">{placeName(p.value)}</strong>
        <button type="button" class="button link" onClick={() => setPicking(true)}>{t('setup.change')}</button>
      </div>
    );
  }

  const found = searchVillages(search);
  const list: Area[] = search.trim() ? found : town ? villagesOf(town) : [];
  return (
    <fieldset class={p.error ? 'field-group has-error' : 'field-group'} id="villageCode" tabIndex={-1} aria-invalid={p.error ? 'true' : undefined}>
      <legend>{t('setup.village')}<span class="req" aria-hidden="true">＊</span></legend>
      <div class="field">
        <label for="village-search">{t('setup.search')}</label>
        <input id="village-search" type="search" value={search} placeholder={t('setup.search.placeholder')} autoComplete="off" onInput={(e) => setSearch(e.currentTarget.value)} />
      </div>
      {!search.trim() && (
        <div class="field">
          <label for="town">{t('setup.town')}</label>
          <select id="town" value={town} onChange={(e) => setTown(e.currentTarget.value)}>
            <option value="">{t('setup.town.choose')}</option>
            {towns.map((x) => <option key={x.code} value={x.code}>{x.name}</option>)}
          </select>
        </div>
      )}
      {search.trim() && found.length === 0 && <p class="muted">{t('setup.search.none', { text: search.trim() })}</p>}
      {list.length > 0 && (
        <div class="village-list" role="radiogroup" aria-label={search.trim() ? t('setup.search') : t('setup.villages', { town: areaName(town) })}>
          {list.map((v) => (
            <label class="village-option" key={v.code}>
              <input
                type="radio"
                name="village"
                value={v.code}
                checked={p.value === v.code}
                onChange={() => {
                  p.onChange(v.code);
                  // Let the tick show for a moment before the list folds into the summary line.
                  setTimeout(() => {
                    setTown(v.code.slice(0, 9));
                    setSearch('');
                    setPicking(false);
                  }, COLLAPSE_MS);
                }}
              />
              <span>{v.name}</span>
              {search.trim() && <span class="muted">{areaName(v.code.slice(0, 9))}</span>}
            </label>
          ))}
        </div>
      )}
      <FieldError id="villageCode" error={p.error} />
    </fieldset>
  );
}
