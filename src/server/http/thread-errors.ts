// Errors crossing between the main thread and the SQLite writer's thread (store/sqlite-workers.ts),
// which runs a whole push (sync/thread-ops.ts): structured clone keeps an Error's message only, so
// an ApiError (a 403 for a case out of scope, a 400 for a bad body) goes as plain data and comes
// back as the same ApiError, answered exactly as if the push had run here.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { RemoteError } from '../store/sqlite-workers.ts';
import { ApiError } from './errors.ts';

export function toRemote(error: unknown): RemoteError {
  const e = error as { message?: unknown; code?: unknown } | null;
  const remote: RemoteError = { message: String(e?.message ?? error) };
  if (typeof e?.code === 'string') remote.code = e.code;
  if (error instanceof ApiError) remote.api = { status: error.status, code: error.code, params: error.params, details: error.details };
  return remote;
}

export function fromRemote(remote: RemoteError): Error {
  if (remote.api) {
    const { status, code, params, details } = remote.api;
    return new ApiError(status as ContentfulStatusCode, code as MessageKey, params as MessageParams | undefined, details);
  }
  return Object.assign(new Error(remote.message), remote.code === undefined ? {} : { code: remote.code });
}
