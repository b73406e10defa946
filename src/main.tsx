// PWA entry: start app state, render, then the saved session and its sync, and register the
// service worker in prompt mode.
import { hydrate, render } from 'preact';
import { App } from './app.tsx';
import { startAppState } from './state/app-state.ts';
import { loadSession } from './state/session.ts';
import { startLock } from './state/lock.ts';
import { startUpdates } from './state/updates.ts';
import './ui/styles.css';

const root = document.getElementById('app') as HTMLElement;
// A guide page arrives prerendered (src/build/prerender.ts): take over its DOM instead of drawing
// it again — but only at the URL it was rendered for, or the first frame would be the wrong page.
if (root.dataset.prerendered === location.pathname + location.search) hydrate(<App />, root);
else {
  root.textContent = '';
  render(<App />, root);
}
// Whether a PIN exists decides the first screen (ui/lock/lock-gate.tsx); sync waits for the unlock.
void startLock();
// The sync engine is not needed for the first paint: it loads right after, from cache offline.
// The session first: screens decide on first run vs. signed-in staff once the profile is loaded.
void loadSession()
  .then(startAppState)
  .then(() => import('./shared/i18n/later.ts'))
  .then(() => import('./state/sync.ts'))
  .then((m) => m.startSync());
startUpdates();
// 申请调解 requests a resident queued offline go out at start and whenever the phone is back online.
void import('./state/mediation-requests.ts').then((m) => m.startRequestQueue());
