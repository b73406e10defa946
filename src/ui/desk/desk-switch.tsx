// The one switch between the phone frame and the desk frame (desk-mode.ts decides). The desk is a
// lazy chunk with its own strings; until it has loaded, the screen shows in a bare <main> rather
// than flashing the phone's tab bar on a laptop.

import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isDesk } from './desk-mode.ts';

type Frame = FunctionComponent<{ children: ComponentChildren }>;
let loaded: Frame | undefined;

export function DeskSwitch(p: { phone: Frame; children: ComponentChildren }) {
  const desk = isDesk();
  const [Desk, setDesk] = useState<Frame | undefined>(() => loaded);
  useEffect(() => {
    if (!desk || Desk) return;
    void Promise.all([import('../../shared/i18n/later.ts'), import('./desk-shell.tsx')]).then(([, m]) => {
      loaded = m.DeskShell;
      setDesk(() => m.DeskShell);
    });
  }, [desk]);
  if (!desk) return <p.phone>{p.children}</p.phone>;
  if (!Desk) return <main id="main" tabIndex={-1}>{p.children}</main>;
  return <Desk>{p.children}</Desk>;
}
