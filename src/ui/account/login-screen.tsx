// /login: mediators and staff (司法所, 司法局) sign in with their account. Needs the network once;
// afterwards the saved session opens the app offline. Signed in, it shows who and lets them sign
// out (warning about changes not yet synced). `?next=/path` returns to where they were going.
// A one-time password (set by staff) is replaced here first, then the new one signs in.

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { login, logout, session, type Role, type Session } from '../../state/session.ts';
import { isOnline, pendingCount } from '../../state/app-state.ts';
import { showFlash } from '../../state/flash.ts';
import { effect } from '@preact/signals';
import { lockPhase } from '../../state/lock.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { TextField } from '../components/fields.tsx';
import { ApiError } from '../../state/errors.ts';
import { PasswordForm } from './password-form.tsx';
import { roleLabel } from './labels.ts';

/** Only paths inside this app; anything else would be an open redirect. */
const safeNext = (next: string | undefined) => (next?.startsWith('/') && !next.startsWith('//') ? next : undefined);

export function LoginScreen() {
  const current = session.value;
  return current ? <SignedIn name={current.me.user.displayName} role={current.me.role} area={current.me.areaName} /> : <LoginForm />;
}

function SignedIn(p: { name: string; role: Role; area: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <section class="screen login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.signedIn', { name: p.name })}</h1>
      <p>{t('login.scope', { role: t(roleLabel[p.role]), area: p.area })}</p>
      {pendingCount.value > 0 && <p class="warning">{t('login.logout.pending', { n: pendingCount.value })}</p>}
      <p><a class="button block" href="/password" data-testid="change-password">{t('password.title')}</a></p>
      {p.role !== 'mediator' && <p><a class="button block" href="/accounts">{t('accounts.title')}</a></p>}
      <button type="button" class="button block" disabled={busy} data-testid="logout" onClick={() => {
        setBusy(true);
        void logout().finally(() => setBusy(false));
      }}>
        {t('login.logout')}
      </button>
    </section>
  );
}

function LoginForm() {
  const { route, query } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<{ username?: MessageKey; password?: MessageKey }>({});
  const [error, setError] = useState('');
  const [mustChange, setMustChange] = useState(false);

  const signedIn = (s: Session) => {
    const announce = () => showFlash(t('login.signedIn', { name: s.me.user.displayName }));
    // On a fresh device the PIN is set next (lock-gate.tsx): say 已登录 once the app is there to see.
    if (lockPhase.value === 'open') announce();
    else {
      const stop = effect(() => {
        if (lockPhase.value !== 'open') return;
        announce();
        queueMicrotask(() => stop());
      });
    }
    // Everyone starts at home (ui/shell/home.tsx): the mediator's case list, a staff member's work
    // on a phone, the office's start on the desk (desk-home.tsx).
    route(safeNext(query.next) ?? '/', true);
  };

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const missing = {
      ...(username.trim() === '' ? { username: 'login.username.required' as const } : {}),
      ...(password === '' ? { password: 'login.password.required' as const } : {}),
    };
    setFields(missing);
    setError('');
    if (Object.keys(missing).length > 0) return;
    if (!isOnline.value) return setError(t('login.offline'));
    setBusy(true);
    login(username.trim(), password).then(signedIn, (e: unknown) => {
      setBusy(false);
      if (e instanceof ApiError && e.code === 'auth.mustChangePassword') return setMustChange(true);
      setError(e instanceof Error ? e.message : String(e));
    });
  };

  if (mustChange) {
    return (
      <section class="screen login" aria-labelledby="login-title">
        <h1 id="login-title">{t('password.title')}</h1>
        <p data-testid="must-change">{t('password.intro.forced')}</p>
        <PasswordForm username={username.trim()} current={password} onDone={(next) => login(username.trim(), next).then(signedIn)} />
      </section>
    );
  }

  return (
    <form class="screen form login" noValidate onSubmit={onSubmit} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p class="muted">{t('login.intro')}</p>
      <TextField id="username" label={t('login.username')} required autoComplete="username" value={username} error={fields.username} onInput={setUsername} />
      <TextField id="password" label={t('login.password')} type="password" required autoComplete="current-password" value={password} error={fields.password} onInput={setPassword} />
      {error && <p class="error" role="alert" data-testid="login-error">{error}</p>}
      <button type="submit" class="button primary block" disabled={busy} data-testid="login-submit">{t('login.submit')}</button>
    </form>
  );
}
