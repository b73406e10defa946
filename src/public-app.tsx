// The public side on its own (the residents' home, 法律指南, 申请调解, 找调解员): what a prerendered
// public page hydrates (public-main.tsx). It draws the same DOM as <App/> at these URLs — app.tsx's
// lock gate adds no element on a public page, and its shell picks PublicShell — but it never loads
// the lock, the session or the case database: a resident's phone opening a shared guide link
// evaluates none of that (issue #13: total blocking time). Any other URL is the work side: the
// page is loaded again and the full app (main.tsx) takes over.

import { useEffect } from 'preact/hooks';
import { LocationProvider, Router, Route, lazy, ErrorBoundary, useLocation } from 'preact-iso';
import { PublicShell } from './ui/shell/public-shell.tsx';
import { deviceKind, rememberPlace, settleDeviceKind } from './state/device-kind.ts';

/** A public screen: waits for the public side's part of the catalogue (i18n/public-later.ts). */
function screen<T>(load: () => Promise<T>): Promise<T> {
  return Promise.all([import('./shared/i18n/public-later.ts'), load()]).then(([, m]) => m);
}

const PublicHome = lazy(() => screen(() => import('./ui/shell/public-home.tsx')).then((m) => m.PublicHome));
const GuidesScreen = lazy(() => screen(() => import('./ui/guides/guides-screen.tsx')).then((m) => m.GuidesScreen));
const GuideScreen = lazy(() => screen(() => import('./ui/guides/guide-screen.tsx')).then((m) => m.GuideScreen));
const HelpScreen = lazy(() => screen(() => import('./ui/guides/help-screen.tsx')).then((m) => m.HelpScreen));
const ContactsScreen = lazy(() => screen(() => import('./ui/guides/contacts-screen.tsx')).then((m) => m.ContactsScreen));

/** The work side: the URL has changed already; loading it again starts the full app. */
function Elsewhere() {
  useEffect(() => location.reload(), []);
  return null;
}

/** `/` is the residents' home only on a device not set up for work (ui/shell/home.tsx). */
function Home() {
  const kind = deviceKind.value;
  useEffect(() => void settleDeviceKind(), []);
  if (kind === 'public') return <PublicHome />;
  return kind === 'work' ? <Elsewhere /> : null;
}

function Remember() {
  const { path } = useLocation();
  // The installed app reopens where its owner last was (as ui/shell/shell.tsx does).
  useEffect(() => rememberPlace(path), [path]);
  return null;
}

export function PublicApp() {
  return (
    <LocationProvider>
      <ErrorBoundary>
        <PublicShell>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/guides" component={GuidesScreen} />
            <Route path="/guides/:slug" component={GuideScreen} />
            <Route path="/help" component={HelpScreen} />
            <Route path="/contacts" component={ContactsScreen} />
            <Route default component={Elsewhere} />
          </Router>
        </PublicShell>
        <Remember />
      </ErrorBoundary>
    </LocationProvider>
  );
}
