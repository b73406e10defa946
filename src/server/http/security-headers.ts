// Security headers on every answer (API, app shell, assets, errors). The Content-Security-Policy
// allows only this origin's own files: no inline script or style except the exact blocks a
// prerendered page carries (the guide pages inline their stylesheets and a boot script, see
// src/build/prerender.ts), which are allowed by their SHA-256 — so an injected <script> or
// style="" never runs even if some text escaped its escaping. Photos are shown from blob: URLs
// and nothing else is embedded; no page may be framed (clickjacking on the review screens).
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

const BASE = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets WebAssembly compile (扫描身份证's on-device OCR) and nothing else: no
  // eval(), no inline script.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy for one answer; for an HTML page, its inline <script> and <style> blocks by hash. */
export function contentSecurityPolicy(html?: string): string {
  const scripts: string[] = [];
  const styles: string[] = [];
  if (html !== undefined) {
    for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) scripts.push(sha256(m[1] ?? ''));
    for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) styles.push(sha256(m[1] ?? ''));
  }
  const directives: Record<string, readonly string[]> = {
    ...BASE,
    'script-src': [...BASE['script-src'], ...scripts],
    'style-src': [...BASE['style-src'], ...styles],
  };
  return Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

const HSTS = 'max-age=31536000; includeSubDomains';

/** Sets the headers unless a handler already chose a page-specific CSP (serveApp for HTML). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('content-security-policy')) h.set('content-security-policy', contentSecurityPolicy());
    h.set('x-frame-options', 'DENY');
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'no-referrer');
    h.set('cross-origin-opener-policy', 'same-origin');
    // Only where the browser reached us over TLS: HSTS on plain HTTP is ignored at best.
    if (new URL(c.req.url).protocol === 'https:') h.set('strict-transport-security', HSTS);
  };
}

/** The same fixed headers, for answers written outside Hono (the Node 431/400, the HTTP redirect). */
export function plainSecurityHeaders(): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
