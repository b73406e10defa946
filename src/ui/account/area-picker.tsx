// Choosing an account's area from the area tree, one level at a time below the staff member's own
// scope: a county office picks 乡镇 then 村（社区）, a town office only the village, the
// administrator starts at the county. Each level is read from the server (GET /api/areas), so a
// county that imported its own 区划 sees its own names.

import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { fetchAreaChildren, type AreaOption } from '../../state/accounts.ts';
import { FieldError } from '../components/fields.tsx';

const levels: { length: number; label: MessageKey }[] = [
  { length: 6, label: 'accounts.form.area.county' },
  { length: 9, label: 'accounts.form.area.town' },
  { length: 12, label: 'accounts.form.area.village' },
];

export function AreaPicker(p: { from: string; length: number; error?: MessageKey | undefined; onChange: (code: string) => void }) {
  const shown = levels.filter((l) => l.length > p.from.length && l.length <= p.length);
  const [chain, setChain] = useState<string[]>([]);
  // A new target level (another role chosen) starts the choice again.
  useEffect(() => setChain([]), [p.from, p.length]);

  const pick = (index: number, code: string) => {
    const next = [...chain.slice(0, index), ...(code ? [code] : [])];
    setChain(next);
    p.onChange(next.length === shown.length ? (next[next.length - 1] ?? '') : '');
  };

  return (
    <fieldset class="field area-picker" aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? 'area-error' : undefined}>
      <legend>{t('accounts.form.area')}<span class="req" aria-hidden="true">＊</span></legend>
      {shown.map((level, i) => {
        const parent = i === 0 ? p.from : chain[i - 1];
        return parent === undefined ? null : (
          <LevelSelect key={`${level.length}-${parent}`} id={`area-${level.length}`} label={t(level.label)} parent={parent}
            value={chain[i] ?? ''} invalid={p.error !== undefined && chain[i] === undefined} onChange={(code) => pick(i, code)} />
        );
      })}
      <FieldError id="area" error={p.error} />
    </fieldset>
  );
}

function LevelSelect(p: { id: string; label: string; parent: string; value: string; invalid: boolean; onChange: (code: string) => void }) {
  const [options, setOptions] = useState<AreaOption[] | undefined>(undefined);
  const [failed, setFailed] = useState('');
  useEffect(() => {
    let live = true;
    fetchAreaChildren(p.parent).then(
      (areas) => live && setOptions(areas),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [p.parent]);
  return (
    <div class="area-level">
      <label for={p.id}>{p.label}</label>
      {failed ? <p class="error">{failed}</p> : (
        <select id={p.id} value={p.value} disabled={!options} aria-invalid={p.invalid ? 'true' : undefined} onChange={(e) => p.onChange(e.currentTarget.value)}>
          <option value="">{options ? t('accounts.form.area.choose') : t('accounts.form.area.loading')}</option>
          {options?.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
        </select>
      )}
    </div>
  );
}
