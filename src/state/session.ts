// The signed-in account on this device. Login needs the network once; afterwards the saved
// session opens the app offline. A mediator's profile (name, village, committee) comes from the
// account, so every case is stamped with what the server will accept.

import { signal } from '@preact/signals';
import { get, set, del } from 'idb-keyval';
import { createApiClient, ApiError } from '../sync/http.ts';
import { profile } from './app-state.ts';
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

export async function loadSession(): Promise<void> {
  session.value = await get<Session>(KEY);
}

const api = () => createApiClient(fetch.bind(globalThis), '', () => session.value?.token);

/** Signs in; throws ApiError with the server's Chinese message (wrong password, rate limited…). */
export async function login(username: string, password: string): Promise<Session> {
  const next = await api().post<Session>('/api/auth/login', { username, password });
  await set(KEY, next);
  session.value = next;
  if (next.me.role === 'mediator') {
    const current = profile.value;
    await updateProfile({
      name: next.me.user.displayName,
      villageCode: next.me.scope,
      committeeName: current?.villageCode === next.me.scope ? current.committeeName : `${next.me.areaName}人民调解委员会`,
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
}

/** Called when the server says the token is no longer valid. */
export async function forgetSession(): Promise<void> {
  await del(KEY);
  session.value = undefined;
}
