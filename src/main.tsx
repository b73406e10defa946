// PWA entry: render, register the service worker in prompt mode, send queued 申请调解. The lock,
// the session and sync start when a private screen is first shown (ui/lock/lock-gate.tsx).
import { hydrate, render } from 'preact';
import { App } from './app.tsx';
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
startUpdates();
// 申请调解 requests a resident queued offline go out at start and whenever the phone is back online.
void import('./state/mediation-requests.ts').then((m) => m.startRequestQueue());
