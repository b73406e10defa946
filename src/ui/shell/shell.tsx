// The frame around every screen. Two places, two frames: the public side (法律指南, 申请调解,
// 找调解员 — public-shell.tsx) and the work side (work-shell.tsx: sync status, the mediator's bottom
// bar). This is the one switch point: a laptop layout (≥ 1024 px, the desk session) plugs in here
// as another frame for the work side, chosen the same way.

import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
<<<<<<< HEAD
import { updateReady } from '../../state/app-state.ts';
import { installUpdate } from '../../state/updates.ts';
import { flash } from '../../state/flash.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { Icon, type IconName } from '../components/icons.tsx';
import { SyncLine } from './sync-line.tsx';
import { session } from '../../state/session.ts';
import { ReviewBadge } from '../review/review-badge.tsx';
import { DeskSwitch } from '../desk/desk-switch.tsx';

interface NavItem {
  href: string;
  label: MessageKey;
  icon: IconName;
  isActive: (path: string) => boolean;
  primary?: boolean;
  /** A count drawn on the icon (e.g. conflicts waiting for a decision). */
  Badge?: FunctionComponent;
}

const nav: NavItem[] = [
  { href: '/', label: 'nav.cases', icon: 'cases', isActive: (p) => p === '/' || p.startsWith('/cases/') },
  { href: '/todo', label: 'nav.todo', icon: 'todo', isActive: (p) => p === '/todo' },
  { href: '/new', label: 'nav.new', icon: 'plus', isActive: (p) => p === '/new', primary: true },
  { href: '/review', label: 'nav.review', icon: 'review', isActive: (p) => p === '/review', Badge: ReviewBadge },
  { href: '/stats', label: 'nav.stats', icon: 'stats', isActive: (p) => p === '/stats' },
  { href: '/me', label: 'nav.me', icon: 'me', isActive: (p) => p === '/me' },
];

/** Staff accounts (司法所, 司法局) get their area's statistics where a mediator has their own. */
const staffStats: NavItem = { href: '/dashboard', label: 'nav.dashboard', icon: 'stats', isActive: (p) => p.startsWith('/dashboard') };

/** Staff who open accounts for the people below them (账号); a mediator manages none. */
const accounts: NavItem = { href: '/accounts', label: 'nav.accounts', icon: 'accounts', isActive: (p) => p.startsWith('/accounts') };
=======
import { deviceKind, rememberPlace } from '../../state/device-kind.ts';
import { placeOf } from '../../state/start.ts';
import { PublicShell } from './public-shell.tsx';
import { WorkShell } from './work-shell.tsx';
>>>>>>> public

export function Shell(p: { children: ComponentChildren }) {
  return <DeskSwitch phone={PhoneShell}>{p.children}</DeskSwitch>;
}

function PhoneShell(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const place = placeOf(path, deviceKind.value);
  // The installed app reopens where its owner last was (home.tsx reads it for ?from=app).
  useEffect(() => rememberPlace(path), [path]);
  return place === 'private' ? <WorkShell>{p.children}</WorkShell> : <PublicShell>{p.children}</PublicShell>;
}
