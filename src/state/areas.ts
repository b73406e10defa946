// Place names for every screen, from the server's area tree of the county the phone works in (the
// signed-in scope, or the village picked on first run). Kept in IndexedDB (db/areas.ts) so they
// show offline and after a reload; refreshed from the server whenever the app starts online.
// No county is built into the app: until its tree arrived a code is shown as it is.

import { effect, signal } from '@preact/signals';
import type { Area } from '../shared/areas.ts';
import type { AreaRow, CountyChoice, CountySetUp, DivisionRow } from '../shared/areas-api.ts';
import { committeeNameOf } from '../shared/areas.ts';
import { areaOfCaseCode } from '../shared/committee-area.ts';
import { loadAreas, loadCountyAreas, replaceCountyAreas, type StoredArea } from '../db/areas.ts';
import { createApiClient } from '../sync/http.ts';
import { db, profile } from './app-state.ts';
import { session } from './session.ts';

/** Every area this phone knows, by code. */
export const places = signal<ReadonlyMap<string, StoredArea>>(new Map());

const api = () => createApiClient(fetch.bind(globalThis), '', () => session.value?.token);

function show(rows: readonly StoredArea[], county?: string): void {
  const next = new Map(county === undefined ? [] : [...places.value].filter(([, a]) => a.county !== county));
  for (const r of rows) next.set(r.code, r);
  places.value = next;
}

/** Fetches a county's whole tree from the server and keeps it; throws the API's error. */
export async function fetchCounty(county: string): Promise<void> {
  const { areas } = await api().get<{ areas: AreaRow[] }>(`/api/areas/tree?county=${county}`);
  show(await replaceCountyAreas(db, county, areas), county);
}

/** True once the phone knows the names of `county`. */
export const hasCounty = (county: string): boolean => [...places.value.values()].some((a) => a.county === county);

/**
 * Makes a county's names available: already in memory, else kept on the phone, else from the
 * server (the first run needs the network once). Throws the API's error when none has them.
 */
export async function ensureCounty(county: string): Promise<void> {
  if (hasCounty(county)) return;
  const kept = await loadCountyAreas(db, county);
  if (kept.length > 0) return show(kept, county);
  await fetchCounty(county);
}

let started = false;

/**
 * Reads the kept names, then follows the account (or first-run profile): its county is fetched
 * again at every start and every change of scope, quietly when offline.
 */
export function startPlaces(): void {
  if (started) return;
  started = true;
  void loadAreas(db).then((rows) => show([...rows, ...places.value.values()]));
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

export function areaName(code: string): string {
  return places.value.get(code)?.name ?? code;
}

/** "麦新镇 麦新村委会": a village with its town. */
export function placeName(villageCode: string): string {
  // A case held by a town's or the county's committee sits at that area (committee-area.ts).
  const area = areaOfCaseCode(villageCode);
  if (area !== villageCode) return areaName(area);
  return `${areaName(villageCode.slice(0, 9))} ${areaName(villageCode)}`;
}

/** "麦新镇 麦新村委会" once the phone knows the names, else undefined (never a bare code in a list). */
export function knownPlaceName(villageCode: string): string | undefined {
  return places.value.has(areaOfCaseCode(villageCode)) ? placeName(villageCode) : undefined;
}

/** The village's committee as the server has it, else the default name (人民调解法 Art 8). */
export function committeeOf(villageCode: string): string {
  const area = places.value.get(villageCode);
  return area?.committee ?? committeeNameOf(area?.name ?? villageCode);
}

const current = (a: StoredArea) => a.validTo === null;
const byCode = (a: Area, b: Area) => a.code.localeCompare(b.code);

/** The areas directly under `parent` that are in use now (towns of a county, villages of a town). */
export function childrenOf(parent: string): StoredArea[] {
  return [...places.value.values()].filter((a) => a.parent === parent && current(a)).sort(byCode);
}

/** Villages of a county whose name contains `text`. */
export function searchVillages(county: string, text: string): StoredArea[] {
  const needle = text.trim();
  if (needle === '') return [];
  return [...places.value.values()].filter((a) => a.level === 'village' && a.county === county && current(a) && a.name.includes(needle)).sort(byCode);
}

/** The counties set up on the server, each with its 省 and 市 (the first-run picker). */
export async function setUpCounties(): Promise<CountyChoice[]> {
  return (await api().get<{ areas: CountyChoice[] }>('/api/areas')).areas;
}

/** One level of the national list: 省, or the 市 of a 省, or the 县 of a 市 (administrator). */
export async function nationalDivisions(parent?: string): Promise<DivisionRow[]> {
  return (await api().get<{ divisions: DivisionRow[] }>(`/api/divisions${parent ? `?parent=${parent}` : ''}`)).divisions;
}

/** Sets a county up on the server from the national list (administrator), then keeps its names. */
export async function setUpCounty(county: string): Promise<CountySetUp> {
  const done = await api().post<CountySetUp>('/api/divisions/counties', { county });
  await fetchCounty(county);
  return done;
}
