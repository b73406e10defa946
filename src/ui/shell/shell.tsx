// The frame around every screen. Two places, two frames: the public side (法律指南, 申请调解,
// 找调解员 — public-shell.tsx) and the work side (work-shell.tsx: sync status, the mediator's bottom
// bar). This is the one switch point: a laptop layout (≥ 1024 px, the desk session) plugs in here
// as another frame for the work side, chosen the same way.

import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { deviceKind, rememberPlace } from '../../state/device-kind.ts';
import { placeOf } from '../../state/start.ts';
import { PublicShell } from './public-shell.tsx';
import { WorkShell } from './work-shell.tsx';
import { DeskSwitch } from '../desk/desk-switch.tsx';

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
  return work ? <WorkShell>{p.children}</WorkShell> : <PublicShell>{p.children}</PublicShell>;
}
