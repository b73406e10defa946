// "更多信息" of the 受理 and 编辑受理信息 forms: every registry field that declares how it is drawn
// (shared/fields/case-fields.ts `input`), folded away until opened or until one of them has an
// error. A field added to the registry with an `input` appears here with no change to the screens.

import { useState } from 'preact/hooks';
import { fieldLabelKey as labelKey, formKeyOf, moreFields } from '../../shared/fields/case-fields.ts';
import { t } from '../../shared/i18n/index.ts';
import type { FieldErrors } from '../../shared/validation.ts';
import { TextField } from '../components/fields.tsx';

export function CaseMoreFields(p: {
  values: Readonly<Record<string, unknown>>;
  errors: FieldErrors;
  onChange: (key: string, value: string) => void;
}) {
  const [open, setOpen] = useState(false);
  if (moreFields.length === 0) return null;
  const hasErrors = moreFields.some(({ field }) => p.errors[formKeyOf(field)]);
  const shown = open || hasErrors;
  return (
    <section class="field-group" aria-labelledby="case-more-title">
      <button
        type="button" class="button link disclosure" id="case-more-title" aria-expanded={shown} aria-controls="case-more"
        onClick={() => setOpen(!shown)}
      >
        <span class="disclosure-title">{t('caseForm.more')}</span>
        <span class="muted small">{t('caseForm.moreHint', { fields: moreFields.map(({ field }) => t(labelKey(field))).join('、') })}</span>
      </button>
      {shown && (
        <div id="case-more">
          {moreFields.map(({ field, input }) => {
            const key = formKeyOf(field);
            const value = p.values[key];
            return (
              <TextField
                key={key} id={key} label={t(labelKey(field))} hint={input.hint ? t(input.hint) : undefined} value={typeof value === 'string' ? value : ''}
                inputMode={input.kind === 'count' ? 'numeric' : 'text'} maxLength={input.kind === 'count' ? 8 : 200} error={p.errors[key]}
                onInput={(next) => p.onChange(key, next)}
              />
            );
          })}
        </div>
      )}
    </section>
  );
}
