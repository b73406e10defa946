// npm run account: the first administrator of a fresh install, made by the command line as a
// child process against an empty database (a temp DATA_DIR, or a fresh PostgreSQL database via
// DATABASE_URL), who can then sign in to the real app and manage accounts.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds, testDatabaseUrl, type StoreKind } from '../support/stores.ts';
import { openStore, type Store } from '../../src/server/store/open.ts';
import { createApp } from '../../src/server/app.ts';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';

const root = resolve(new URL('../..', import.meta.url).pathname);
const dirs: string[] = [];

afterAll(async () => {
  await closeTestStores();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as `npm run account -- …` does, with `stdin` piped in. */
function cli(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/server/cli/account.ts', ...args], {
      cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000,
    }, (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
    child.stdin?.end(stdin);
  });
}

async function target(kind: StoreKind): Promise<{ env: Record<string, string>; open: () => Promise<Store> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shuohe-cli-'));
    dirs.push(dir);
    return { env: { DATA_DIR: dir }, open: () => openStore({ dataDir: dir }) };
  }
  const url = await testDatabaseUrl(kind);
  if (!url) throw new Error('no PostgreSQL database');
  return { env: { DATABASE_URL: url }, open: () => openStore({ databaseUrl: url }) };
}

describe.each(storeKinds)('npm run account on %s', (kind) => {
  test('creates the first administrator in an empty database, who signs in and creates a county account', async () => {
    const { env, open } = await target(kind);
    const made = await cli(['create-admin', 'root', '--name', '王局长'], env, 'installer-secret-1\n');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('已创建管理员“root”');

    // The county comes from the bundled national list, by the same command line, twice (idempotent).
    const county = await cli(['add-county', '150523'], env);
    expect(county.stderr).toBe('');
    expect(county.stdout).toMatch(/^已设立 开鲁县（150523）：13 个乡镇（街道），273 个村（社区），新建 287 个地区/);
    expect((await cli(['add-county', '150523'], env)).stdout).toContain('新建 0 个地区');
    const unknown = await cli(['add-county', '159999'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('全国区划代码里没有县级代码 159999');

    // The server starts on it with DEMO=0: no demo accounts, no demo county are added.
    const store = await open();
    try {
      await seedIfEmpty(store, { demo: false });
      const counties = await store.db.selectFrom('areas').select('code').where('level', '=', 'county').execute();
      expect(counties).toEqual([{ code: '150523' }]);
      const users = await store.db.selectFrom('users').select(['username', 'display_name', 'role', 'scope_code', 'must_change_password', 'password_hash']).execute();
      expect(users.map(({ password_hash: hash, ...rest }) => ({ ...rest, argon2id: hash.startsWith('$argon2id$') }))).toEqual([
        { username: 'root', display_name: '王局长', role: 'admin', scope_code: '', must_change_password: 0, argon2id: true },
      ]);
      const app = createApp({ store });
      const post = (path: string, body: unknown, token?: string) => app.request(path, {
        method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      const login = await post('/api/auth/login', { username: 'root', password: 'installer-secret-1', clientId: crypto.randomUUID() });
      expect(login.status).toBe(200);
      const { token, me } = (await login.json()) as { token: string; me: { role: string } };
      expect(me.role).toBe('admin');
      const county = await post('/api/accounts', { username: 'xianju', displayName: '县司法局', role: 'county', scope: '150523', password: 'county-first-1' }, token);
      expect(county.status).toBe(201);
      const log = await store.db.selectFrom('account_log').select(['actor_id', 'action']).orderBy('at').execute();
      expect(log).toEqual([{ actor_id: null, action: 'create' }, { actor_id: expect.any(String), action: 'create' }]);
    } finally {
      await store.close();
    }

    // A second run with the same name refuses, in Chinese, and changes nothing.
    const again = await cli(['create-admin', 'ROOT'], { ...env, ADMIN_PASSWORD: 'another-secret-1' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('用户名“ROOT”已经有人用了');
  }, 120_000);

  test('takes ADMIN_PASSWORD, refuses a short one, and set-password brings a locked-out admin back', async () => {
    const { env, open } = await target(kind);
    const short = await cli(['create-admin', 'admin2'], { ...env, ADMIN_PASSWORD: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('密码至少 10 位');
    const usage = await cli([], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('create-admin');

    expect((await cli(['create-admin', 'admin2'], { ...env, ADMIN_PASSWORD: 'from-the-env-1' })).code).toBe(0);
    expect((await cli(['set-password', 'admin2'], { ...env, ADMIN_PASSWORD: 'recovered-pw-2' })).code).toBe(0);
    expect((await cli(['set-password', 'nobody'], { ...env, ADMIN_PASSWORD: 'recovered-pw-2' })).stderr).toContain('没有用户名为“nobody”的账号');

    const store = await open();
    try {
      const app = createApp({ store });
      const login = (password: string) => app.request('/api/auth/login', {
        method: 'POST', body: JSON.stringify({ username: 'admin2', password, clientId: crypto.randomUUID() }), headers: { 'content-type': 'application/json' },
      });
      expect((await login('from-the-env-1')).status).toBe(401);
      expect((await login('recovered-pw-2')).status).toBe(200);
    } finally {
      await store.close();
    }
  }, 120_000);
});
