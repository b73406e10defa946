// The public side's frame: residents read 法律指南, send a 申请调解 and find their 调解员 here with
// no account and no PIN. Its own bottom bar; one way to the work side at the top — 调解员登录 on
// anyone's phone, 回到工作台 on a phone already set up for work.

import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { deviceKind, hydrating } from '../../state/device-kind.ts';
import { Icon, type IconName } from '../components/icons.tsx';
import { FlashLine } from './flash-line.tsx';

const nav: { href: string; label: MessageKey; icon: IconName }[] = [
  { href: '/guides', label: 'public.nav.guides', icon: 'guides' },
  { href: '/help', label: 'public.nav.help', icon: 'help' },
  { href: '/contacts', label: 'public.nav.contacts', icon: 'phone' },
];

export function PublicShell(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  // Prerendered for anyone's phone: drawn so while hydrating, then corrected on a work phone.
  const isWork = deviceKind.value === 'work' && !hydrating.value;
  return (
    <div class="shell public">
      <a class="skip" href="#main">{t('shell.skip')}</a>
      <header class="app-header">
        <div class="app-bar">
          <a class="brand" href={isWork ? '/guides' : '/'}>{t('app.name')}</a>
          <span class="app-bar-gap" />
          <a class="work-link" href={isWork ? '/' : '/login'} data-testid={isWork ? 'to-work' : 'mediator-login'}>
            {t(isWork ? 'public.toWork' : 'public.login')}
          </a>
        </div>
        <FlashLine />
      </header>
      <main id="main" tabIndex={-1}>{p.children}</main>
      <nav class="bottom-nav" aria-label={t('public.nav')}>
        {nav.map((item) => (
          <a
            key={item.href}
            href={item.href}
            class="nav-item"
            aria-current={path === item.href || path.startsWith(`${item.href}/`) ? 'page' : undefined}
            data-testid={`public-nav-${item.icon}`}
          >
            <Icon name={item.icon} size={24} />
            <span>{t(item.label)}</span>
          </a>
        ))}
      </nav>
    </div>
  );
}
