// App updates in prompt mode: a new service worker waits until the user taps the banner.
// Forms keep their drafts in idb-keyval as they are typed, so the reload that follows loses
// nothing; `beforeUpdate` hooks let an open form flush its last keystrokes first.

import { updateReady } from './app-state.ts';

let applyUpdate: ((reload?: boolean) => Promise<void>) | undefined;
const flushers = new Set<() => Promise<void>>();

export function startUpdates(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  void import('virtual:pwa-register').then(({ registerSW }) => {
    applyUpdate = registerSW({
      onNeedRefresh: () => (updateReady.value = true),
      onRegisteredSW: (_url, registration) => {
        // Phones keep a PWA open for days: look for a new version hourly and when online returns.
        if (!registration) return;
        setInterval(() => void registration.update(), 60 * 60 * 1000);
        addEventListener('online', () => void registration.update());
      },
    });
  });
}

/** A form registers a flush of its draft; returns the unregister function. */
export function onBeforeUpdate(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

export async function installUpdate(): Promise<void> {
  await Promise.all([...flushers].map((flush) => flush()));
  await applyUpdate?.(true);
}
