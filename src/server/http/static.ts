// Serves the built PWA from dist/. Hashed assets are immutable; sw.js and the HTML pages must be
// revalidated on every load or an installed app never sees its update (sync.md §2.8). A path
// with a prerendered page (dist/guides/<slug>/index.html) gets that page, so a resident's first
// visit shows the guide before any script runs; any other GET outside /api falls back to
// index.html so client-side routes work on reload.
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import { errorBody } from './errors.ts';
import { contentSecurityPolicy } from './security-headers.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  // 扫描身份证's runtime and models (src/ui/id-card/ocr/): WebAssembly compiles while streaming
  // only when served as application/wasm.
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

const noCache = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

// Text shrinks 3–4× compressed; on a phone link at ~1.6 Mbit/s that is most of a first visit.
// PNGs and fonts are compressed already, and tiny files are not worth the header.
// The OCR runtime's .wasm shrinks ~4× too; the models' float weights hardly shrink at all.
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.wasm']);
const MIN_COMPRESS_BYTES = 1024;

interface Found {
  path: string;
  size: number;
  mtimeMs: number;
}

async function fileIn(root: string, urlPath: string): Promise<Found | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = normalize(join(root, decoded));
  // Never serve anything outside dist/ (../../etc/passwd).
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

function cacheControl(file: string): string {
  const name = file.split(sep).pop() ?? '';
  if (noCache.has(name)) return 'no-cache';
  return file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (q=0 refuses one), or undefined for the plain bytes. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q ?? ''))
      .map(([name]) => (name ?? '').trim().toLowerCase()),
  );
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : undefined;
}

// Brotli 5, not 11: for the whole of dist/ it is ~9% larger but ~20× faster (0.3 s against 5 s
// of CPU on the 2-core test machine), so the first visitor after a deploy never waits on it —
// a stylesheet queued behind the compression of a 100 KB chunk delays the first paint.
const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) => promisify(brotliCompress)(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(gzip)(body, { level: 6 }),
};

// dist/ is under a megabyte and changes only with a deploy, so each file is compressed once (off
// the main thread) and kept. The key carries size and mtime: a file replaced on disk is
// compressed again rather than served stale.
const compressed = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

function compressOnce(file: Found, encoding: Encoding, body: Buffer): Promise<Uint8Array<ArrayBuffer>> {
  const key = `${encoding}:${file.path}:${file.size}:${file.mtimeMs}`;
  let result = compressed.get(key);
  if (!result) {
    result = compressors[encoding](body).then((bytes) => new Uint8Array(bytes));
    compressed.set(key, result);
    result.catch(() => compressed.delete(key));
  }
  return result;
}

export function serveApp(distDir: string | undefined) {
  const root = distDir ? normalize(distDir) : undefined;
  return async (c: Context): Promise<Response> => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.json(errorBody('server.notFound'), 404);
    if (!root) return c.json(errorBody('server.noApp'), 404);
    const url = new URL(c.req.url);
    const path = url.pathname;
    const file =
      (path !== '/' ? await fileIn(root, path) : undefined) ??
      // A prerendered page shows one URL exactly; with a query (?q=, ?cat=) the app renders it.
      (url.search === '' ? await fileIn(root, join(path, 'index.html')) : undefined) ??
      (await fileIn(root, '/index.html'));
    if (!file) return c.json(errorBody('server.noApp'), 404);
    const ext = extname(file.path);
    const headers: Record<string, string> = {
      'content-type': types[ext] ?? 'application/octet-stream',
      'cache-control': cacheControl(file.path),
    };
    const plain = await readFile(file.path);
    // A prerendered page carries inline blocks; its policy allows exactly those (by hash).
    if (ext === '.html') headers['content-security-policy'] = contentSecurityPolicy(plain.toString('utf8'));
    let body: Uint8Array<ArrayBuffer> = plain;
    const encoding = compressible.has(ext) && plain.length >= MIN_COMPRESS_BYTES ? pickEncoding(c.req.header('accept-encoding')) : undefined;
    if (compressible.has(ext)) headers.vary = 'Accept-Encoding';
    if (encoding) {
      body = await compressOnce(file, encoding, plain);
      headers['content-encoding'] = encoding;
    }
    return c.body(body, 200, headers);
  };
}
