// The signed-in account on this device. Login needs the network once; afterwards the saved
// session opens the app offline. A mediator's profile (name, village, committee) comes from the
// account, so every case is stamped with what the server will accept.

import { signal } from '@preact/signals';
import { get, set, del } from 'idb-keyval';
import { createApiClient, ApiError } from '../sync/http.ts';
import { profile, db, accountUserId } from './app-state.ts';
import { resetDevice } from '../db/device.ts';
import { committeeNameOf } from '../shared/areas.ts';
import { updateProfile } from './profile.ts';

export type Role = 'mediator' | 'town' | 'county' | 'admin';

export interface Me {
  user: { id: string; username: string; displayName: string };
  role: Role;
  scope: string;
  areaName: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  me: Me;
}

const KEY = 'session';
export const session = signal<Session | undefined>(undefined);

const OWNER_KEY = 'deviceOwner';

export async function loadSession(): Promise<void> {
  session.value = await get<Session>(KEY);
  accountUserId.value = session.value?.me.user.id;
}

/** Another account on this phone while its outbox still holds someone else's unsynced work. */
export class DeviceInUseError extends Error {
  constructor(readonly pending: number) {
    super(`本机还有 ${pending} 条未同步的记录属于另一个账号。请先用原账号登录并同步，再换账号。`);
  }
}

const api = () => createApiClient(fetch.bind(globalThis), '', () => session.value?.token);

/** Signs in; throws ApiError with the server's Chinese message (wrong password, rate limited…). */
export async function login(username: string, password: string): Promise<Session> {
  const next = await api().post<Session>('/api/auth/login', { username, password });
  const owner = await get<string>(OWNER_KEY);
  if (owner !== undefined && owner !== next.me.user.id) {
    // The server ties a device to one account; a new account starts from a clean device, but
    // never at the price of someone's unsynced records.
    const pending = await db.outbox.count();
    if (pending > 0) {
      await createApiClient(fetch.bind(globalThis), '', () => next.token).post('/api/auth/logout', {}).catch(() => undefined);
      throw new DeviceInUseError(pending);
    }
    await resetDevice(db);
  }
  await set(OWNER_KEY, next.me.user.id);
  await set(KEY, next);
  session.value = next;
  accountUserId.value = next.me.user.id;
  if (next.me.role === 'mediator') {
    const current = profile.value;
    await updateProfile({
      name: next.me.user.displayName,
      villageCode: next.me.scope,
      committeeName: current?.villageCode === next.me.scope ? current.committeeName : committeeNameOf(next.me.areaName),
    });
  }
  return next;
}

export async function logout(): Promise<void> {
  await api().post('/api/auth/logout', {}).catch((error: unknown) => {
    // Offline logout still forgets the token here; the server lets it expire.
    if (!(error instanceof ApiError)) throw error;
  });
  await del(KEY);
  session.value = undefined;
  accountUserId.value = undefined;
}

/** Called when the server says the token is no longer valid. */
export async function forgetSession(): Promise<void> {
  await del(KEY);
  session.value = undefined;
  accountUserId.value = undefined;
}
