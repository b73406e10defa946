// The one area picker: a <select> per level (省 → 市 → 县 → 乡镇 → 村, any consecutive run of
// them), each listing the children of the choice above. Codes nest by prefix, so the whole
// choice is one code: `value` is the deepest area picked ('' = none) and every level shows
// value's prefix of its length. Where the options come from is a `source`: the national list
// (an administrator setting up a county), the counties set up on this server (first run), or the
// place names kept on the phone (desk screens choosing a town or village of their scope).

import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import type { Area, AreaLevel } from '../../shared/areas.ts';
import type { CountyChoice } from '../../shared/areas-api.ts';
import { childrenOf, nationalDivisions } from '../../state/places.ts';

export interface AreaOption {
  code: string;
  name: string;
  /** Shown after the name, e.g. （已设立）. */
  note?: string;
}

/** The options of `level` under `parent` ('' above the first level). */
export type AreaSource = (level: AreaLevel, parent: string) => AreaOption[] | Promise<AreaOption[]>;

const codeLength: Record<AreaLevel, number> = { province: 2, city: 4, county: 6, town: 9, village: 12 };
const labels: Record<AreaLevel, MessageKey> = {
  province: 'picker.province', city: 'picker.city', county: 'picker.county', town: 'picker.town', village: 'picker.village',
};

export function AreaPicker(p: {
  id: string;
  levels: readonly AreaLevel[];
  source: AreaSource;
  value: string;
  /** The deepest code picked, with its name ('' when a level was cleared back to its parent). */
  onChange: (code: string, name: string) => void;
  /** The code above the first level (e.g. a county for town → village); '' for the top. */
  root?: string;
  error?: MessageKey | undefined;
}) {
  const root = p.root ?? '';
  return (
    <div class="area-picker" id={p.id}>
      {p.levels.map((level, i) => {
        const above = i === 0 ? root : p.value.slice(0, codeLength[p.levels[i - 1] as AreaLevel]);
        if (i > 0 && p.value.length < codeLength[p.levels[i - 1] as AreaLevel]) return null;
        return (
          <LevelSelect
            key={level}
            id={`${p.id}-${level}`}
            level={level}
            parent={above}
            source={p.source}
            value={p.value.length >= codeLength[level] ? p.value.slice(0, codeLength[level]) : ''}
            onChange={(code, name) => p.onChange(code === '' ? above : code, name)}
            error={i === p.levels.length - 1 ? p.error : undefined}
          />
        );
      })}
    </div>
  );
}

function LevelSelect(p: { id: string; level: AreaLevel; parent: string; source: AreaSource; value: string; onChange: (code: string, name: string) => void; error?: MessageKey | undefined }) {
  const [options, setOptions] = useState<AreaOption[] | undefined>(undefined);
  const [failed, setFailed] = useState('');
  const got = p.source(p.level, p.parent);
  const sync = Array.isArray(got) ? got : undefined;
  useEffect(() => {
    if (sync) return;
    let live = true;
    setOptions(undefined);
    setFailed('');
    Promise.resolve(got).then((list) => live && setOptions(list), (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
  }, [p.level, p.parent, p.source]);
  const list = sync ?? options;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={p.id}>{t(labels[p.level])}</label>
      <select id={p.id} value={p.value} disabled={list === undefined} aria-invalid={p.error ? 'true' : undefined} onChange={(e) => {
        const code = e.currentTarget.value;
        p.onChange(code, list?.find((o) => o.code === code)?.name ?? '');
      }}>
        <option value="">{list === undefined ? t('picker.loading') : t('picker.choose')}</option>
        {list?.map((o) => <option key={o.code} value={o.code}>{o.note ? `${o.name}${o.note}` : o.name}</option>)}
      </select>
      {failed && <p class="error" role="alert">{failed}</p>}
      {p.error && <p class="error" id={`${p.id}-error`}>{t(p.error)}</p>}
    </div>
  );
}

const toOption = (a: Pick<Area, 'code' | 'name'>): AreaOption => ({ code: a.code, name: a.name });

/** 省 → 市 → 县 of the national list, counties set up here marked (the administrator). */
export const nationalSource: AreaSource = async (_level, parent) =>
  (await nationalDivisions(parent || undefined)).map((d) => ({ ...toOption(d), ...(d.setUp ? { note: t('county.setUp.already') } : {}) }));

/** 省 → 市 → 县 among the counties set up on this server (first run, residents). */
export function setUpSource(counties: readonly CountyChoice[]): AreaSource {
  return (level, parent) => {
    const seen = new Map<string, AreaOption>();
    for (const c of counties) {
      const o = level === 'province' ? c.province : level === 'city' ? c.city : c;
      if (o.code.startsWith(parent)) seen.set(o.code, toOption(o));
    }
    return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
  };
}

/** Towns and villages from the place names kept on the phone (state/areas.ts). */
export const placesSource: AreaSource = (_level, parent) => childrenOf(parent).map(toOption);
