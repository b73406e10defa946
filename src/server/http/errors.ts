// API errors: every failure leaves as JSON {error: {code, message}} with a stable code and the
// Chinese message from the catalogue. Input errors are 4xx and are raised before anything is
// written; a write that fails part-way rolls its transaction back, so a 4xx never changes data.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { BaseIssue } from 'valibot';
import { t, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: MessageKey,
    readonly params?: MessageParams,
    /** For developers: which part of the input was wrong (never shown to a mediator). */
    readonly details?: unknown,
  ) {
    super(code);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: MessageKey, params?: MessageParams, details?: unknown): ErrorBody {
  return { error: { code, message: t(code, params), ...(details === undefined ? {} : { details }) } };
}

export const badRequest = (details?: unknown) => new ApiError(400, 'server.badRequest', undefined, details);
export const forbidden = () => new ApiError(403, 'auth.forbidden');

/** valibot issues as short `path: problem` lines, capped so a hostile payload cannot inflate them. */
export function issueDetails(issues: readonly BaseIssue<unknown>[]): string[] {
  return issues.slice(0, 5).map((issue) => {
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return `${path || '(root)'}: ${issue.message}`.slice(0, 300);
  });
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.params, error.details), error.status);
  if (error instanceof HTTPException) {
    // Hono's own rejections (e.g. a body it cannot read) are input errors too.
    return c.json(errorBody(error.status === 413 ? 'server.tooLarge' : 'server.badRequest'), error.status === 413 ? 413 : 400);
  }
  console.error('[shuohe] unexpected error', error);
  return c.json(errorBody('error.unknown'), 500);
}
