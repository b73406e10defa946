// The HTTP shell: health, the built PWA with the right cache headers and SPA fallback, JSON 404s
// under /api, and the public area tree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';

const dist = mkdtempSync(join(tmpdir(), 'shuohe-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>说和</title>');
writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dist, 'manifest.webmanifest'), '{}');

afterAll(async () => {
  await closeTestStores();
  rmSync(dist, { recursive: true, force: true });
});

describe.each(storeKinds)('http on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind, dist);
  beforeEach(async () => {
    h = await harness();
  });

  test('health names the version and the database', async () => {
    const reply = await h.call('GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ version: 'test', database: kind });
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  test('the app shell and service worker are revalidated; hashed assets are cached for good', async () => {
    const index = await h.call('GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>说和</title>');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const sw = await h.call('GET', '/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toContain('javascript');
    const asset = await h.call('GET', '/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  test('client-side routes fall back to index.html; /api does not', async () => {
    const route = await h.call('GET', '/cases/0190a0b0-0000-7000-8000-000000000000');
    expect(route.status).toBe(200);
    expect(route.body).toContain('说和');
    const traversal = await h.call('GET', '/..%2f..%2fetc%2fpasswd');
    expect(traversal.body).not.toContain('root:');
    const api = await h.call('GET', '/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('server.notFound');
    expect((await h.call('POST', '/somewhere')).status).toBe(404);
  });

  test('every endpoint that holds cases or devices needs a session', async () => {
    const id = '0190a0b0-0000-7000-8000-000000000000';
    const secured: [string, string][] = [
      ['POST', '/api/sync/push'], ['POST', '/api/sync/pull'], ['GET', '/api/cases'], ['GET', `/api/cases/${id}`], ['GET', '/api/review'],
      ['POST', `/api/devices/${id}/revoke`], ['GET', '/api/me'], ['POST', '/api/auth/logout'],
      ['GET', '/api/requests'], ['POST', `/api/requests/${id}/accept`], ['POST', `/api/requests/${id}/refuse`],
    ];
    for (const [method, path] of secured) {
      const reply = await h.call(method, path, method === 'GET' ? {} : { body: {} });
      expect([path, reply.status, reply.body.error?.code]).toEqual([path, 401, 'auth.required']);
    }
  });

  test('the area tree is public, one level at a time, with each committee', async () => {
    const top = await h.call('GET', '/api/areas');
    expect(top.body.areas.map((a: { code: string }) => a.code)).toEqual(['150502', '150523']);
    const towns = await h.call('GET', '/api/areas?parent=150523');
    expect(towns.body.areas).toHaveLength(13);
    expect(towns.body.areas[0]).toMatchObject({ code: '150523100', name: '开鲁镇', committee: '开鲁镇人民调解委员会' });
    const villages = await h.call('GET', '/api/areas?parent=150523100');
    expect(villages.body.areas.find((a: { code: string }) => a.code === '150523100200')).toMatchObject({ name: '五家村委会', committee: '五家村人民调解委员会' });
    expect((await h.call('GET', '/api/areas?parent=150599')).status).toBe(404);
  });
});
