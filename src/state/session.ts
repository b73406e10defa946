// The signed-in account on this device. Login needs the network once; afterwards the saved
// session opens the app offline. A mediator's profile (name, village, committee) comes from the
// account, so every case is stamped with what the server will accept.
//
// The token and the account's name are sealed under the PIN key (db/settings.ts): a copy of a
// locked phone's storage holds no usable token. While locked only the role is known (in clear
// beside the sealed session), so the shell can choose its frame; `session` itself is filled at
// the unlock and emptied at the lock.

import { signal } from '@preact/signals';
import { createApiClient, ApiError } from '../sync/http.ts';
import { profile, db, accountUserId } from './app-state.ts';
import { LockedError } from '../db/crypto-keyring.ts';
import { forgetSealedSetting, loadProfile, loadSealedSetting, saveSealedSetting } from '../db/settings.ts';
import { clearCaseData, deviceMeta, resetDevice } from '../db/device.ts';
import { committeeNameOf } from '../shared/areas.ts';
import type { CommitteeRef } from '../shared/committee-area.ts';
import { updateProfile } from './profile.ts';
import { markWorkDevice } from './device-kind.ts';

export type Role = 'mediator' | 'town' | 'county' | 'admin';

export interface Me {
  user: { id: string; username: string; displayName: string };
  role: Role;
  scope: string;
  areaName: string;
  /** A mediator's committees, as the server has them (absent from older servers). */
  committees?: CommitteeRef[];
}

export interface Session {
  token: string;
  expiresAt: string;
  me: Me;
}

const KEY = 'session';
/** The signed-in session, only while the device is unlocked. */
export const session = signal<Session | undefined>(undefined);
/** Someone is signed in on this device, as this role: known while locked too (the shell's frame). */
export const signedInRole = signal<Role | undefined>(undefined);

/** What stays in clear beside the sealed session: the role, nothing that names anyone. */
interface SessionMarker {
  role?: Role;
}

const OWNER_KEY = 'deviceOwner';

const saveSession = (s: Session) => saveSealedSetting<Session, SessionMarker>(KEY, s, { role: s.me.role });

/**
 * Reads the saved session: all of it when unlocked (sealing a session stored in clear by an older
 * version, and dropping that copy), only its role while locked. Called at start and at each unlock.
 */
export async function loadSession(): Promise<void> {
  const read = await loadSealedSetting<Session, SessionMarker>(KEY, (s) => ({ role: s.me.role }));
  // Unlocked while this read ran (the start's read, overtaken by a quick PIN): read it open.
  if (read.state === 'locked' && db.vault.mode === 'open') return loadSession();
  const s = read.state === 'open' ? read.value : undefined;
  session.value = s;
  signedInRole.value = read.state === 'open' ? read.value.me.role : read.state === 'locked' ? read.clear.role : undefined;
  accountUserId.value = s?.me.user.id;
}

/** At the unlock: the session and the profile (both sealed) become readable; whose device it is gets sealed if still in clear. */
export async function openSealedSettings(): Promise<void> {
  await loadSession();
  profile.value = await loadProfile();
  await loadSealedSetting<string, object>(OWNER_KEY, () => ({}));
}

/** At the lock: the token and the names leave memory with the key. */
export function dropSealedSettings(): void {
  session.value = undefined;
  accountUserId.value = undefined;
  profile.value = undefined;
}

async function deviceOwner(): Promise<string | undefined> {
  const read = await loadSealedSetting<string, object>(OWNER_KEY, () => ({}));
  return read.state === 'open' ? read.value : undefined;
}

/** Another account on this phone while its outbox still holds someone else's unsynced work. */
export class DeviceInUseError extends Error {
  constructor(readonly pending: number) {
    super(`本机还有 ${pending} 条未同步的记录属于另一个账号。请先用原账号登录并同步，再换账号。`);
  }
}

const api = () => createApiClient(fetch.bind(globalThis), '', () => session.value?.token);

/**
 * The server opens a session for this phone's clientId only (a token copied elsewhere is
 * refused). A clientId another account synced with, or one that was revoked, gets no session:
 * the phone then starts afresh under a new clientId — never at the price of unsynced records.
 */
async function signIn(username: string, password: string): Promise<Session> {
  const { clientId } = await deviceMeta(db);
  try {
    return await api().post<Session>('/api/auth/login', { username, password, clientId });
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== 'device.foreign' && error.code !== 'device.revoked')) throw error;
    const pending = await db.outbox.count();
    if (pending > 0) throw new DeviceInUseError(pending);
    await resetDevice(db);
    return api().post<Session>('/api/auth/login', { username, password, clientId: (await deviceMeta(db)).clientId });
  }
}

/** Signs in; throws ApiError with the server's Chinese message (wrong password, rate limited…). */
export async function login(username: string, password: string): Promise<Session> {
  const next = await signIn(username, password);
  const owner = await deviceOwner();
  if (owner !== undefined && owner !== next.me.user.id) {
    // The server ties a device to one account; a new account starts from a clean device, but
    // never at the price of someone's unsynced records.
    const pending = await db.outbox.count();
    if (pending > 0) {
      await createApiClient(fetch.bind(globalThis), '', () => next.token).post('/api/auth/logout', {}).catch(() => undefined);
      throw new DeviceInUseError(pending);
    }
    // The server registered this clientId to the new account at login: keep it, drop the cases.
    await clearCaseData(db);
  }
  await saveSealedSetting(OWNER_KEY, next.me.user.id, {});
  await saveSession(next);
  markWorkDevice();
  session.value = next;
  signedInRole.value = next.me.role;
  accountUserId.value = next.me.user.id;
  await adoptProfile(next.me);
  return next;
}

/** A mediator's profile (name, village) is the account's: every new case is stamped with it. */
async function adoptProfile(me: Me): Promise<void> {
  if (me.role !== 'mediator') return;
  const current = profile.value;
  const first = me.committees?.[0];
  await updateProfile({
    name: me.user.displayName,
    villageCode: first?.areaCode ?? me.scope,
    committeeName: first?.name ?? (current?.villageCode === me.scope ? current.committeeName : committeeNameOf(me.areaName)),
    ...(me.committees ? { committees: me.committees } : {}),
  });
}

/**
 * The account as the server has it now. An area import that re-codes a village moves its
 * mediators to the new code on the server; the phone learns it here (called by the sync runner)
 * and stamps new cases with the new code. Offline or refused: keep what we have.
 */
export async function refreshMe(): Promise<void> {
  const s = session.value;
  if (!s) return;
  const res = await fetch('/api/me', { headers: { authorization: `Bearer ${s.token}` } }).catch(() => undefined);
  if (!res?.ok) return;
  const me = (await res.json()) as Me;
  if (session.value?.token !== s.token || (me.scope === s.me.scope && me.areaName === s.me.areaName && me.user.displayName === s.me.user.displayName
    && JSON.stringify(me.committees ?? []) === JSON.stringify(s.me.committees ?? []))) return;
  const next = { ...s, me };
  // Locked meanwhile: keep what is stored; the next pass after the unlock asks again.
  if (session.value !== s) return;
  try {
    await saveSession(next);
  } catch (error) {
    if (error instanceof LockedError) return;
    throw error;
  }
  session.value = next;
  signedInRole.value = me.role;
  await adoptProfile(me);
}

export async function logout(): Promise<void> {
  await api().post('/api/auth/logout', {}).catch((error: unknown) => {
    // Offline logout still forgets the token here; the server lets it expire.
    if (!(error instanceof ApiError)) throw error;
  });
  await forgetSealedSetting(KEY);
  session.value = undefined;
  signedInRole.value = undefined;
  accountUserId.value = undefined;
}

/** Called when the server says the token is no longer valid. */
export async function forgetSession(): Promise<void> {
  await forgetSealedSetting(KEY);
  session.value = undefined;
  signedInRole.value = undefined;
  accountUserId.value = undefined;
}

/**
 * Forgets the account and whom this device belongs to (the device was wiped after ten wrong PINs
 * or a forgotten PIN): cases come back only after a sign-in with the password.
 */
export async function forgetDeviceAccount(): Promise<void> {
  await forgetSealedSetting(KEY);
  await forgetSealedSetting(OWNER_KEY);
  session.value = undefined;
  signedInRole.value = undefined;
  accountUserId.value = undefined;
}
