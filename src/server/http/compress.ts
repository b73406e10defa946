// Negotiated compression of JSON answers (issue #13): a pull page of sealed-on-device cases is
// ~1.6 KB a change raw and 7–12× smaller compressed, which is what decides a first pull at phone
// bandwidth. Brotli when the client takes it, else gzip (negotiated as for the static files,
// static.ts); answers under COMPRESS_MIN go raw (the header would cost more than it saves).
//
// Compression runs in node:zlib's stream, on libuv's thread pool: a 2 MB page never holds the
// event loop, and the compressed bytes go out as they are produced. Quality/level are chosen for
// CPU, not ratio: brotli 5 and gzip 6 keep most of the gain (the bench prints the bytes per
// case) at a fraction of brotli 11's cost.
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { pickEncoding, type Encoding } from './static.ts';

export const COMPRESS_MIN = 1024;
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

export function compressor(encoding: Encoding): BrotliCompress | Gzip {
  return encoding === 'br'
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : createGzip({ level: GZIP_LEVEL });
}

/** For the /api tree: every JSON answer of at least COMPRESS_MIN bytes, when the client asks. */
export function compressJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || !res.body || res.headers.has('content-encoding')) return;
    if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    // Caches must not hand a compressed answer to a client that did not ask for it.
    res.headers.append('vary', 'accept-encoding');
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    // API answers are built in memory (a page is spliced as one string), so reading the body
    // costs no extra wait; its size decides whether compressing pays.
    const bytes = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (bytes.byteLength < COMPRESS_MIN) {
      c.res = new Response(bytes, { status: res.status, headers });
      return;
    }
    const stream = compressor(encoding);
    stream.end(bytes);
    // Hono copies the old answer's headers onto the new one: its length must not survive.
    res.headers.delete('content-length');
    headers.delete('content-length');
    headers.set('content-encoding', encoding);
    c.res = new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: res.status, headers });
  };
}
