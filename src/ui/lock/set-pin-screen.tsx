// Setting the PIN: on first run before anything is stored, and once on an older install whose
// records are then sealed in place (the gate shows progress). Entered twice; trivial PINs refused.

import { useState } from 'preact/hooks';
import { t, type CoreMessageKey } from '../../shared/i18n/index.ts';
import { setFirstPin, wipedByFailures } from '../../state/lock.ts';
import { PinPad } from './pin-pad.tsx';

/** 000000, 123456, 987654: the first PINs anyone tries. */
export function isTrivialPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => x - (d[i] as number)));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0] as number);
}

export function SetPinScreen() {
  const [first, setFirst] = useState<string | undefined>(undefined);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CoreMessageKey | undefined>(undefined);

  const complete = async (value: string) => {
    if (first === undefined) {
      if (isTrivialPin(value)) {
        setProblem('lock.set.weak');
      } else {
        setProblem(undefined);
        setFirst(value);
      }
      setPin('');
      return;
    }
    if (value !== first) {
      setProblem('lock.set.mismatch');
      setFirst(undefined);
      setPin('');
      return;
    }
    setBusy(true);
    try {
      await setFirstPin(value);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="lock-screen" aria-labelledby="set-pin-title">
      <h1 id="set-pin-title">{first === undefined ? t('lock.set.title') : t('lock.set.again')}</h1>
      {wipedByFailures.value && <p class="lock-alert">{t('lock.wiped')}</p>}
      <p class="muted">{t('lock.set.intro')}</p>
      <div role="alert">{problem && <p class="lock-alert warn" data-testid="pin-problem">{t(problem)}</p>}</div>
      <PinPad value={pin} onChange={setPin} onComplete={(value) => void complete(value)} disabled={busy} />
    </main>
  );
}
