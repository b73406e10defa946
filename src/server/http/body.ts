// Reading and checking a JSON body. Anything that is not JSON of the expected shape is a 400
// before any database work starts.
import type { Context } from 'hono';
import * as v from 'valibot';
import { ApiError, badRequest, issueDetails } from './errors.ts';
import { firstDirtyText } from './text-check.ts';

export async function readJson(c: Context): Promise<unknown> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest(['body: not JSON']);
  }
  return checkedText(body);
}

/** A body read as text (a push, parsed on the SQLite writer's thread): the same checks as readJson. */
export function jsonOf(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(['body: not JSON']);
  }
  return checkedText(body);
}

function checkedText(body: unknown): unknown {
  const dirty = firstDirtyText(body);
  if (dirty !== undefined) throw new ApiError(400, 'server.badText', undefined, [`${dirty}: refused character`]);
  return body;
}

export function parseWith<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw badRequest(issueDetails(result.issues));
  return result.output;
}
