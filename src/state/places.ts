// Place names for every screen, from the server's area tree of the county a screen needs (the
// signed-in scope, the village picked on first run, a resident's village on /help). Kept on the
// phone in their own store (db/areas.ts) so they show offline and after a reload. Nothing here
// reaches the case database, the session or the lock: /help's village picker is on a public page
// (issue #13), and the area routes it calls are public. The work side adds following the account
// (state/areas.ts). No county is built into the app: until its tree arrived a code is shown as it is.

import { signal } from '@preact/signals';
import type { Area } from '../shared/areas.ts';
import type { AreaRow, CountyChoice, DivisionRow } from '../shared/areas-api.ts';
import { committeeNameOf } from '../shared/areas.ts';
import { areaOfCaseCode } from '../shared/committee-area.ts';
import { loadAreas, loadCountyAreas, replaceCountyAreas, type StoredArea } from '../db/areas.ts';
import { createApiClient } from '../sync/http.ts';

export type { StoredArea };

/** Every area this phone knows, by code. */
export const places = signal<ReadonlyMap<string, StoredArea>>(new Map());

// The area routes answer anyone (server/api/areas.ts): no token.
const api = () => createApiClient(fetch.bind(globalThis), '', () => undefined);

function show(rows: readonly StoredArea[], county?: string): void {
  const next = new Map(county === undefined ? [] : [...places.value].filter(([, a]) => a.county !== county));
  for (const r of rows) next.set(r.code, r);
  places.value = next;
}

/** Fetches a county's whole tree from the server and keeps it; throws the API's error. */
export async function fetchCounty(county: string): Promise<void> {
  const { areas } = await api().get<{ areas: AreaRow[] }>(`/api/areas/tree?county=${county}`);
  show(await replaceCountyAreas(county, areas), county);
}

/** Shows every name kept on the phone (names fetched since stay: they are as new or newer). */
export async function showKeptPlaces(): Promise<void> {
  const rows = await loadAreas();
  show([...rows, ...places.value.values()]);
}

/** True once the phone knows the names of `county`. */
export const hasCounty = (county: string): boolean => [...places.value.values()].some((a) => a.county === county);

/**
 * Makes a county's names available: already in memory, else kept on the phone, else from the
 * server (the first run needs the network once). Throws the API's error when none has them.
 */
export async function ensureCounty(county: string): Promise<void> {
  if (hasCounty(county)) return;
  const kept = await loadCountyAreas(county);
  if (kept.length > 0) return show(kept, county);
  await fetchCounty(county);
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
