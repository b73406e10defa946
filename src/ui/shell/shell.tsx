// The frame around every screen: app name, sync status and the update banner on top; the
// one-handed bottom navigation with 受理 in the middle; the aria-live line for confirmations.

import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { updateReady } from '../../state/app-state.ts';
import { installUpdate } from '../../state/updates.ts';
import { flash } from '../../state/flash.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { Icon, type IconName } from '../components/icons.tsx';
import { SyncLine } from './sync-line.tsx';

interface NavItem {
  href: string;
  label: MessageKey;
  icon: IconName;
  isActive: (path: string) => boolean;
  primary?: boolean;
}

const nav: NavItem[] = [
  { href: '/', label: 'nav.cases', icon: 'cases', isActive: (p) => p === '/' || p.startsWith('/cases/') },
  { href: '/todo', label: 'nav.todo', icon: 'todo', isActive: (p) => p === '/todo' },
  { href: '/new', label: 'nav.new', icon: 'plus', isActive: (p) => p === '/new', primary: true },
  { href: '/stats', label: 'nav.stats', icon: 'stats', isActive: (p) => p === '/stats' },
  { href: '/me', label: 'nav.me', icon: 'me', isActive: (p) => p === '/me' },
];

export function Shell(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const message = flash.value;
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
      </header>
      <main id="main" tabIndex={-1}>{p.children}</main>
      <p class={message ? 'flash shown' : 'flash'} role="status" aria-live="polite" data-testid="flash">
        {message?.text ?? ''}
      </p>
      <nav class="bottom-nav" aria-label={t('shell.nav')}>
        {nav.map((item) => (
          <a
            key={item.href}
            href={item.href}
            class={item.primary ? 'nav-item primary' : 'nav-item'}
            aria-current={item.isActive(path) ? 'page' : undefined}
            data-testid={`nav-${item.icon}`}
          >
            <Icon name={item.icon} size={item.primary ? 28 : 24} />
            <span>{t(item.label)}</span>
          </a>
        ))}
      </nav>
    </div>
  );
}
