// Wires the sync runner to the app: the signed-in session gives the token and scope, browser
// events and local writes trigger it, and its reports feed the status line.

import { effect } from '@preact/signals';
import { createSyncRunner } from '../sync/runner.ts';
import { createApiClient } from '../sync/http.ts';
import { createBlobApi } from '../sync/blobs.ts';
import { db, isOnline, pendingCount } from './app-state.ts';
import { session, forgetSession } from './session.ts';
import { syncStatus } from './sync-status.ts';

let started = false;
let runNow: () => void = () => {};

/** Sync at once (the user's 重试 on a photo). Does nothing before startSync. */
export function syncNow(): void {
  runNow();
}

export function startSync(): void {
  if (started) return;
  started = true;
  const runner = createSyncRunner({
    deps: () => {
      const s = session.value;
      if (!s) return undefined;
      const token = () => session.value?.token;
      return { db, api: createApiClient(fetch.bind(globalThis), '', token), blobs: createBlobApi(fetch.bind(globalThis), '', token), scope: s.me.scope, now: () => new Date() };
    },
    isOnline: () => isOnline.value,
    onStatus: (report) => {
      syncStatus.value = report;
      if (report.needsLogin) void forgetSession();
    },
  });
  runNow = () => void runner.run();
  addEventListener('online', () => void runner.run());
  addEventListener('offline', () => (syncStatus.value = { ...syncStatus.value, phase: 'offline' }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void runner.run();
  });
  // A new session (login) syncs at once; each local write schedules a debounced sync.
  effect(() => {
    if (session.value) void runner.run();
  });
  let lastPending = pendingCount.peek();
  effect(() => {
    const n = pendingCount.value;
    if (n > lastPending) runner.poke();
    lastPending = n;
  });
}
