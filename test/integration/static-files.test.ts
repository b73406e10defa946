// How the server hands out the built PWA: compressed text (the first visit on a slow phone link is
// mostly bytes), a prerendered page for its exact URL, the app shell for every other route.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, test } from 'vitest';
import { pickEncoding, serveApp } from '../../src/server/http/static.ts';

const dist = mkdtempSync(join(tmpdir(), 'shuohe-static-'));
const script = `console.log(${JSON.stringify('说和'.repeat(2000))});\n`;
mkdirSync(join(dist, 'assets'));
mkdirSync(join(dist, 'guides', 'qianxin'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>shell</title><div id="app"></div>');
writeFileSync(join(dist, 'guides', 'qianxin', 'index.html'), '<!doctype html><title>欠薪</title><div id="app"><h1>欠薪</h1></div>');
writeFileSync(join(dist, 'assets', 'big-abc.js'), script);
writeFileSync(join(dist, 'assets', 'tiny-abc.js'), '1');
writeFileSync(join(dist, 'icon.png'), Buffer.alloc(4096, 7));

const app = new Hono().all('*', serveApp(dist));
const get = (path: string, acceptEncoding?: string) => app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('static files', () => {
  test('text is sent brotli- or gzip-compressed as the browser accepts, and says it varies', async () => {
    const br = await get('/assets/big-abc.js', 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(brotliDecompressSync(brBytes).toString()).toBe(script);

    const gz = await get('/assets/big-abc.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await get('/assets/big-abc.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  test('tiny files and images go as they are', async () => {
    expect((await get('/assets/tiny-abc.js', 'br')).headers.get('content-encoding')).toBeNull();
    const png = await get('/icon.png', 'br');
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await png.arrayBuffer()).length).toBe(4096);
  });

  test('a file changed on disk is compressed again, never served stale', async () => {
    const file = join(dist, 'assets', 'changing.js');
    writeFileSync(file, script);
    expect(brotliDecompressSync(Buffer.from(await (await get('/assets/changing.js', 'br')).arrayBuffer())).toString()).toBe(script);
    const next = `${script}// next version, a different length\n`;
    writeFileSync(file, next);
    expect(brotliDecompressSync(Buffer.from(await (await get('/assets/changing.js', 'br')).arrayBuffer())).toString()).toBe(next);
  });

  test('a prerendered page answers its exact URL; a query or another route gets the app shell', async () => {
    const page = await get('/guides/qianxin');
    expect(await page.text()).toContain('<h1>欠薪</h1>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await (await get('/guides/qianxin?q=1')).text()).toContain('<title>shell</title>');
    expect(await (await get('/guides/other')).text()).toContain('<title>shell</title>');
    expect(await (await get('/guides/..%2f..%2f..%2fetc')).text()).toContain('<title>shell</title>');
  });

  test('Accept-Encoding: the best accepted coding; q=0 refuses one', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.0')).toBeUndefined();
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
  });
});
