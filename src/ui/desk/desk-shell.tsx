// The desk layout for 司法所 and 司法局 staff on a laptop (≥ 1024 px): a full-width header with
// the office and the person signed in, a side navigation listing every section the role has, and
// the screen beside it at full width. No phone tab bar, so nothing focusable hides under a fixed
// bar. The same routes and screens as on the phone; only the frame differs.

import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { session } from '../../state/session.ts';
import { flash } from '../../state/flash.ts';
import { updateReady } from '../../state/app-state.ts';
import { installUpdate } from '../../state/updates.ts';
import { SyncLine } from '../shell/sync-line.tsx';
import { ReviewBadge } from '../review/review-badge.tsx';
import { activeSection, sectionsFor } from './sections.ts';
import { useFocusOnRoute } from './focus.ts';
import './desk.css';

export function DeskShell(p: { children: ComponentChildren }) {
  const { path } = useLocation();
  const me = session.value?.me;
  useFocusOnRoute(path);
  if (!me) return <>{p.children}</>;
  const sections = sectionsFor(me.role);
  const active = activeSection(sections, path);
  const message = flash.value;
  return (
    <div class="desk" data-testid="desk">
      <a class="skip" href="#main">{t('shell.skip')}</a>
      <header class="desk-header">
        <a class="brand" href="/">{t('app.name')}</a>
        <span class="desk-office" data-testid="desk-office">{me.areaName}</span>
        <SyncLine />
        <a class="desk-header-link" href="/guides">{t('nav.guides')}</a>
        <a class="desk-header-link" href="/me" data-testid="desk-me">{me.user.displayName}</a>
        {updateReady.value && (
          <button type="button" class="button" data-testid="update-banner" onClick={() => void installUpdate()}>{t('update.available')}</button>
        )}
      </header>
      <div class="desk-body">
        <nav class="desk-nav" aria-label={t('shell.nav')}>
          <ul>
            {sections.map((s) => (
              <li key={s.href}>
                <a href={s.href} aria-current={s === active ? 'page' : undefined} data-testid={s.testId}>
                  <span>{t(s.label)}</span>
                  {s.badge === 'review' && <ReviewBadge />}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="desk-main" tabIndex={-1}>{p.children}</main>
      </div>
      <p class={message ? 'flash shown' : 'flash'} role="status" aria-live="polite" data-testid="flash">{message?.text ?? ''}</p>
    </div>
  );
}
