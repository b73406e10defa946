// The first screen of a locked device: the PIN, a clear count of what wrong PINs will do, and the
// way out for a forgotten PIN.

import { useState } from 'preact/hooks';
import { lazy } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { enterPin, pinFailures, pinsLeft } from '../../state/lock.ts';
import { WARN_PIN_FAILURES } from '../../state/pin-rules.ts';
import { PinPad } from './pin-pad.tsx';

const ForgotPin = lazy(() => import('./forgot-pin.tsx').then((m) => m.ForgotPin));

export function UnlockScreen() {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(false);
  const [forgot, setForgot] = useState(false);
  if (forgot) return <ForgotPin onBack={() => setForgot(false)} />;

  const submit = async (value: string) => {
    setBusy(true);
    setWrong(false);
    try {
      const answer = await enterPin(value);
      if (answer !== 'ok') {
        setWrong(answer === 'wrong');
        setPin('');
      }
    } finally {
      setBusy(false);
    }
  };
  const failures = pinFailures.value;
  return (
    <main class="lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">{t('lock.title')}</h1>
      <p class="muted">{t('lock.intro')}</p>
      <div role="alert">
        {failures >= WARN_PIN_FAILURES ? (
          <p class="lock-alert" data-testid="pin-warning">{t('lock.warn', { n: failures, left: pinsLeft() })}</p>
        ) : wrong ? (
          <p class="lock-alert warn" data-testid="pin-wrong">{t('lock.wrong')}</p>
        ) : null}
      </div>
      <p class="muted" aria-live="polite">{busy ? t('lock.checking') : ''}</p>
      <PinPad
        value={pin}
        onChange={setPin}
        onComplete={(value) => void submit(value)}
        disabled={busy}
        corner={
          <button type="button" class="button link" onClick={() => setForgot(true)}>
            {t('lock.forgot')}
          </button>
        }
      />
    </main>
  );
}
