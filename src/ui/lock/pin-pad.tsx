// Six dots and a big keypad for the PIN, usable with one thumb at 360 px; a laptop keyboard types
// into it too. Calls onComplete once the sixth digit is in.

import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n/index.ts';
import { PIN_LENGTH } from '../../state/pin-rules.ts';

export interface PinPadProps {
  value: string;
  onChange: (value: string) => void;
  onComplete: (pin: string) => void;
  disabled?: boolean;
  /** The key left of 0 (忘记 PIN？ on the unlock screen). */
  corner?: ComponentChildren;
}

export function PinPad(p: PinPadProps) {
  // Keys can come faster than renders (a quick thumb, a keyboard): build on the latest value.
  const latest = useRef(p.value);
  latest.current = p.value;
  const press = (digit: string) => {
    if (p.disabled || latest.current.length >= PIN_LENGTH) return;
    const next = latest.current + digit;
    latest.current = next;
    p.onChange(next);
    if (next.length === PIN_LENGTH) p.onComplete(next);
  };
  const back = () => {
    if (p.disabled) return;
    latest.current = latest.current.slice(0, -1);
    p.onChange(latest.current);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key >= '0' && e.key <= '9') press(e.key);
      else if (e.key === 'Backspace') back();
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
  const key = (d: string) => (
    <button type="button" class="pin-key" disabled={p.disabled} onClick={() => press(d)}>
      {d}
    </button>
  );
  return (
    <div class="pin">
      <div class="pin-dots" role="img" aria-label={`${t('lock.pin')} ${p.value.length}/${PIN_LENGTH}`} data-testid="pin-dots">
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span class={i < p.value.length ? 'pin-dot on' : 'pin-dot'} />
        ))}
      </div>
      <div class="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(key)}
        <div class="pin-corner">{p.corner}</div>
        {key('0')}
        <button type="button" class="pin-key" disabled={p.disabled || p.value === ''} onClick={back} aria-label={t('lock.delete')}>
          ⌫
        </button>
      </div>
    </div>
  );
}
