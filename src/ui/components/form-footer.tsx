// The bottom of every form, kept within thumb reach above the nav: the one primary button, the
// error sentence (role=alert) and the quiet draft status (role=status).

import { t } from '../../shared/i18n/index.ts';
import { formatInstant } from '../format.ts';
import type { FormFailure } from './errors.ts';

export function FormFooter(p: { label: string; busy: boolean; failure: FormFailure | null; draftSavedAt?: string | null; testId?: string }) {
  const count = p.failure ? Object.keys(p.failure.fields).length : 0;
  const error = p.failure ? (count > 0 ? `${p.failure.message}${t('form.fix', { n: count })}` : p.failure.message) : '';
  return (
    <div class="form-footer">
      <div role="alert" class="form-error">
        {error && <p>{error}</p>}
      </div>
      <button type="submit" class="button primary block" disabled={p.busy} aria-disabled={p.busy} data-testid={p.testId}>
        {p.busy ? t('form.saving') : p.label}
      </button>
      <p role="status" class="draft-status">
        {p.draftSavedAt ? t('form.draftSaved', { time: formatInstant(p.draftSavedAt) }) : ''}
      </p>
    </div>
  );
}

/** Shown at the top of a form refilled from a stored draft, with a way to start over. */
export function DraftNotice(p: { onStartOver: () => void }) {
  return (
    <div class="notice">
      <span>{t('form.draftRestored')}</span>
      <button
        type="button"
        class="button link"
        onClick={() => {
          if (confirm(t('form.startOver.confirm'))) p.onStartOver();
        }}
      >
        {t('form.startOver')}
      </button>
    </div>
  );
}
