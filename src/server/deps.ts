// What the app is built from. Tests inject a clock, a client-IP function and a hook that can hold
// a push open just before it commits (to prove pulls never skip an out-of-order commit).
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Store } from './store/open.ts';
import type { Principal } from './auth/principal.ts';
import { CursorBook } from './sync/cursors.ts';
import { Metrics } from './ops/metrics.ts';
import { SessionCache } from './auth/session-cache.ts';

export interface PushHooks {
  /** Called inside the push transaction after it has taken its server_seq, before COMMIT. */
  beforeCommit?: (info: { clientId: string; serverSeq: number }) => Promise<void>;
}

export interface AppDeps {
  store: Store;
  now?: () => Date;
  /** Shown by /api/health. */
  version?: string;
  /** The built PWA; omitted = no static files (API only). */
  distDir?: string;
  clientIp?: (c: Context) => string;
  hooks?: PushHooks;
  /** Where pulls and pushes note device cursors for compaction (sync/compact.ts). */
  cursors?: CursorBook;
  /** One JSON line per request (index.ts: stdout); omitted = no request log (tests). */
  log?: (line: string) => void;
  /** A bearer token (≥ 20 of A–Z a–z 0–9 _ -) a Prometheus scraper presents at /metrics. */
  metricsToken?: string;
}

export interface Ctx {
  store: Store;
  now: () => Date;
  version: string;
  distDir: string | undefined;
  clientIp: (c: Context) => string;
  hooks: PushHooks;
  cursors: CursorBook;
  metrics: Metrics;
  log: ((line: string) => void) | undefined;
  metricsToken: string | undefined;
  /** Who holds a bearer token, remembered briefly (auth/session-cache.ts). */
  sessions: SessionCache;
}

function socketIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

export function makeCtx(deps: AppDeps): Ctx {
  return {
    store: deps.store,
    now: deps.now ?? (() => new Date()),
    version: deps.version ?? '0.0.0-dev',
    distDir: deps.distDir,
    clientIp: deps.clientIp ?? socketIp,
    hooks: deps.hooks ?? {},
    cursors: deps.cursors ?? new CursorBook(),
    metrics: new Metrics(),
    log: deps.log,
    metricsToken: deps.metricsToken,
    sessions: new SessionCache(() => deps.store.read),
  };
}

/** Hono's per-request variables: the authenticated user, set by requireAuth. */
export type Env = { Variables: { principal: Principal } };
