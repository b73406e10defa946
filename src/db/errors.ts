// Storage failures as the user should hear them. Chrome may report a full disk only as an
// AbortError whose `inner` is the QuotaExceededError (sync.md §2.9), so both are checked.

import type { MessageKey, MessageParams } from '../shared/i18n/index.ts';
import type { FieldErrors } from '../shared/validation.ts';

export class StorageFullError extends Error {
  readonly messageKey: MessageKey = 'storage.quota';
  constructor(cause: unknown) {
    super('storage quota exceeded', { cause });
  }
}

/** A domain rule refused the change (illegal transition, invalid data); nothing was written. */
export class DomainError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly fields: FieldErrors = {},
    readonly params?: MessageParams,
  ) {
    super(code);
  }
}

export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  if ('name' in error && error.name === 'QuotaExceededError') return true;
  // Dexie wraps the native error (DexieError.inner), which may itself be an AbortError wrapper.
  return ('inner' in error && isQuotaError(error.inner, depth + 1)) || ('cause' in error && isQuotaError(error.cause, depth + 1));
}
