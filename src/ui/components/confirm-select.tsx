// A <select> that applies its choice on confirmation: a click in the open list, Enter, or leaving
// the field. Arrow keys on a closed select fire "change" at every step in Chromium; applying each
// of them would reload a screen per keystroke and drop the keyboard user's focus.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export function ConfirmSelect(p: {
  id?: string;
  value: string;
  onConfirm: (value: string) => void;
  children: ComponentChildren;
  'aria-label'?: string;
  'data-testid'?: string;
  disabled?: boolean;
}) {
  const [value, setValue] = useState(p.value);
  const keyed = useRef(false);
  useEffect(() => setValue(p.value), [p.value]);
  const confirm = (next: string) => {
    if (next !== p.value) p.onConfirm(next);
  };
  return (
    <select
      id={p.id}
      value={value}
      disabled={p.disabled}
      aria-label={p['aria-label']}
      data-testid={p['data-testid']}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          confirm(e.currentTarget.value);
        } else if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || (e.key.length === 1 && e.key !== ' ')) {
          keyed.current = true;
        }
      }}
      onChange={(e) => {
        setValue(e.currentTarget.value);
        // A change from the keyboard waits for Enter or blur; a pick with the pointer applies now.
        if (!keyed.current) confirm(e.currentTarget.value);
        keyed.current = false;
      }}
      onBlur={(e) => confirm(e.currentTarget.value)}
    >
      {p.children}
    </select>
  );
}
