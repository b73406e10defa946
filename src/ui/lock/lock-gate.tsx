// Stands in front of every screen that shows personal data (DESIGN.md §Data). The public guides
// and 申请调解 (/guides, /help) stay open: residents use them on their own phones without a PIN.
// Locking unmounts the screens behind the gate, and with them every decrypted value they held.

import type { ComponentChildren } from 'preact';
import { lazy, useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { lockPhase } from '../../state/lock.ts';
import { isPublicPath, startPrivate } from '../../state/start.ts';
import { useEffect } from 'preact/hooks';
import { UnlockScreen } from './unlock-screen.tsx';
import './lock.css';

const SetPinScreen = lazy(() => import('./set-pin-screen.tsx').then((m) => m.SetPinScreen));

export function LockGate(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const phase = lockPhase.value;
  const isPublic = isPublicPath(path);
  // Leaving a public page (where nothing private was started) for a private one starts it now.
  useEffect(() => {
    if (!isPublic) startPrivate();
  }, [isPublic]);
  if (phase === 'open' || isPublic) return <>{p.children}</>;
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
