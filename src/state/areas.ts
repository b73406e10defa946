// Place names on the work side: the names themselves (kept, looked up, fetched) are state/places.ts,
// which public pages use alone; this adds what needs the account — following the signed-in scope
// or first-run profile to its county, and an administrator setting a county up on the server.

import { effect } from '@preact/signals';
import type { CountySetUp } from '../shared/areas-api.ts';
import { createApiClient } from '../sync/http.ts';
import { profile } from './app-state.ts';
import { session } from './session.ts';
import { fetchCounty, showKeptPlaces } from './places.ts';

export * from './places.ts';

const api = () => createApiClient(fetch.bind(globalThis), '', () => session.value?.token);

let started = false;

/**
 * Reads the kept names, then follows the account (or first-run profile): its county is fetched
 * again at every start and every change of scope, quietly when offline.
 */
export function startPlaces(): void {
  if (started) return;
  started = true;
  void showKeptPlaces();
  let last = '';
  effect(() => {
    const code = session.value?.me.scope || profile.value?.villageCode || '';
    const county = code.slice(0, 6);
    if (county.length !== 6 || county === last) return;
    last = county;
    fetchCounty(county).catch(() => {
      last = ''; // offline or refused: the kept names stay, and the next change tries again
    });
  });
}

/** Sets a county up on the server from the national list (administrator), then keeps its names. */
export async function setUpCounty(county: string): Promise<CountySetUp> {
  const done = await api().post<CountySetUp>('/api/divisions/counties', { county });
  await fetchCounty(county);
  return done;
}
