// Wires the sync runner to the app: the signed-in session gives the token and scope, browser
// events and local writes trigger it, and its reports feed the status line.

import { effect } from '@preact/signals';
import { createSyncRunner } from '../sync/runner.ts';
import { createApiClient } from '../sync/http.ts';
import { createBlobApi } from '../sync/blobs.ts';
import { db, isOnline, pendingCount, provideSignedMonths } from './app-state.ts';
import { session, forgetSession, refreshMe } from './session.ts';
import { syncStatus } from './sync-status.ts';
import { lockPhase } from './lock.ts';
import { deviceReport } from './device-report.ts';
import { refreshSignedMonths, signedMonthsForSave } from './month-locks.ts';
import { LockedError } from '../db/crypto-keyring.ts';

let started = false;
let meChecked = false;
let runNow: () => void = () => {};

/** Sync at once (the user's 重试 on a photo). Does nothing before startSync. */
export function syncNow(): void {
  runNow();
}

export function startSync(): void {
  if (started) return;
  started = true;
  provideSignedMonths(signedMonthsForSave);
  const runner = createSyncRunner({
    deps: () => {
      const s = session.value;
      // Pulled records are sealed with the data key: no sync while the device is locked.
      if (!s || lockPhase.value !== 'open') return undefined;
      // Read at each request: a pass that outlives the unlock stops at its next request (the
      // runner waits for the next unlock) rather than calling without a token and being logged out.
      const token = () => {
        if (lockPhase.value !== 'open') throw new LockedError();
        return session.value?.token;
      };
      return { db, api: createApiClient(fetch.bind(globalThis), '', token), blobs: createBlobApi(fetch.bind(globalThis), '', token), scope: s.me.scope, now: () => new Date(), report: deviceReport };
    },
    isOnline: () => isOnline.value,
    onStatus: (report) => {
      syncStatus.value = report;
      // A month signed or unlocked since: the next save on this device knows it, offline too.
      if (report.phase === 'synced') void refreshSignedMonths();
      if (report.needsLogin) void forgetSession();
      // Once per start, and after a refusal: the account's village may have been re-coded on the
      // server (area import). A changed session starts the next pass with the new scope.
      else if ((report.phase === 'synced' && !meChecked) || report.phase === 'error') {
        meChecked = true;
        void refreshMe().catch(() => undefined);
      }
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
    if (session.value && lockPhase.value === 'open') void runner.run();
  });
  let lastPending = pendingCount.peek();
  effect(() => {
    const n = pendingCount.value;
    if (n > lastPending) runner.poke();
    lastPending = n;
  });
}
