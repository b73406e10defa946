/// <reference lib="WebWorker" />
// The service worker: precaches the app shell and the guides so everything opens offline after
// the first visit, and serves index.html for app routes. A new version waits until the page
// asks for it (the user tapped "有新版本，点击更新"), so nothing reloads over a half-filled form.

import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// API calls always go to the network: the app's data lives in IndexedDB, not in HTTP caches.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
