// `/`: the residents' home on a device not set up for work (public-home.tsx), the work home on a
// work device — the mediator's case list, or the staff's work on their first arrival (state/
// home.ts). Opened from the installed icon (start_url `/?from=app`) it goes back to the page its
// owner had open last.

import { useEffect, useState } from 'preact/hooks';
import { lazy, useLocation } from 'preact-iso';
import type { FunctionComponent } from 'preact';
import { deviceKind, lastPlace } from '../../state/device-kind.ts';
import { session } from '../../state/session.ts';
import { phoneLanding } from '../../state/home.ts';
import { ifStillOn } from './late-route.ts';

const PublicHome = lazy(() => Promise.all([import('../../shared/i18n/later.ts'), import('./public-home.tsx')]).then(([, m]) => m.PublicHome));

/** Staff are taken to their work once per app start; after that 案件 (`/`) is the case list. */
let landed = false;

/** `land`: whether staff are sent on to their work (on a phone; the desk has its own start). */
export function Home(p: { CaseList: FunctionComponent; land: boolean }) {
  const { query, route } = useLocation();
  const kind = deviceKind.value;
  const role = session.value?.me.role;
  const back = query.from === 'app' ? lastPlace() : undefined;
  const [landing, setLanding] = useState(false);

  useEffect(() => {
    if (back && back !== '/') route(back, true);
  }, [back]);

  // Only the bare home lands: `/?tab=…` (a tab, a filter) is the case list asked for by name.
  const isBare = Object.keys(query).every((k) => k === 'from');
  useEffect(() => {
    if (!p.land || kind !== 'work' || !role || role === 'mediator' || landed || !isBare) return;
    landed = true;
    setLanding(true);
    void phoneLanding(role).then((to) => {
      if (!to || !ifStillOn('/', () => route(to, true))) setLanding(false);
    });
  }, [kind, role, isBare, p.land]);

  if (back && back !== '/') return null;
  if (kind !== 'work') return <PublicHome />;
  if (landing) return null;
  return <p.CaseList />;
}
