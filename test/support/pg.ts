// A PostgreSQL server for tests. `PG_TEST_URL` wins (CI may provide one); otherwise a throwaway
// cluster is made with the local binaries (initdb + pg_ctl, fsync off, loopback only) and stopped
// afterwards. Without either this throws: the PostgreSQL variant of a suite must fail loudly on a
// machine that cannot run it, never skip (CI installs PostgreSQL).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** Connection string of a maintenance database; use `createDatabase` for an isolated one. */
  url: string;
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function findBinDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // pg_config absent or not on PATH: look where Debian puts the server binaries.
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: run its tools as the `postgres` user then. */
function runAsPostgres(binary: string, args: string[]): void {
  if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'pipe' });
  else execFileSync(binary, args, { stdio: 'pipe' });
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

let counter = 0;

function withDatabases(url: string, stop: () => Promise<void>): PgServer {
  const created: string[] = [];
  return {
    url,
    async createDatabase() {
      const name = `shuohe_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      created.push(name);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return target.toString();
    },
    async stop() {
      if (process.env.PG_TEST_URL) {
        // A shared server outlives us: drop what we made, leave the rest alone.
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      }
      await stop();
    },
  };
}

export async function startPg(): Promise<PgServer> {
  const given = process.env.PG_TEST_URL;
  if (given) return withDatabases(given, async () => {});
  const bin = findBinDir();
  if (!bin) {
    throw new Error('PostgreSQL tests need a server: install postgresql (initdb/pg_ctl) or set PG_TEST_URL=postgres://…');
  }
  const dir = mkdtempSync(join(tmpdir(), 'shuohe-pg-'));
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const port = await freePort();
  runAsPostgres(join(bin, 'initdb'), ['-D', dataDir, '--no-sync', '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  runAsPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      runAsPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A crashed or interrupted test run must not leave a postgres behind.
  process.once('exit', stopSync);
  return withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
    process.removeListener('exit', stopSync);
    stopSync();
  });
}
