// /password (修改密码): any account replaces its own password — signed in from 我的 or the 账号
// screen, or signed out with the username and current password.

import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { session } from '../../state/session.ts';
import { showFlash } from '../../state/flash.ts';
import { PasswordForm } from './password-form.tsx';

export function PasswordScreen() {
  const { route } = useLocation();
  const me = session.value?.me;
  return (
    <section class="screen" aria-labelledby="password-title">
      <h1 id="password-title">{t('password.title')}</h1>
      <PasswordForm
        {...(me ? { username: me.user.username } : {})}
        onDone={() => {
          showFlash(t('password.done'));
          route(me ? (me.role === 'mediator' ? '/me' : '/accounts') : '/login');
        }}
      />
    </section>
  );
}
