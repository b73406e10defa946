// 疑难复杂 and the four 防止… flags with their persons counts (domain.md §3.2). Edited on the
// agreement and termination forms, or on their own through the "flags" action.

import type { CaseRecord, PreventionFlags } from '../../../shared/case.ts';
import { t, type MessageKey } from '../../../shared/i18n/index.ts';
import type { FieldErrors } from '../../../shared/validation.ts';
import type { OutcomeFlags } from '../../../state/actions.ts';
import { CheckField, TextField } from '../../components/fields.tsx';
import { flagKeys } from '../case-facts.tsx';
import { policeReportRelevant } from '../../../shared/case-rules.ts';

type PreventionKey = keyof PreventionFlags;

export interface FlagsDraft {
  isDifficult: boolean;
  /** Absent in drafts saved before it was asked. */
  policeReported?: boolean;
  prevention: Record<PreventionKey, { on: boolean; persons: string }>;
}

export function flagsDraftOf(record: CaseRecord): FlagsDraft {
  const one = (n: number) => ({ on: n > 0, persons: n > 0 ? String(n) : '' });
  const p = record.prevention;
  return {
    isDifficult: record.isDifficult,
    policeReported: record.policeReported === true,
    prevention: { suicide: one(p.suicide), criminal: one(p.criminal), groupPetition: one(p.groupPetition), groupFight: one(p.groupFight) },
  };
}

/** The flags to save, or the field errors (a ticked flag needs a persons count ≥ 1). */
export function parseFlags(d: FlagsDraft): { flags: OutcomeFlags; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const prevention = { suicide: 0, criminal: 0, groupPetition: 0, groupFight: 0 };
  for (const { key } of flagKeys) {
    const item = d.prevention[key];
    if (!item.on) continue;
    const n = Number(item.persons.trim());
    if (!Number.isInteger(n) || n < 1 || n > 100000) errors[`prevention.${key}`] = 'flagsForm.persons.invalid';
    else prevention[key] = n;
  }
  // Art 25 is asked only once an escalation is flagged; otherwise the stored answer stays as it is.
  const asked = policeReportRelevant(prevention) ? { policeReported: d.policeReported === true } : {};
  return { flags: { isDifficult: d.isDifficult, prevention, ...asked }, errors };
}

export function FlagsEditor(p: { value: FlagsDraft; errors: FieldErrors; onChange: (next: FlagsDraft) => void }) {
  const v = p.value;
  const setItem = (key: PreventionKey, patch: Partial<{ on: boolean; persons: string }>) =>
    p.onChange({ ...v, prevention: { ...v.prevention, [key]: { ...v.prevention[key], ...patch } } });
  return (
    <fieldset class="field-group flags">
      <legend>{t('detail.flags')}</legend>
      <p class="hint">{t('flagsForm.intro')}</p>
      <CheckField id="isDifficult" label={t('flags.difficult')} checked={v.isDifficult} onChange={(isDifficult) => p.onChange({ ...v, isDifficult })} />
      {flagKeys.map(({ key, label }) => (
        <div key={key} class="flag-row">
          <CheckField id={`flag-${key}`} label={t(label)} checked={v.prevention[key].on} onChange={(on) => setItem(key, { on })} />
          {v.prevention[key].on && (
            <TextField
              id={`prevention-${key}`}
              label={t('flags.persons')}
              inputMode="numeric"
              maxLength={6}
              value={v.prevention[key].persons}
              error={p.errors[`prevention.${key}`] as MessageKey | undefined}
              onInput={(persons) => setItem(key, { persons })}
            />
          )}
        </div>
      ))}
      {(v.prevention.criminal.on || v.prevention.groupFight.on) && (
        <CheckField id="policeReported" label={t('flags.policeReported')} checked={v.policeReported === true} onChange={(policeReported) => p.onChange({ ...v, policeReported })} />
      )}
    </fieldset>
  );
}
