// Backups while the server runs, and restores into an empty database. SQLite: the online backup
// API (better-sqlite3's .backup(), a consistent copy page by page while pushes go on). PostgreSQL:
// pg_dump's custom format, one REPEATABLE READ snapshot, restored with pg_restore. A restore
// gives the database a new epoch (epoch.ts), so phones that synced after the backup send again
// what it lacks instead of trusting acknowledgements the restored server no longer has.
import { execFile } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { t } from '../../shared/i18n/index.ts';
import { openStore } from '../store/open.ts';
import { renewEpoch } from './epoch.ts';

const run = promisify(execFile);

export class BackupError extends Error {}

export type Target = { databaseUrl: string } | { dataDir: string };

const SQLITE_FILE = 'shuohe.sqlite';

/** Where the PostgreSQL client programs are: PG_BINDIR, pg_config's, or Debian's newest. */
async function pgBinary(name: string): Promise<string> {
  if (process.env.PG_BINDIR) return join(process.env.PG_BINDIR, name);
  try {
    const dir = (await run('pg_config', ['--bindir'])).stdout.trim();
    if (existsSync(join(dir, name))) return join(dir, name);
  } catch {
    // no pg_config on PATH
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(root, version, 'bin', name))) return join(root, version, 'bin', name);
  return name;
}

function refuseExisting(file: string): void {
  if (existsSync(file)) throw new BackupError(t('backup.fileExists', { file }));
}

export async function backup(target: Target, file: string): Promise<void> {
  refuseExisting(file);
  if ('databaseUrl' in target) {
    await run(await pgBinary('pg_dump'), ['--format=custom', '--no-owner', `--file=${file}`, target.databaseUrl]);
    return;
  }
  const source = join(target.dataDir, SQLITE_FILE);
  if (!existsSync(source)) throw new BackupError(t('backup.noDatabase', { file: source }));
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(file);
  } finally {
    db.close();
  }
}

function headerOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    readSync(fd, buffer, 0, 16, 0);
    return buffer.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public'");
    return Number(rows[0]?.n ?? 0) === 0;
  } finally {
    await client.end();
  }
}

/** Restores `file` into an empty target; refuses anything else, so a restore never overwrites data. */
export async function restore(file: string, target: Target): Promise<{ epoch: string }> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(t('backup.noFile', { file }));
  const header = headerOf(file);
  if ('databaseUrl' in target) {
    if (!header.startsWith('PGDMP')) throw new BackupError(t('backup.wrongKind', { kind: 'PostgreSQL', file }));
    if (!(await postgresIsEmpty(target.databaseUrl))) throw new BackupError(t('backup.targetNotEmpty', { target: 'DATABASE_URL' }));
    await run(await pgBinary('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.databaseUrl}`, file]);
  } else {
    if (!header.startsWith('SQLite format 3')) throw new BackupError(t('backup.wrongKind', { kind: 'SQLite', file }));
    const into = join(target.dataDir, SQLITE_FILE);
    if (existsSync(into) || existsSync(`${into}-wal`)) throw new BackupError(t('backup.targetNotEmpty', { target: into }));
    const check = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new BackupError(t('backup.corrupt', { file }));
    } finally {
      check.close();
    }
    mkdirSync(target.dataDir, { recursive: true });
    copyFileSync(file, into);
  }
  // A backup from an older version takes the migrations it lacks; then the new timeline begins.
  const store = await openStore(target);
  try {
    return { epoch: await renewEpoch(store.db) };
  } finally {
    await store.close();
  }
}
