// 重置密码 inside an account's row: a new temporary password the staff member tells its owner.

import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { t, hasMessage, type MessageKey } from '../../shared/i18n/index.ts';
import { ResetPasswordSchema, type AccountSummary } from '../../shared/accounts-api.ts';
import { resetAccountPassword } from '../../state/accounts.ts';
import { TextField } from '../components/fields.tsx';

export function ResetForm(p: { account: AccountSummary; onCancel: () => void; onDone: (account: AccountSummary) => void }) {
  const [password, setPassword] = useState('');
  const [field, setField] = useState<MessageKey | undefined>(undefined);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `reset-${p.account.id}`;

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    setError('');
    const checked = v.safeParse(ResetPasswordSchema, { password });
    const issue = checked.success ? undefined : checked.issues[0]?.message;
    setField(issue !== undefined && hasMessage(issue) ? issue : undefined);
    if (!checked.success) return;
    setBusy(true);
    resetAccountPassword(p.account.id, password).then(p.onDone, (e: unknown) => {
      setBusy(false);
      setError(e instanceof Error ? e.message : String(e));
    });
  };

  return (
    <form class="reset-form" noValidate onSubmit={onSubmit} aria-label={t('accounts.reset.title', { name: p.account.displayName })}>
      <p class="small">{t('accounts.reset.hint')}</p>
      <TextField id={id} label={t('accounts.form.password')} required autoComplete="off" value={password} error={field} onInput={setPassword} />
      {error && <p class="error" role="alert">{error}</p>}
      <div class="account-actions">
        <button type="submit" class="button primary" disabled={busy} data-testid="reset-submit">{t('accounts.reset.submit')}</button>
        <button type="button" class="button" onClick={p.onCancel}>{t('accounts.cancel')}</button>
      </div>
    </form>
  );
}
