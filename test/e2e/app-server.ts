// The real server (Hono over SQLite, demo county seeded) on a free loopback port, serving a copy
// of the built PWA so a test can ship a "new version" by changing that copy.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/server/store/open.ts';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import { addCounty } from '../../src/server/divisions/add-county.ts';

// E2E_DIST lets a developer test a private build while others rebuild dist/.
const built = process.env.E2E_DIST ?? new URL('../../dist', import.meta.url).pathname;

export interface AppServer {
  url: string;
  distDir: string;
  store: Store;
  /** Stops listening (the phone loses the server); `start` again on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `demo: false` starts as DEMO=0 (no areas at all); `counties` are then set up from the national list. */
export async function startAppServer(options: { port?: number; demo?: boolean; counties?: readonly string[] } = {}): Promise<AppServer> {
  const root = mkdtempSync(join(tmpdir(), 'shuohe-e2e-'));
  const distDir = join(root, 'dist');
  cpSync(built, distDir, { recursive: true });
  const store = await openStore({ dataDir: join(root, 'data') });
  await seedIfEmpty(store, { demo: options.demo ?? true });
  for (const county of options.counties ?? []) await addCounty(store, county);
  const app = createApp({ store, distDir, version: 'e2e' });
  let server: ServerType | undefined;
  let port = options.port ?? 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      // Open keep-alive sockets would otherwise keep "the network" up for the browser.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      server = undefined;
    });
  await start();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    distDir,
    store,
    stop,
    start,
    async close() {
      await stop();
      await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
