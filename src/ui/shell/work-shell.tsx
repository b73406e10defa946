// The work side's frame on a phone: app name, sync status and the update banner on top; the
// one-handed bottom navigation with 受理 in the middle; the aria-live line for confirmations,
// drawn in the header's flow so it never covers a tab or a button.

import type { ComponentChildren, FunctionComponent } from 'preact';
import { useLocation } from 'preact-iso';
import { updateReady } from '../../state/app-state.ts';
import { installUpdate } from '../../state/updates.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { Icon, type IconName } from '../components/icons.tsx';
import { SyncLine } from './sync-line.tsx';
import { signedInRole } from '../../state/session.ts';
import { ReviewBadge } from '../review/review-badge.tsx';
import { FlashLine } from './flash-line.tsx';
import type { Role } from '../../state/session.ts';

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

/** What a role's bottom bar holds: staff get their area's statistics and 账号; the county records no cases (no 受理). */
function navFor(role: Role | undefined): NavItem[] {
  if (!role || role === 'mediator') return nav;
  const staff = nav.map((item) => (item.href === '/stats' ? staffStats : item));
  return [...(role === 'county' ? staff.filter((item) => item.href !== '/new') : staff), accounts];
}

export function WorkShell(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const items = navFor(signedInRole.value);
  return (
    <div class="shell">
      <a class="skip" href="#main">{t('shell.skip')}</a>
      <header class="app-header">
        <div class="app-bar">
          <a class="brand" href="/">{t('app.name')}</a>
          <SyncLine />
          <a class="header-link" href="/guides" aria-current={path.startsWith('/guides') ? 'page' : undefined}>
            <Icon name="guides" size={20} />
            <span>{t('nav.guides')}</span>
          </a>
        </div>
        {updateReady.value && (
          <button type="button" class="update-banner" data-testid="update-banner" onClick={() => void installUpdate()}>
            {t('update.available')}
          </button>
        )}
        <FlashLine />
      </header>
      <main id="main" tabIndex={-1}>{p.children}</main>
      <nav class="bottom-nav" aria-label={t('shell.nav')}>
        {items.map((item) => (
          <a
            key={item.href}
            href={item.href}
            class={item.primary ? 'nav-item primary' : 'nav-item'}
            aria-current={item.isActive(path) ? 'page' : undefined}
            data-testid={`nav-${item.icon}`}
          >
            <Icon name={item.icon} size={item.primary ? 28 : 24} />
            {item.Badge && <item.Badge />}
            <span>{t(item.label)}</span>
          </a>
        ))}
      </nav>
    </div>
  );
}
