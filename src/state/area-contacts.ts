// Who a resident can call: the village's 调委会, the town's 司法所 and the people in the county
// registry, fetched from the public API when online and kept in idb-keyval per village, so the
// last answer is there with no signal. Also remembers which village the resident picked (a code,
// no personal data) so /help opens on it next time.

import { signal } from '@preact/signals';
import { get, set } from 'idb-keyval';
import * as v from 'valibot';
import { isVillageCode } from '../shared/areas.ts';
import { AreaContactsSchema, contactsPath, type AreaContacts } from '../shared/public-api.ts';

export type ContactsView =
  | { readonly status: 'idle' | 'loading' | 'none'; readonly villageCode: string }
  | { readonly status: 'fresh' | 'cached'; readonly villageCode: string; readonly contacts: AreaContacts };

const VILLAGE_KEY = 'help.village';
const cacheKey = (villageCode: string) => `help.contacts.${villageCode}`;
const TIMEOUT_MS = 10_000;

export const helpVillage = signal('');
export const contacts = signal<ContactsView>({ status: 'idle', villageCode: '' });

/** Restores the village picked last time (if any); resolves once it is set, before its contacts arrive. */
export async function restoreHelpVillage(): Promise<void> {
  const stored = await get<unknown>(VILLAGE_KEY).catch(() => undefined);
  if (helpVillage.value === '' && typeof stored === 'string' && isVillageCode(stored)) void chooseHelpVillage(stored);
}

export async function chooseHelpVillage(villageCode: string): Promise<void> {
  helpVillage.value = villageCode;
  void set(VILLAGE_KEY, villageCode).catch(() => undefined);
  contacts.value = { status: 'loading', villageCode };
  const cached = await readCache(villageCode);
  if (cached) show({ status: 'cached', villageCode, contacts: cached });
  const fresh = await fetchContacts(villageCode);
  if (fresh) {
    show({ status: 'fresh', villageCode, contacts: fresh });
    await set(cacheKey(villageCode), fresh).catch(() => undefined);
  } else if (!cached) {
    show({ status: 'none', villageCode });
  }
}

// A slow answer for a village the resident has since changed away from must not replace the new one.
function show(view: ContactsView): void {
  if (helpVillage.value === view.villageCode) contacts.value = view;
}

async function readCache(villageCode: string): Promise<AreaContacts | undefined> {
  const stored = await get<unknown>(cacheKey(villageCode)).catch(() => undefined);
  const parsed = v.safeParse(AreaContactsSchema, stored);
  return parsed.success ? parsed.output : undefined;
}

/** undefined when offline, refused, or not the answer we expect (e.g. an HTML page from a proxy). */
async function fetchContacts(villageCode: string): Promise<AreaContacts | undefined> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return undefined;
  try {
    const res = await fetch(contactsPath(villageCode), { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) return undefined;
    const parsed = v.safeParse(AreaContactsSchema, await res.json());
    return parsed.success && parsed.output.villageCode === villageCode ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}
