// Form fields: label above the input, hint and error tied to it with aria-describedby, errors as
// catalogue keys. Forms use noValidate, so every message the user sees is ours and in Chinese.

import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../../shared/i18n/index.ts';

interface FieldBase {
  id: string;
  label: string;
  error?: MessageKey | undefined;
  hint?: string | undefined;
  required?: boolean;
}

function describedBy(p: FieldBase): string | undefined {
  const ids = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Frame(p: FieldBase & { children: ComponentChildren }) {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      {/* The star stays outside <label> so the accessible name is exactly the label text. */}
      <div class="label-row">
        <label for={p.id}>{p.label}</label>
        {p.required && <span class="req" aria-hidden="true">＊</span>}
      </div>
      {p.hint && <p class="hint" id={`${p.id}-hint`}>{p.hint}</p>}
      {p.children}
      <FieldError id={p.id} error={p.error} />
    </div>
  );
}

export function FieldError(p: { id: string; error?: MessageKey | undefined }) {
  return p.error ? <p class="error" id={`${p.id}-error`}>{t(p.error)}</p> : null;
}

type InputType = 'text' | 'tel' | 'date' | 'datetime-local' | 'search' | 'password';

/**
 * The one text input: a single line, or a <textarea> of `rows` lines when `rows` is given. Both
 * share the label, hint, error and ARIA wiring of Frame.
 */
export function TextField(
  p: FieldBase & {
    value: string;
    onInput: (value: string) => void;
    /** Several lines: a textarea this many rows high. */
    rows?: number;
    type?: InputType;
    inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'search';
    autoComplete?: string;
    placeholder?: string;
    maxLength?: number;
    max?: string;
  },
) {
  const common = {
    id: p.id,
    name: p.id,
    value: p.value,
    placeholder: p.placeholder,
    maxLength: p.maxLength,
    'aria-required': p.required ? ('true' as const) : undefined,
    'aria-invalid': p.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(p),
  };
  return (
    <Frame {...p}>
      {p.rows !== undefined ? (
        // autocomplete off: Chromium otherwise keeps the text in the profile's session-restore
        // files (Sessions/), in clear, on a phone whose stores are sealed (issue #12).
        <textarea {...common} rows={p.rows} autoComplete={p.autoComplete ?? 'off'} onInput={(e) => p.onInput(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type={p.type ?? 'text'}
          inputMode={p.inputMode}
          autoComplete={p.autoComplete ?? 'off'}
          max={p.max}
          onInput={(e) => p.onInput(e.currentTarget.value)}
        />
      )}
    </Frame>
  );
}

/**
 * TextField with three lines unless told otherwise. Kept only for the case action forms
 * (src/ui/cases/forms/*) until they move to `TextField rows={…}`; new code uses TextField.
 */
export function TextArea(p: FieldBase & { value: string; onInput: (value: string) => void; rows?: number; placeholder?: string }) {
  return <TextField {...p} rows={p.rows ?? 3} />;
}

/** A native <select>: for a long fixed list (民族) where radios would fill the screen. */
export function SelectField(
  p: FieldBase & { value: string; options: readonly { value: string; label: string }[]; onChange: (value: string) => void },
) {
  return (
    <Frame {...p}>
      <select
        id={p.id}
        name={p.id}
        value={p.value}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p)}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      >
        {p.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Frame>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/**
 * Native radios drawn as big buttons: one tap, keyboard arrows, and a real accessible name. A
 * radio cannot be unticked, so an optional choice passes `onClear`: once something is picked, a
 * 清除选择 button puts the field back to unset.
 */
export function ChoiceGroup<V extends string>(
  p: FieldBase & { value: V | ''; choices: readonly Choice<V>[]; onChange: (value: V) => void; onClear?: () => void; layout?: 'chips' | 'grid' },
) {
  return (
    <fieldset
      class={p.error ? 'field choice has-error' : 'field choice'}
      id={p.id}
      aria-describedby={describedBy(p)}
      aria-invalid={p.error ? 'true' : undefined}
      tabIndex={-1}
    >
      <legend>
        {p.label}
        {p.required && <span class="req" aria-hidden="true">＊</span>}
      </legend>
      {p.hint && <p class="hint" id={`${p.id}-hint`}>{p.hint}</p>}
      <FieldError id={p.id} error={p.error} />
      <div class={p.layout === 'grid' ? 'choice-grid' : 'choice-chips'}>
        {p.choices.map((c) => (
          <label class="choice-option" key={c.value}>
            <input type="radio" name={p.id} value={c.value} checked={p.value === c.value} onChange={() => p.onChange(c.value)} />
            <span>{c.label}</span>
          </label>
        ))}
        {p.onClear && p.value !== '' && (
          <button type="button" class="button link choice-clear" aria-label={t('common.clearChoiceOf', { label: p.label })} onClick={p.onClear}>
            {t('common.clearChoice')}
          </button>
        )}
      </div>
    </fieldset>
  );
}

export function CheckField(p: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void; error?: MessageKey | undefined }) {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label class="check" for={p.id}>
        <input
          id={p.id}
          type="checkbox"
          checked={p.checked}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={p.error ? `${p.id}-error` : undefined}
          onChange={(e) => p.onChange(e.currentTarget.checked)}
        />
        <span>{p.label}</span>
      </label>
      <FieldError id={p.id} error={p.error} />
    </div>
  );
}
