// Starting the case machinery: the lock (and with it the database), the saved session, the rest
// of the catalogue and the sync engine. A resident who opens a shared guide link or /help needs
// none of it, so it starts when a private screen is first shown (ui/lock/lock-gate.tsx): on a
// public page the guide paints and settles fast on a cheap phone.

import { signal } from '@preact/signals';
import { startAppState } from './app-state.ts';
import { startLock } from './lock.ts';
import { loadSession } from './session.ts';
import type { DeviceKind } from './device-kind.ts';

/** The pages anyone may open without a PIN or an account, on any device. */
export const isPublicPath = (path: string): boolean => /^\/(guides|help|contacts)(\/|$)/.test(path);

/**
 * Which side a path is on for this device. public: the residents' frame, nothing private starts
 * (the guides, 申请调解, 找调解员, and `/` on a device not set up for work); deciding: `/` while an
 * older install's kind is read; private: behind the lock, in the work frame.
 */
export type Place = 'public' | 'deciding' | 'private';

export function placeOf(path: string, kind: DeviceKind): Place {
  if (isPublicPath(path)) return 'public';
  if (path !== '/') return 'private';
  return kind === 'checking' ? 'deciding' : kind === 'work' ? 'private' : 'public';
}

/** False on a public page until a private screen is shown: nothing is known of sync until then. */
export const privateStarted = signal(false);

export function startPrivate(): void {
  if (privateStarted.value) return;
  privateStarted.value = true;
  // Whether a PIN exists decides the first screen; sync waits for the unlock. The session is read
  // after it: once a PIN exists only its role is readable before the unlock (state/session.ts).
  // Screens decide on first run vs. signed-in staff once the profile is loaded.
  void startLock()
    .then(loadSession)
    .then(startAppState)
    .then(() => import('./areas.ts'))
    .then((m) => m.startPlaces())
    .then(() => import('./referrals.ts'))
    .then((m) => m.startReferralTargets())
    .then(() => import('../shared/i18n/later.ts'))
    .then(() => import('./sync.ts'))
    .then((m) => m.startSync());
}
