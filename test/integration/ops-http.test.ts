// Going live, in process: security headers on every kind of answer (a prerendered page's inline
// blocks allowed by hash, nothing else inline), one JSON log line per request without query or
// personal data, and /metrics for the administrator only, on SQLite and PostgreSQL.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { caseRecord } from '../support/server-device.ts';

const INLINE_SCRIPT = '\nconsole.log("boot");\n';
const INLINE_STYLE = 'body{color:#123}';
const dist = mkdtempSync(join(tmpdir(), 'shuohe-dist-'));
mkdirSync(join(dist, 'guides', 'g1'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>说和</title><script type="module" src="/assets/a.js"></script>');
writeFileSync(join(dist, 'guides', 'g1', 'index.html'), `<!doctype html><style>${INLINE_STYLE}</style><p>指南</p><script type="module">${INLINE_SCRIPT}</script>`);
const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';

afterAll(async () => {
  await closeTestStores();
  rmSync(dist, { recursive: true, force: true });
});

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function expectFixedHeaders(headers: Headers) {
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  // No eval() of script; 'wasm-unsafe-eval' (WebAssembly compilation, for the on-device OCR) is a
  // different keyword and allowed.
  expect(csp).not.toContain("'unsafe-eval'");
  // Plain HTTP: HSTS would be meaningless (the HTTPS test checks it is sent there).
  expect(headers.get('strict-transport-security')).toBeNull();
  return csp;
}

describe.each(storeKinds)('operations over HTTP on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind, dist);
  beforeEach(async () => {
    h = await harness();
  });

  test('every answer carries the security headers; a prerendered page allows exactly its inline blocks', async () => {
    for (const path of ['/', '/api/health', '/api/nothing', '/api/cases', '/cases/x']) expectFixedHeaders((await h.call('GET', path)).headers);
    const shell = expectFixedHeaders((await h.call('GET', '/')).headers);
    expect(shell).toMatch(/script-src 'self' 'wasm-unsafe-eval'; /);
    const guide = expectFixedHeaders((await h.call('GET', '/guides/g1')).headers);
    expect(guide).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hash(INLINE_SCRIPT)};`);
    expect(guide).toContain(`style-src 'self' ${hash(INLINE_STYLE)};`);
    expect(guide).not.toContain(hash('console.log("other");'));
    // An error thrown by a handler (401) still leaves with the headers and a JSON body.
    const denied = await h.call('GET', '/api/cases');
    expect(denied.status).toBe(401);
    expect(denied.body.error.code).toBe('auth.required');
  });

  test('one JSON line per request: no query string, no body, the user id when signed in', async () => {
    const lines: string[] = [];
    const app = createApp({ store: h.store, now: () => h.clock.now, log: (line) => lines.push(line), distDir: dist });
    const { med } = h.users;
    await app.request('/api/health?secret=王秀英');
    const record = caseRecord(med.scope);
    await app.request('/api/sync/push', {
      method: 'POST', headers: { authorization: `Bearer ${med.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(med.device.request([med.device.create(record)])),
    });
    expect(lines).toHaveLength(2);
    const [health, push] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(health).toMatchObject({ method: 'GET', path: '/api/health', status: 200, user: null });
    expect(push).toMatchObject({ method: 'POST', path: '/api/sync/push', status: 200, user: med.id });
    expect(Object.keys(push!).sort()).toEqual(['method', 'ms', 'path', 'status', 'time', 'user']);
    expect(typeof push!.ms).toBe('number');
    expect(lines.join('\n')).not.toContain('王秀英');
    expect(lines.join('\n')).not.toContain(med.token);
  });

  test('/metrics: Prometheus text for the admin or the scrape token, refused to everyone else', async () => {
    const app = createApp({ store: h.store, now: () => h.clock.now, metricsToken: METRICS_TOKEN });
    const get = (token?: string) => app.request('/metrics', token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const { med, county, admin } = h.users;
    expect((await get()).status).toBe(401);
    const refused = await get(county.token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('metrics.forbidden');
    expect((await get('not-the-token-but-long-enough')).status).toBe(401);

    await app.request('/api/health');
    const push = (reqs: unknown) => app.request('/api/sync/push', {
      method: 'POST', headers: { authorization: `Bearer ${med.token}`, 'content-type': 'application/json' }, body: JSON.stringify(reqs),
    });
    expect((await push(med.device.request([med.device.create(caseRecord(med.scope))]))).status).toBe(200);
    await app.request(`/api/cases/${'0'.repeat(8)}`, { headers: { authorization: `Bearer ${med.token}` } });

    for (const token of [admin.token, METRICS_TOKEN]) {
      const res = await get(token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toContain('shuohe_http_requests_total{method="GET",route="/api/health",status="200"} 1');
      // Ids in the path do not split the counts: the route pattern is the label.
      expect(text).toMatch(/shuohe_http_requests_total\{method="GET",route="\/api\/cases\/:id",status="\d+"\} 1/);
      expect(text).toContain('shuohe_sync_push_seconds_count 1');
      expect(text).toMatch(/shuohe_sync_push_seconds_bucket\{le="\+Inf"\} 1/);
      expect(text).toContain('shuohe_sync_pull_seconds_count 0');
      expect(text).toMatch(/shuohe_queue_size\{queue="review_open"\} \d+/);
      const size = Number(/shuohe_database_bytes (\d+)/.exec(text)?.[1]);
      expect(size).toBeGreaterThan(100_000);
    }
  });
});
