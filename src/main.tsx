// PWA entry: start app state, render, then the saved session and its sync, and register the
// service worker in prompt mode.
import { render } from 'preact';
import { App } from './app.tsx';
import { startAppState } from './state/app-state.ts';
import { loadSession } from './state/session.ts';
import { startUpdates } from './state/updates.ts';
import './ui/styles.css';

render(<App />, document.getElementById('app') as HTMLElement);
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
