// The one form that replaces a password: signed in (修改密码, from 我的 and the 账号 screen), and
// right after signing in with a one-time password that staff set (the login screen shows it in
// place of the login form, with the one-time password already known).

import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { t, hasMessage, type MessageKey } from '../../shared/i18n/index.ts';
import { ResetPasswordSchema } from '../../shared/accounts-api.ts';
import { isOnline } from '../../state/app-state.ts';
import { changePassword } from '../../state/accounts.ts';
import { TextField } from '../components/fields.tsx';

type Field = 'username' | 'current' | 'next' | 'repeat';

/** The field a server answer is about, so its sentence shows under that field. */
function fieldOf(code: string): Field | undefined {
  if (code === 'auth.invalid') return 'current';
  if (code.startsWith('account.password')) return 'next';
  return undefined;
}

export function PasswordForm(p: {
  /** Fixed when signed in or coming from the login form; typed otherwise. */
  username?: string;
  /** The one-time password just typed at the login form: not asked again. */
  current?: string;
  onDone: (newPassword: string) => void | Promise<void>;
  submitLabel?: string;
}) {
  const [username, setUsername] = useState(p.username ?? '');
  const [current, setCurrent] = useState(p.current ?? '');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [fields, setFields] = useState<Partial<Record<Field, MessageKey>>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const found: Partial<Record<Field, MessageKey>> = {};
    if (username.trim() === '') found.username = 'login.username.required';
    if (current === '') found.current = 'login.password.required';
    const checked = v.safeParse(ResetPasswordSchema, { password: next });
    const issue = checked.success ? undefined : checked.issues[0]?.message;
    if (issue !== undefined && hasMessage(issue)) found.next = issue;
    else if (next === current && next !== '') found.next = 'account.password.same';
    if (!found.next && repeat !== next) found.repeat = 'account.password.mismatch';
    setFields(found);
    setError('');
    if (Object.keys(found).length > 0) return;
    if (!isOnline.value) return setError(t('password.offline'));
    setBusy(true);
    changePassword(username.trim(), current, next).then(
      () => p.onDone(next),
      (e: unknown) => {
        const code = (e as { code?: unknown }).code;
        const field = typeof code === 'string' ? fieldOf(code) : undefined;
        if (field && typeof code === 'string' && hasMessage(code)) setFields({ [field]: code });
        setError(e instanceof Error ? e.message : String(e));
      },
    ).finally(() => setBusy(false));
  };

  return (
    <form class="form password-form" noValidate onSubmit={onSubmit}>
      {p.username === undefined && (
        <TextField id="pw-username" label={t('password.username')} required autoComplete="username" value={username} error={fields.username} onInput={setUsername} />
      )}
      {p.current === undefined && (
        <TextField id="pw-current" label={t('password.current')} type="password" required autoComplete="current-password" value={current} error={fields.current} onInput={setCurrent} />
      )}
      <TextField id="pw-new" label={t('password.new')} hint={t('password.new.hint')} type="password" required autoComplete="new-password" value={next} error={fields.next} onInput={setNext} />
      <TextField id="pw-repeat" label={t('password.repeat')} type="password" required autoComplete="new-password" value={repeat} error={fields.repeat} onInput={setRepeat} />
      {error && <p class="error" role="alert" data-testid="password-error">{error}</p>}
      <button type="submit" class="button primary block" disabled={busy} data-testid="password-submit">{p.submitLabel ?? t('password.submit')}</button>
    </form>
  );
}
