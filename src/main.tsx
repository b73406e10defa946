// PWA entry: render, register the service worker in prompt mode, send queued 申请调解. The lock,
// the session and sync start when a private screen is first shown (ui/lock/lock-gate.tsx).
import { hydrate, render } from 'preact';
import { App } from './app.tsx';
import { startUpdates } from './state/updates.ts';
import { deviceKind, hydrateAsPrerendered, settleDeviceKind } from './state/device-kind.ts';
import { placeOf } from './state/start.ts';
import './ui/styles.css';

const root = document.getElementById('app') as HTMLElement;

/**
 * A public page may arrive prerendered (src/build/prerender.ts): take over its DOM instead of
 * drawing it again — but only at the URL it was rendered for and on the side it shows, or the
 * first frame would be the wrong page. `/` is the residents' home only on a device not set up for
 * work, so an older install's kind is settled first (the page stays painted meanwhile); a page
 * hidden by its guard script (another URL, a marked work device) is drawn afresh.
 */
async function start(): Promise<void> {
  const at = location.pathname + location.search;
  const prerendered = root.dataset.prerendered === at && !document.documentElement.hasAttribute('data-blank');
  if (prerendered && location.pathname === '/') await settleDeviceKind();
  // The page is on the screen already: hydrate in a task of its own rather than at the end of the
  // module graph's evaluation, so neither holds a cheap phone's main thread for long (issue #13:
  // total blocking time).
  else if (prerendered) await new Promise((resolve) => setTimeout(resolve));
  if (prerendered && placeOf(location.pathname, deviceKind.value) === 'public') hydrateAsPrerendered(() => hydrate(<App />, root));
  else {
    delete root.dataset.prerendered;
    document.documentElement.removeAttribute('data-blank');
    root.textContent = '';
    render(<App />, root);
  }
}

void start();
startUpdates();
// 申请调解 requests a resident queued offline go out at start and whenever the phone is back online.
void import('./state/mediation-requests.ts').then((m) => m.startRequestQueue());
