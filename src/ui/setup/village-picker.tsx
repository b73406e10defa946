// Picks the mediator's (or resident's) village: the county first (省 → 市 → 县 among the counties
// set up on the server, skipped when there is only one or the county is known), then town →
// village, or a search by name across the county. The county's names come from the server once
// and stay on the phone (state/places.ts). Villages are radios drawn as full-width rows.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import type { CountyChoice } from '../../shared/areas-api.ts';
import { FieldError } from '../components/fields.tsx';
import { AreaPicker, setUpSource } from '../components/area-picker.tsx';
import { areaName, childrenOf, ensureCounty, hasCounty, placeName, searchVillages, setUpCounties } from '../../state/places.ts';

/** How long a picked option stays visible, highlighted, before the list folds away. */
export const COLLAPSE_MS = 250;

export function VillagePicker(p: { value: string; error?: MessageKey | undefined; onChange: (villageCode: string) => void }) {
  const [picking, setPicking] = useState(p.value === '');
  const [county, setCounty] = useState(p.value.slice(0, 6));
  const [town, setTown] = useState(p.value.slice(0, 9));
  const [search, setSearch] = useState('');
  const [problem, setProblem] = useState('');
  const known = county.length === 6 && hasCounty(county);

  // The county's names, from the phone or (first run) the server.
  useEffect(() => {
    if (county.length !== 6 || known) return;
    setProblem('');
    ensureCounty(county).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [county, known]);

  if (!picking && p.value) {
    return (
      <div class="field picked">
        <span class="picked-label">{t('setup.village')}</span>
        <strong data-testid="picked-village">{placeName(p.value)}</strong>
        <button type="button" class="button link" onClick={() => setPicking(true)}>{t('setup.change')}</button>
      </div>
    );
  }

  const found = known ? searchVillages(county, search) : [];
  const list = search.trim() ? found : town ? childrenOf(town) : [];
  return (
    <fieldset class={p.error ? 'field-group has-error' : 'field-group'} id="villageCode" tabIndex={-1} aria-invalid={p.error ? 'true' : undefined}>
      <legend>{t('setup.village')}<span class="req" aria-hidden="true">＊</span></legend>
      <CountyStep county={county} onChange={(code) => {
        setCounty(code);
        setTown('');
        setSearch('');
      }} />
      {problem && <p class="error" role="alert">{problem}</p>}
      {county.length === 6 && !known && !problem && <p class="muted">{t('picker.loading')}</p>}
      {known && (
        <div class="field">
          <label for="village-search">{t('setup.search')}</label>
          <input id="village-search" type="search" value={search} placeholder={t('setup.search.placeholder')} autoComplete="off" onInput={(e) => setSearch(e.currentTarget.value)} />
        </div>
      )}
      {known && !search.trim() && (
        <div class="field">
          <label for="town">{t('setup.town')}</label>
          <select id="town" value={town} onChange={(e) => setTown(e.currentTarget.value)}>
            <option value="">{t('setup.town.choose')}</option>
            {childrenOf(county).map((x) => <option key={x.code} value={x.code}>{x.name}</option>)}
          </select>
        </div>
      )}
      {known && search.trim() && found.length === 0 && <p class="muted">{t('setup.search.none', { text: search.trim() })}</p>}
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

/** 省 → 市 → 县 among the counties set up on the server; chosen by itself when there is one. */
function CountyStep(p: { county: string; onChange: (county: string) => void }) {
  const [counties, setCounties] = useState<CountyChoice[] | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [path, setPath] = useState(p.county);
  useEffect(() => {
    setUpCounties().then((list) => {
      setCounties(list);
      const only = list[0];
      if (list.length === 1 && only && p.county === '') p.onChange(only.code);
    }, () => setProblem(t('picker.offline')));
  }, []);
  const source = useMemo(() => setUpSource(counties ?? []), [counties]);
  if (problem) return p.county ? null : <p class="error" role="alert">{problem}</p>;
  if (!counties) return p.county ? null : <p class="muted">{t('picker.loading')}</p>;
  if (counties.length === 0) return <p class="error" role="alert">{t('picker.noCounties')}</p>;
  if (counties.length === 1 && p.county !== '') return null;
  const pick = (code: string) => {
    setPath(code);
    p.onChange(code.length === 6 ? code : '');
  };
  return <AreaPicker id="county-picker" levels={['province', 'city', 'county']} source={source} value={path} onChange={pick} />;
}
