// The residents' home: what 说和 can do for them in three big doors (法律指南, 申请调解, 找调解员),
// their own requests if they sent any, and, set apart below, the way in for mediators and staff.

import { useEffect } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { myRequests, refreshMyRequests } from '../../state/mediation-requests.ts';
import { Icon, type IconName } from '../components/icons.tsx';
import { useTitle } from '../guides/use-title.ts';
import './public.css';

const doors: { href: string; title: MessageKey; hint: MessageKey; icon: IconName }[] = [
  { href: '/guides', title: 'publicHome.guides', hint: 'publicHome.guides.hint', icon: 'guides' },
  { href: '/help', title: 'publicHome.help', hint: 'publicHome.help.hint', icon: 'help' },
  { href: '/contacts', title: 'publicHome.contacts', hint: 'publicHome.contacts.hint', icon: 'phone' },
];

export function PublicHome() {
  useTitle(t('publicHome.title'));
  useEffect(() => void refreshMyRequests(), []);
  const mine = myRequests.value.length;
  return (
    <section class="public-home" aria-labelledby="public-home-title" data-testid="public-home">
      <h1 id="public-home-title">{t('publicHome.title')}</h1>
      <p>{t('publicHome.intro')}</p>
      <ul class="doors">
        {doors.map((d) => (
          <li key={d.href}>
            <a class="door" href={d.href}>
              <Icon name={d.icon} size={28} />
              <span>
                <strong>{t(d.title)}</strong>
                <span class="muted">{t(d.hint)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      {mine > 0 && <p><a class="button block" href="/help#mine" data-testid="home-mine">{t('publicHome.mine', { n: mine })}</a></p>}
      <section class="staff-entry" aria-labelledby="staff-title">
        <h2 id="staff-title">{t('publicHome.staff')}</h2>
        <p class="muted">{t('publicHome.staff.hint')}</p>
        <a class="button primary block" href="/login" data-testid="home-login">{t('public.login')}</a>
        <a class="button link block" href="/me">{t('publicHome.noAccount')}</a>
      </section>
    </section>
  );
}
