// Stands in front of every screen that shows personal data (DESIGN.md §Data). The public side
// (state/start.ts placeOf) stays open: residents use it on their own phones without a PIN.
// Locking unmounts the screens behind the gate, and with them every decrypted value they held.

import type { ComponentChildren } from 'preact';
import { lazy, useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { lockPhase } from '../../state/lock.ts';
import { placeOf, startPrivate } from '../../state/start.ts';
import { deviceKind, settleDeviceKind } from '../../state/device-kind.ts';
import { session } from '../../state/session.ts';
import { useEffect } from 'preact/hooks';
import { UnlockScreen } from './unlock-screen.tsx';
import './lock.css';

const SetPinScreen = lazy(() => import('./set-pin-screen.tsx').then((m) => m.SetPinScreen));

/**
 * A device without a PIN and without an account shows the sign-in form before the PIN: staff who
 * tap 工作人员登录 on a fresh laptop or phone meet the form they came for, not a PIN pad. The form
 * shows nothing personal, and nothing is synced until a PIN seals the device: once signed in the
 * session exists, so this gate asks for the PIN on the very next screen.
 */
const signInFirst = (path: string, phase: string): boolean => path === '/login' && phase === 'setPin' && session.value === undefined;

export function LockGate(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const phase = lockPhase.value;
  const place = placeOf(path, deviceKind.value);
  // Leaving a public page (where nothing private was started) for a private one starts it now.
  useEffect(() => {
    if (place === 'deciding') void settleDeviceKind();
    if (place === 'private') startPrivate();
  }, [place]);
  if (place === 'deciding') return <main class="lock-screen" />;
  if (phase === 'open' || place === 'public' || signInFirst(path, phase)) return <>{p.children}</>;
  switch (phase) {
    case 'locked':
      return <UnlockScreen />;
    case 'setPin':
      return <SetPinScreen />;
    case 'sealing':
      return (
        <main class="lock-screen">
          <p role="status">{t('lock.sealing')}</p>
        </main>
      );
    default:
      return <main class="lock-screen" />;
  }
}
