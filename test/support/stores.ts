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

/** Closes every store this file opened and stops its PostgreSQL (call from afterAll). */
export async function closeTestStores(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (pgServer) {
    const server = await pgServer.catch(() => undefined);
    pgServer = undefined;
    await server?.stop();
  }
}
