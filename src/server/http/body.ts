// Reading and checking a JSON body. Anything that is not JSON of the expected shape is a 400
// before any database work starts.
import type { Context } from 'hono';
import * as v from 'valibot';
import { ApiError, badRequest, issueDetails } from './errors.ts';
import { firstDirtyText } from './text-check.ts';

export async function readJson(c: Context): Promise<unknown> {
  return jsonOf(await c.req.text());
}

/** A body read as text (a push is parsed on the SQLite writer's thread): not JSON or a refused character is a 400. */
export function jsonOf(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(['body: not JSON']);
  }
  const dirty = firstDirtyText(body);
  if (dirty !== undefined) throw new ApiError(400, 'server.badText', undefined, [`${dirty}: refused character`]);
  return body;
}

export function parseWith<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw badRequest(issueDetails(result.issues));
  return result.output;
}
