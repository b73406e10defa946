// Entry of a prerendered public page (src/build/prerender.ts boots it once the page has painted):
// hydrates the public side alone (public-app.tsx), registers the service worker so the guides and
// the request form work offline from then on, and sends queued 申请调解. The work side's entry is
// main.tsx; a prerendered page its guard hid (the shell at another URL, a work device) boots that.
import { hydrate } from 'preact';
import { PublicApp } from './public-app.tsx';
import { deviceKind, hydrateAsPrerendered, settleDeviceKind } from './state/device-kind.ts';

const root = document.getElementById('app') as HTMLElement;

async function start(): Promise<void> {
  // `/` on an older work install (set up before the device mark): the work home, from main.tsx.
  if (location.pathname === '/') {
    await settleDeviceKind();
    if (deviceKind.value === 'work') return location.reload();
  }
  hydrateAsPrerendered(() => hydrate(<PublicApp />, root));
}

void start();
// Registered after the page's load event (vite-plugin-pwa's default): it precaches the whole app,
// the work side included. The public side has no update banner: a new version simply takes over
// at the next start.
if ('serviceWorker' in navigator && !import.meta.env.DEV) void import('virtual:pwa-register').then(({ registerSW }) => registerSW({}));
void import('./state/mediation-requests.ts').then((m) => m.startRequestQueue());
