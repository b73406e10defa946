// PUT/HEAD/GET /api/blobs/:sha256?caseId=… — photo bytes, content-addressed and idempotent.
//   PUT  the whole blob, or one piece with `Content-Range: bytes start-end/total`. Answers
//        201 (stored now) or 200 (already here) with {received, size, complete: true}; 308
//        "resume incomplete" with {received} while pieces are missing; 422 blob.hashMismatch
//        when the joined bytes are not the hash (nothing kept); 413 over the limits.
//   HEAD how much the server has: 200 when complete, else 404 with `Blob-Received: n`.
//   GET  the bytes (404 blob.notUploaded until the whole blob is in).
// Every call is scoped by the case it names (access.ts).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { MAX_BLOB_BYTES, MAX_CHUNK_BYTES, isSha256Hex, parseContentRange, type ByteRange } from '../../shared/attachments.ts';
import type { Ctx, Env } from '../deps.ts';
import { requireAuth } from '../auth/middleware.ts';
import { ApiError, badRequest, errorBody } from '../http/errors.ts';
import { attachmentsNaming } from './access.ts';
import { blobOwners, progressOf, readBlob, receivePiece, type Progress } from './store.ts';
import { recordAudit } from '../ops/audit.ts';

export const RECEIVED_HEADER = 'blob-received';

const uuid = v.pipe(v.string(), v.uuid());

function target(c: Context<Env>): { sha256: string; caseId: string } {
  const sha256 = c.req.param('sha256') ?? '';
  const caseId = c.req.query('caseId') ?? '';
  if (!isSha256Hex(sha256)) throw badRequest(['sha256: 64 lower-case hex digits']);
  if (!v.is(uuid, caseId)) throw badRequest(['caseId: not a UUID']);
  return { sha256, caseId };
}

function progressReply(c: Context<Env>, p: Progress, isNew: boolean): Response {
  const body = { received: p.received, size: p.size, complete: p.complete };
  const headers: Record<string, string> = { [RECEIVED_HEADER]: String(p.received) };
  if (p.complete) return c.json(body, isNew ? 201 : 200, headers);
  // 308 "resume incomplete" (as in resumable uploads elsewhere); no Location, so nothing follows it.
  if (p.received > 0) headers.range = `bytes=0-${p.received - 1}`;
  return c.json(body, 308, headers);
}

export function blobRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/blobs/*', requireAuth(ctx));

  const pieceLimit = bodyLimit({ maxSize: MAX_CHUNK_BYTES, onError: (c) => c.json(errorBody('blob.chunkTooLarge'), 413) });
  app.put('/blobs/:sha256', pieceLimit, async (c) => {
    const { sha256, caseId } = target(c);
    const named = await attachmentsNaming(ctx.store.read, c.var.principal, caseId, sha256);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const header = c.req.header('content-range');
    const range: ByteRange | undefined = header === undefined
      ? (bytes.byteLength > 0 ? { start: 0, end: bytes.byteLength - 1, total: bytes.byteLength } : undefined)
      : parseContentRange(header);
    if (!range || range.end - range.start + 1 !== bytes.byteLength) throw new ApiError(400, 'blob.badRange');
    if (range.total > MAX_BLOB_BYTES) throw new ApiError(413, 'blob.tooLarge');
    const attachment = named.find((a) => a.size === range.total);
    if (!attachment) throw new ApiError(422, 'blob.sizeMismatch');
    const result = await receivePiece(ctx.store, { sha256, range, bytes, mime: attachment.mime, userId: c.var.principal.userId, caseId, now: ctx.now() });
    if ('hashMismatch' in result) throw new ApiError(422, 'blob.hashMismatch');
    return progressReply(c, result, result.isNew);
  });

  // Hono answers HEAD with this handler and drops the body, so HEAD must not read the bytes.
  app.get('/blobs/:sha256', async (c) => {
    const { sha256, caseId } = target(c);
    const named = await attachmentsNaming(ctx.store.read, c.var.principal, caseId, sha256);
    const size = named[0]?.size ?? 0;
    // Stored bytes go out only through the case they were uploaded for, or to their uploader:
    // putting a known hash into an attachment event of one's own case must not fetch them.
    const owners = await blobOwners(ctx.store.read, sha256);
    if (owners && owners.home_case_id !== caseId && owners.created_by !== c.var.principal.userId) throw new ApiError(403, 'blob.foreign');
    const progress = await progressOf(ctx.store.read, sha256, size);
    const received = { [RECEIVED_HEADER]: String(progress.received) };
    if (!progress.complete) return c.json(errorBody('blob.notUploaded'), 404, received);
    if (c.req.method === 'HEAD') return c.body(null, 200, { ...received, 'content-length': String(progress.size) });
    const blob = await readBlob(ctx.store.read, sha256);
    if (!blob) return c.json(errorBody('blob.notUploaded'), 404, received);
    const owner = await ctx.store.read.selectFrom('cases').select('village_code').where('id', '=', caseId).executeTakeFirst();
    await recordAudit(ctx, c, { action: 'blob.view', target: sha256, areaCode: owner?.village_code ?? '', detail: `case=${caseId}` });
    return c.body(new Uint8Array(blob.bytes), 200, {
      ...received,
      'content-type': blob.mime,
      'content-length': String(blob.bytes.byteLength),
      etag: `"${sha256}"`,
      // Served as data, never as a page: no sniffing into HTML, no scripts if opened directly.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
  });
  return app;
}
