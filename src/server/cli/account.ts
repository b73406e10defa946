// npm run account -- create-admin <username> [--name 姓名] | set-password <username> | add-county <code>
// The first administrator of a fresh install (DEMO=0 starts with no accounts at all), and a way
// back in when the administrator's password is lost. Opens the same database the server uses
// (DATA_DIR or DATABASE_URL, with its migrations); the password comes from ADMIN_PASSWORD (for
// automation), else the first line of stdin when piped, else a prompt that does not echo.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import * as v from 'valibot';
import '../../shared/i18n/later.ts';
import { t, hasMessage } from '../../shared/i18n/index.ts';
import { NewAccountSchema } from '../../shared/accounts-api.ts';
import { openStore, type Store } from '../store/open.ts';
import { weakPasswordReason } from '../auth/password-policy.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createUser, logAccount, revokeSessions, usernameTaken } from '../auth/users.ts';
import { addCounty } from '../divisions/add-county.ts';
import { ApiError } from '../http/errors.ts';

class CliError extends Error {}

/** A catalogue key from a failed check, as the sentence it names. */
function fail(key: string, params?: Record<string, string>): never {
  throw new CliError(hasMessage(key) ? t(key, params) : key);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    fail('cli.password.empty');
  }
  const first = await promptHidden(t('cli.password.prompt'));
  const second = await promptHidden(t('cli.password.repeat'));
  if (first !== second) fail('account.password.mismatch');
  return first;
}

/** What the terminal sent beyond the line a prompt took (typed ahead, or pasted with both lines). */
let typedAhead = '';

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  const stdin = process.stdin;
  return new Promise((resolvePromise, reject) => {
    const takeLine = (): boolean => {
      if (typedAhead.includes('\u0003')) {
        reject(new CliError('^C'));
        return true;
      }
      const end = typedAhead.search(/[\r\n]/);
      if (end < 0) return false;
      const raw = typedAhead.slice(0, end);
      typedAhead = typedAhead.slice(end + 1).replace(/^\n/, '');
      let value = '';
      for (const char of raw) value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      process.stdout.write('\n');
      resolvePromise(value);
      return true;
    };
    if (takeLine()) return;
    const onData = (chunk: Buffer) => {
      typedAhead += chunk.toString('utf8');
      if (!takeLine()) return;
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

function checked(username: string, displayName: string, password: string) {
  const result = v.safeParse(NewAccountSchema, { username, displayName, role: 'admin', scope: '', password });
  if (!result.success) fail(result.issues[0]?.message ?? 'server.badRequest');
  const weak = weakPasswordReason(result.output.password, username);
  if (weak) fail(weak);
  return result.output;
}

async function createAdmin(store: Store, username: string, displayName: string): Promise<void> {
  checked(username, displayName, 'placeholder-password-0'); // the username, before asking for a password
  if (await usernameTaken(store.db, username)) fail('account.username.taken', { username });
  const account = checked(username, displayName, await readPassword());
  const passwordHash = await hashPassword(account.password);
  const now = new Date();
  await store.write(async (tx) => {
    if (await usernameTaken(tx, account.username)) fail('account.username.taken', { username });
    // The installer chose this password themselves: nothing to replace at the first sign-in.
    const id = await createUser(tx, { ...account, passwordHash }, now);
    await logAccount(tx, { at: now.toISOString(), actorId: null, userId: id, action: 'create', detail: { username, role: 'admin', via: 'cli' } });
  });
}

async function setPassword(store: Store, username: string): Promise<void> {
  const user = await store.db.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirst();
  if (!user) fail('cli.notFound', { username });
  const { password } = checked(username, user.display_name, await readPassword());
  const passwordHash = await hashPassword(password);
  const at = new Date().toISOString();
  await store.write(async (tx) => {
    await tx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('id', '=', user.id).execute();
    await revokeSessions(tx, user.id, at);
    await logAccount(tx, { at, actorId: null, userId: user.id, action: 'reset', detail: { via: 'cli' } });
  });
}

async function main(args: string[]): Promise<number> {
  const [command, username, ...rest] = args;
  const nameAt = rest.indexOf('--name');
  const displayName = nameAt >= 0 ? (rest[nameAt + 1] ?? '') : '系统管理员';
  if (!username || (command !== 'create-admin' && command !== 'set-password' && command !== 'add-county')) {
    console.error(t('cli.usage'));
    return 2;
  }
  // The same choice as the server's start (index.ts): a postgres:// URL, else the SQLite file.
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  const store = await openStore(databaseUrl?.startsWith('postgres') ? { databaseUrl } : { dataDir });
  const database = store.kind === 'postgres' ? 'PostgreSQL' : `SQLite ${dataDir}`;
  try {
    if (command === 'add-county') {
      // The same set-up as the administrator's screen (POST /api/divisions/counties).
      const started = Date.now();
      const done = await addCounty(store, username);
      console.log(t('cli.county.added', { ...done, database, ms: Date.now() - started }));
    } else if (command === 'create-admin') {
      await createAdmin(store, username, displayName);
      console.log(t('cli.created', { username, database }));
    } else {
      await setPassword(store, username);
      console.log(t('cli.passwordSet', { username, database }));
    }
    return 0;
  } catch (error) {
    if (!(error instanceof CliError) && !(error instanceof ApiError)) throw error;
    console.error(t('cli.failed', { message: error instanceof ApiError ? t(error.code, error.params) : error.message }));
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
