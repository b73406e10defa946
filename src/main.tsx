// PWA entry: start app state, render, then the saved session and its sync, and register the
// service worker in prompt mode.
import { render } from 'preact';
import { App } from './app.tsx';
import { startAppState } from './state/app-state.ts';
import { loadSession } from './state/session.ts';
import { startSync } from './state/sync.ts';
import { startUpdates } from './state/updates.ts';
import './ui/styles.css';

render(<App />, document.getElementById('app') as HTMLElement);
void startAppState()
  .then(loadSession)
  .then(startSync);
startUpdates();
