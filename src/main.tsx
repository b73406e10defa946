// PWA entry: start app state, render, and register the service worker in prompt mode.
import { render } from 'preact';
import { App } from './app.tsx';
import { startAppState } from './state/app-state.ts';
import { startUpdates } from './state/updates.ts';
import './ui/styles.css';

void startAppState();
render(<App />, document.getElementById('app') as HTMLElement);
startUpdates();
