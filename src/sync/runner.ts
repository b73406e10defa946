// One sync runner per device: only the tab holding the Web Lock syncs; the others just write to
// the shared outbox. Triggered on start, `online`, page visible, after local writes (debounced)
// and on a timer, with exponential backoff after failures. Reports status through a callback.

import { syncOnce, type SyncDeps, type SyncResult } from './engine.ts';
import { ApiError } from './http.ts';
import { isQuotaError } from '../db/errors.ts';
import { isLockedError } from '../db/crypto-keyring.ts';
import { t } from '../shared/i18n/index.ts';

export type SyncPhase = 'offline' | 'syncing' | 'synced' | 'idle' | 'error';

export interface SyncStatusReport {
  phase: SyncPhase;
  lastSyncedAt?: string;
  lastError?: string;
  /** Set when the server refuses this app version: sync stops, the outbox is kept. */
  needsUpdate?: boolean;
  needsLogin?: boolean;
}

export interface RunnerOptions {
  deps: () => SyncDeps | undefined;
  onStatus: (status: SyncStatusReport) => void;
  onWiped?: () => void;
  isOnline: () => boolean;
  timerMs?: number;
  debounceMs?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export function createSyncRunner(options: RunnerOptions) {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let lastSyncedAt: string | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void run(), ms);
  };

  async function once(deps: SyncDeps): Promise<SyncResult | undefined> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return syncOnce(deps);
    // ifAvailable: another tab already syncs this device; it will pick up our writes.
    return locks.request('shuohe-sync', { ifAvailable: true }, (lock) => (lock ? syncOnce(deps) : undefined));
  }

  async function run(): Promise<void> {
    if (running) return running;
    const deps = options.deps();
    if (!deps) return;
    if (!options.isOnline()) {
      options.onStatus({ phase: 'offline', ...(lastSyncedAt ? { lastSyncedAt } : {}) });
      return;
    }
    options.onStatus({ phase: 'syncing', ...(lastSyncedAt ? { lastSyncedAt } : {}) });
    running = (async () => {
      try {
        const result = await once(deps);
        failures = 0;
        lastSyncedAt = deps.now().toISOString();
        options.onStatus({ phase: 'synced', lastSyncedAt });
        if (result?.wiped) options.onWiped?.();
        schedule(options.timerMs ?? 60_000);
      } catch (error) {
        // The device locked during the pass: nothing failed. The unlock starts the next pass
        // (state/sync.ts), which resumes where this one stopped (the cursor, the outbox).
        if (isLockedError(error)) {
          options.onStatus({ phase: 'idle', ...(lastSyncedAt ? { lastSyncedAt } : {}) });
          return;
        }
        failures++;
        const api = error instanceof ApiError ? error : undefined;
        // A full disk is not a bug to report by its name (QuotaExceededError): say what to do.
        const message = isQuotaError(error) ? t('sync.quota') : (api?.message ?? (error instanceof Error ? error.message : String(error)));
        options.onStatus({
          phase: api?.status === 0 ? 'offline' : 'error', lastError: message,
          ...(lastSyncedAt ? { lastSyncedAt } : {}),
          ...(api?.status === 426 ? { needsUpdate: true } : {}), ...(api?.status === 401 ? { needsLogin: true } : {}),
        });
        // An outdated app or a lost login will not heal by retrying; everything else backs off.
        if (api?.status !== 426 && api?.status !== 401) schedule(Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** (failures - 1)));
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    /** Sync now (app start, `online`, page visible). */
    run,
    /** After a local write: wait for the burst of edits to settle, then sync. */
    poke(): void {
      clearTimeout(debounce);
      debounce = setTimeout(() => void run(), options.debounceMs ?? 2_000);
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(debounce);
    },
  };
}
