// Going live, over real sockets: the compiled server (what `npm start` runs) speaks HTTPS with a
// certificate made here by openssl, redirects its plain-HTTP port, sends HSTS only over TLS, logs
// one JSON line per request, and answers Node's own 431 as JSON — checked with curl.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { listen, type Listening } from '../../src/server/http/listen.ts';
import { openStore, type Store } from '../../src/server/store/open.ts';
import { seedAreas } from '../../src/server/seed/areas.ts';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import type { PullResponse, PushResponse } from '../../src/shared/protocol.ts';
import { Device, caseRecord } from '../support/server-device.ts';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'shuohe-listen-'));
const dist = join(work, 'dist');
mkdirSync(dist);
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>说和</title>');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

interface Curl {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** curl -si: the status line, the headers (lower-cased) and the body, as a deployer would see them. */
async function curl(args: string[]): Promise<Curl> {
  const { stdout: out } = await promisify(execFile)('curl', ['-si', '--max-time', '30', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const split = out.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = out.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine?.split(' ')[1]), headers, body: out.slice(split + 4) };
}

const bigHeader = ['-H', `x-padding: ${'a'.repeat(20_000)}`];

const VILLAGE = '150523100200';

describe('the compiled server with TLS_CERT and TLS_KEY', () => {
  let child: ChildProcess;
  let phone: Device;
  let token = '';
  let port = 0;
  let httpPort = 0;
  const stdout: string[] = [];
  const cert = join(work, 'cert.pem');

  beforeAll(async () => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(work, 'key.pem'), '-out', cert,
    ], { stdio: 'ignore' });
    execFileSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'ignore' });
    // A mediator and their phone's session in the database the compiled server will open.
    const seeding = await openStore({ dataDir: join(work, 'data') });
    await seedAreas(seeding.db, kailuAreas.filter((a) => VILLAGE.startsWith(a.code)));
    const userId = await createUser(seeding.db, { username: 'med', displayName: '调解员', role: 'mediator', scope: VILLAGE, password: 'correct horse battery' });
    phone = new Device(userId);
    token = (await createSession(seeding.db, userId, phone.clientId, new Date())).token;
    await seeding.close();
    [port, httpPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, [join(root, 'build/server/index.js')], {
      cwd: root,
      env: {
        ...process.env, PORT: String(port), HTTP_PORT: String(httpPort), TLS_CERT: cert, TLS_KEY: join(work, 'key.pem'),
        DATA_DIR: join(work, 'data'), DIST_DIR: dist, DEMO: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ready, fail) => {
      child.once('exit', (code) => fail(new Error(`server exited ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        stdout.push(line);
        if (line.includes('服务已启动')) ready();
      });
    });
  });

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  test('answers https://127.0.0.1:PORT/api/health with the certificate, HSTS and the other headers', async () => {
    const health = await curl(['--cacert', cert, `https://127.0.0.1:${port}/api/health`]);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ database: 'sqlite' });
    expect(health.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    const shell = await curl(['-I', '--cacert', cert, `https://127.0.0.1:${port}/`]);
    expect(shell.status).toBe(200);
    for (const h of [health, shell]) {
      expect(h.headers['x-frame-options']).toBe('DENY');
      expect(h.headers['x-content-type-options']).toBe('nosniff');
      expect(h.headers['referrer-policy']).toBe('no-referrer');
      expect(h.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  test('a phone pushes a case and pulls it back: the SQLite threads run the build\'s thread-ops.js', async () => {
    const record = caseRecord(VILLAGE);
    const post = async <T>(path: string, body: unknown) => {
      const answer = await curl(['--cacert', cert, '-X', 'POST', '-H', 'content-type: application/json', '-H', `authorization: Bearer ${token}`, '--data-binary', JSON.stringify(body), `https://127.0.0.1:${port}${path}`]);
      expect(answer.status, answer.body).toBe(200);
      return JSON.parse(answer.body) as T;
    };
    const pushed = await post<PushResponse>('/api/sync/push', phone.request([phone.create(record)]));
    expect(pushed.results.map((r) => r.status)).toEqual(['applied']);
    const page = await post<PullResponse>('/api/sync/pull', phone.pullRequest(0));
    expect(page.changes.map((c) => c.id)).toContain(record.id);
    expect(page.lastProcessedSeq).toBe(1);
  });

  test('the national area list ships with it: a county setting up from nothing picks its 县 from it', async () => {
    const provinces = await curl(['--cacert', cert, `https://127.0.0.1:${port}/api/divisions`]);
    expect(provinces.status).toBe(200);
    const list = (JSON.parse(provinces.body) as { divisions: { code: string; level: string }[] }).divisions;
    expect(list).toHaveLength(31);
    expect(list.every((d) => d.level === 'province' && /^\d{2}$/.test(d.code))).toBe(true);
  });

  test('the plain-HTTP port only redirects to HTTPS, path and query kept', async () => {
    const redirect = await curl(['-I', `http://127.0.0.1:${httpPort}/guides?q=%E5%80%BA`]);
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe(`https://127.0.0.1:${port}/guides?q=%E5%80%BA`);
    const api = await curl([`http://127.0.0.1:${httpPort}/api/health`]);
    expect(api.status).toBe(308);
    expect(api.body).not.toContain('database');
  });

  test('headers too large: 431 with a JSON body', async () => {
    const answer = await curl(['--cacert', cert, ...bigHeader, `https://127.0.0.1:${port}/api/health`]);
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toContain('application/json');
    expect(JSON.parse(answer.body).error.code).toBe('server.headersTooLarge');
  });

  test('stdout carries one JSON line per request, without the query', async () => {
    const path = `/api/no-such-${process.pid}`;
    expect((await curl(['--cacert', cert, `https://127.0.0.1:${port}${path}?name=${encodeURIComponent('王秀英')}`])).status).toBe(404);
    const lines = () => stdout.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    await expect.poll(() => lines().find((l) => l.path === path), { timeout: 20_000 }).toMatchObject({ method: 'GET', status: 404, user: null });
    expect(stdout.join('\n')).not.toContain('name=');
    expect(lines().every((l) => typeof l.time === 'string' && typeof l.ms === 'number')).toBe(true);
  });
});

describe('plain HTTP', () => {
  let store: Store;
  let server: Listening;
  let port = 0;
  beforeAll(async () => {
    store = await openStore({ dataDir: join(work, 'plain') });
    port = await freePort();
    server = await listen({ fetch: createApp({ store, distDir: dist }).fetch, port, hostname: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('curl -sI / and /api/health show the headers and no HSTS', async () => {
    for (const path of ['/', '/api/health']) {
      const head = await curl(['-I', `http://127.0.0.1:${port}${path}`]);
      expect(head.status).toBe(200);
      expect(head.headers['content-security-policy']).toContain("default-src 'self'");
      expect(head.headers['x-frame-options']).toBe('DENY');
      expect(head.headers['x-content-type-options']).toBe('nosniff');
      expect(head.headers['referrer-policy']).toBe('no-referrer');
      expect(head.headers['strict-transport-security']).toBeUndefined();
    }
  });

  test('431 and a malformed request are JSON too', async () => {
    const big = await curl([...bigHeader, `http://127.0.0.1:${port}/api/health`]);
    expect(big.status).toBe(431);
    expect(JSON.parse(big.body).error.code).toBe('server.headersTooLarge');
    expect(big.headers['x-content-type-options']).toBe('nosniff');
    const bad = await curl(['-H', 'content-length: nope', `http://127.0.0.1:${port}/api/health`]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('server.badRequest');
  });
});
