/// <reference lib="WebWorker" />
// The service worker: precaches the app shell and the guides so everything opens offline after
// the first visit, and serves index.html for app routes. A new version waits until the page
// asks for it (the user tapped "有新版本，点击更新"), so nothing reloads over a half-filled form.

import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// API calls always go to the network: the app's data lives in IndexedDB, not in HTTP caches.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// 扫描身份证's OCR models and WebAssembly runtime (~30 MB): never precached, since most visits
// never scan; kept after the first scan so the next one works offline. Their names never change
// within one cache (the wasm is content-hashed, the models are replaced only by a new package
// version, which comes with a new cache name below).
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && (url.pathname.startsWith('/ocr/') || /^\/assets\/ort-wasm[^/]*\.wasm$/.test(url.pathname)),
  new CacheFirst({ cacheName: 'shuohe-ocr-v1' }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
