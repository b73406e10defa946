// Stands in front of every screen that shows personal data (DESIGN.md §Data). The public guides
// and 申请调解 (/guides, /help) stay open: residents use them on their own phones without a PIN.
// Locking unmounts the screens behind the gate, and with them every decrypted value they held.

import type { ComponentChildren } from 'preact';
import { lazy, useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { lockPhase } from '../../state/lock.ts';
import { UnlockScreen } from './unlock-screen.tsx';
import './lock.css';

const SetPinScreen = lazy(() => import('./set-pin-screen.tsx').then((m) => m.SetPinScreen));

const isPublic = (path: string) => /^\/(guides|help)(\/|$)/.test(path);

export function LockGate(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const phase = lockPhase.value;
  if (phase === 'open' || isPublic(path)) return <>{p.children}</>;
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
