// 村/委员会 as a filter: the town (for a county office) then the village, read one level at a
// time from GET /api/areas below the account's own scope — names, never raw codes. The chosen code
// (a town or a village) is the list's `area`.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { fetchAreaChildren, type AreaOption } from '../../state/accounts.ts';

function useChildren(parent: string | undefined): AreaOption[] | undefined {
  const [options, setOptions] = useState<AreaOption[] | undefined>();
  useEffect(() => {
    setOptions(undefined);
    if (!parent) return;
    let live = true;
    fetchAreaChildren(parent).then((areas) => live && setOptions(areas), () => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [parent]);
  return options;
}

/** `scope` is the account's area; `value` the chosen area ('' = all). Calls onChange with a town or village code, or ''. */
export function AreaFilter(p: { scope: string; value: string; onChange: (code: string) => void }) {
  const county = p.scope.length === 6;
  const town = county ? (p.value.length >= 9 ? p.value.slice(0, 9) : '') : p.scope;
  const village = p.value.length === 12 ? p.value : '';
  const towns = useChildren(county ? p.scope : undefined);
  const villages = useChildren(town || undefined);
  return (
    <>
      {county && (
        <label class="desk-filter">
          <span>{t('desk.filter.town')}</span>
          <select name="town" value={town} data-testid="filter-town" onChange={(e) => p.onChange(e.currentTarget.value)}>
            <option value="">{t('desk.filter.all')}</option>
            {towns?.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        </label>
      )}
      <label class="desk-filter">
        <span>{t('desk.col.village')}</span>
        <select name="village" value={village} disabled={!town} data-testid="filter-village" onChange={(e) => p.onChange(e.currentTarget.value || town)}>
          <option value="">{t('desk.filter.all')}</option>
          {villages?.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
        </select>
      </label>
    </>
  );
}
