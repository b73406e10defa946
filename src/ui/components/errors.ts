// Turns what an action threw into what the form shows: one sentence for the aria-live region and
// the per-field catalogue keys. Nothing is written when an action throws (db/write.ts).

import { DomainError, StorageFullError } from '../../state/errors.ts';
import { t } from '../../shared/i18n/index.ts';
import type { FieldErrors } from '../../shared/validation.ts';

export interface FormFailure {
  message: string;
  fields: FieldErrors;
}

export function describeFailure(error: unknown): FormFailure {
  if (error instanceof DomainError) return { message: t(error.code, error.params), fields: error.fields };
  if (error instanceof StorageFullError) return { message: t(error.messageKey), fields: {} };
  console.error(error);
  return { message: t('error.unknown'), fields: {} };
}

/** Moves focus to the first invalid field so a screen reader and the eye land on it. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  });
}
