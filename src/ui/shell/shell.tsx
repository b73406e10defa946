// The frame around every screen. Two places, two frames: the public side (法律指南, 申请调解,
// 找调解员 — public-shell.tsx) and the work side (work-shell.tsx: sync status, the mediator's bottom
// bar). This is the one switch point: a laptop layout (≥ 1024 px, the desk session) plugs in here
// as another frame for the work side, chosen the same way.

import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { effect } from '@preact/signals';
import { deviceKind, rememberPlace } from '../../state/device-kind.ts';
import { placeOf } from '../../state/start.ts';
import { PublicShell } from './public-shell.tsx';
import { DeskSwitch } from '../desk/desk-switch.tsx';

type Frame = FunctionComponent<{ children: ComponentChildren }>;

// The work frame (sync line, tab bar, review badge) is a chunk of its own, out of the first paint
// (issue #13's 60 KB budget): a public phone never needs it, and a work phone opens on the PIN
// pad, which it does not frame. A work device asks for it at once, so it is there before the PIN
// is typed; until it is, the screen shows in a bare <main> (as desk-switch.tsx does for the desk).
// It uses core messages only, like the case list (test/unit/first-paint-messages.test.ts).
let workShell: Frame | undefined;
let loading: Promise<Frame> | undefined;
const loadWorkShell = (): Promise<Frame> =>
  (loading ??= import('./work-shell.tsx').then((m) => (workShell = m.WorkShell)));
effect(() => {
  if (deviceKind.value === 'work') void loadWorkShell();
});

export function Shell(p: { children: ComponentChildren }) {
  return <DeskSwitch phone={PhoneShell}>{p.children}</DeskSwitch>;
}

function PhoneShell(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const place = placeOf(path, deviceKind.value);
  // The installed app reopens where its owner last was (home.tsx reads it for ?from=app).
  useEffect(() => rememberPlace(path), [path]);
  // Signing in on a device not yet used for work happens in the residents' frame: the work tab bar
  // would only lead to the PIN pad before there is an account.
  const work = place === 'private' && !(path === '/login' && deviceKind.value !== 'work');
  const [Work, setWork] = useState<Frame | undefined>(() => workShell);
  useEffect(() => {
    if (work && !Work) void loadWorkShell().then((frame) => setWork(() => frame));
  }, [work]);
  if (!work) return <PublicShell>{p.children}</PublicShell>;
  return Work ? <Work>{p.children}</Work> : <main id="main" tabIndex={-1}>{p.children}</main>;
}
