// Serves the built PWA from dist/. Hashed assets are immutable; sw.js and index.html must be
// revalidated on every load or an installed app never sees its update (sync.md §2.8). Any other
// GET outside /api falls back to index.html so client-side routes work on reload.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import { errorBody } from './errors.ts';

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
};

const noCache = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

async function fileIn(root: string, urlPath: string): Promise<string | undefined> {
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
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

function cacheControl(file: string): string {
  const name = file.split(sep).pop() ?? '';
  if (noCache.has(name)) return 'no-cache';
  return file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

export function serveApp(distDir: string | undefined) {
  const root = distDir ? normalize(distDir) : undefined;
  return async (c: Context): Promise<Response> => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.json(errorBody('server.notFound'), 404);
    if (!root) return c.json(errorBody('server.noApp'), 404);
    const path = new URL(c.req.url).pathname;
    const file = (path !== '/' ? await fileIn(root, path) : undefined) ?? (await fileIn(root, '/index.html'));
    if (!file) return c.json(errorBody('server.noApp'), 404);
    const body = await readFile(file);
    return c.body(body, 200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControl(file),
    });
  };
}
