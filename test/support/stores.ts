// The databases every server suite runs against: a fresh SQLite file in a tmp dir, and a fresh
// PostgreSQL database (throwaway cluster or PG_TEST_URL, see pg.ts). A suite that cannot get
// PostgreSQL fails in its beforeAll — loudly — rather than skipping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/server/store/open.ts';
import { startPg, type PgServer } from './pg.ts';

export const storeKinds = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

let pgServer: Promise<PgServer> | undefined;
const cleanups: (() => Promise<void>)[] = [];

export async function openTestStore(kind: StoreKind): Promise<Store> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shuohe-sqlite-'));
    const store = await openStore({ dataDir: dir });
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return store;
  }
  pgServer ??= startPg();
  const server = await pgServer;
  const store = await openStore({ databaseUrl: await server.createDatabase() });
  cleanups.push(() => store.close());
  return store;
}

export const storeLabel: Record<StoreKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/**
 * What a sync harness opens for `kind`: undefined means a fresh SQLite file (the harness makes
 * its own), otherwise a fresh database on this file's PostgreSQL. Shares the server above.
 */
export async function testDatabaseUrl(kind: StoreKind): Promise<string | undefined> {
  if (kind === 'sqlite') return undefined;
  pgServer ??= startPg();
  return (await pgServer).createDatabase();
}

/** Closes every store this file opened and stops its PostgreSQL (call from afterAll). */
export async function closeTestStores(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (pgServer) {
    const server = await pgServer.catch(() => undefined);
    pgServer = undefined;
    await server?.stop();
  }
}
