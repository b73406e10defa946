// Account bodies are checked by the shared valibot schemas, whose issue messages are catalogue
// keys: the first one becomes the error's code, so a staff member reads "密码至少 8 位" rather than
// a generic "格式不正确", and the device shows the same sentence before it ever sends the form.
import * as v from 'valibot';
import { hasMessage } from '../../shared/i18n/index.ts';
import { ApiError, badRequest, issueDetails } from '../http/errors.ts';

export function parseAccountBody<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const key = result.issues[0]?.message;
  if (key !== undefined && hasMessage(key)) throw new ApiError(400, key, undefined, issueDetails(result.issues));
  throw badRequest(issueDetails(result.issues));
}
