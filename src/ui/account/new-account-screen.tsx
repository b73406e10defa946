// /accounts/new (新建账号): staff open an account for someone in their area — the roles they may
// manage only (shared/accounts-api.ts), the area chosen from the tree below their own, and a
// temporary password the owner replaces at their first sign-in.

import { useEffect, useState } from 'preact/hooks';
import type { CommitteeRef } from '../../shared/committee-area.ts';
import { useLocation } from 'preact-iso';
import * as v from 'valibot';
import { t, hasMessage, type MessageKey } from '../../shared/i18n/index.ts';
import { manageableRoles, NewAccountSchema, roleScopeLength, type AccountRole } from '../../shared/accounts-api.ts';
import { session } from '../../state/session.ts';
import { isOnline } from '../../state/app-state.ts';
import { showFlash } from '../../state/flash.ts';
import { createAccount, fetchAccountCommittees } from '../../state/accounts.ts';
import { TextField } from '../components/fields.tsx';
import { AreaPicker } from './area-picker.tsx';
import { roleLabel } from './labels.ts';
import './accounts.css';

type Field = 'username' | 'displayName' | 'role' | 'scope' | 'password' | 'committees';

/** Which field a server code is about, so its sentence shows there. */
const fieldOfCode = (code: string): Field | undefined =>
  code.startsWith('account.username') ? 'username'
  : code.startsWith('account.displayName') ? 'displayName'
  : code.startsWith('account.scope') ? 'scope'
  : code.startsWith('account.password') ? 'password'
  : code.startsWith('account.committees') ? 'committees'
  : undefined;

export function NewAccountScreen() {
  const me = session.value?.me;
  const roles = me ? manageableRoles(me.role) : [];
  if (!me || roles.length === 0) {
    return <section class="screen"><h1>{t('accounts.form.title')}</h1><p class="muted">{me ? t('accounts.forbiddenRole') : t('accounts.signedOut')}</p></section>;
  }
  return <NewAccountForm scope={me.scope} roles={roles} />;
}

function NewAccountForm(p: { scope: string; roles: readonly AccountRole[] }) {
  const { route } = useLocation();
  // Most accounts a county or town office makes are mediators': offer that first.
  const [role, setRole] = useState<AccountRole>(p.roles.includes('mediator') ? 'mediator' : (p.roles[0] as AccountRole));
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [scope, setScope] = useState('');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Partial<Record<Field, MessageKey>>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const ordered = [...p.roles].reverse();
  // Committees other than the villages' own: a mediator may also (or only) work for them.
  const [committees, setCommittees] = useState<CommitteeRef[]>([]);
  const [joined, setJoined] = useState<string[]>([]);
  useEffect(() => {
    if (isOnline.value) fetchAccountCommittees().then(setCommittees, () => setCommittees([]));
  }, []);
  const others = committees.filter((k) => k.type !== '村/居');
  /** The village's own committee first (its area), then those ticked. */
  const membership = (): string[] | undefined => {
    if (role !== 'mediator' || joined.length === 0) return undefined;
    const own = committees.find((k) => k.type === '村/居' && k.areaCode === scope);
    return [...(own ? [own.id] : []), ...joined];
  };

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    setError('');
    const member = membership();
    const body = { username, displayName, role, scope: roleScopeLength[role] === 0 ? '' : member && scope === '' ? '' : scope, password, ...(member ? { committees: member } : {}) };
    const checked = v.safeParse(NewAccountSchema, body);
    const found: Partial<Record<Field, MessageKey>> = {};
    if (!checked.success) {
      for (const issue of checked.issues) {
        const key = issue.path?.[0]?.key;
        if (typeof key === 'string' && hasMessage(issue.message)) found[key as Field] ??= issue.message;
      }
    }
    // A mediator of a town's (or other) committee works where it sits: no village needed.
    if (body.scope.length !== roleScopeLength[role] && !member) found.scope ??= 'account.scope.invalid';
    setFields(found);
    if (!checked.success || Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.new-account [aria-invalid="true"]')?.focus());
      return;
    }
    if (!isOnline.value) return setError(t('accounts.offline'));
    setBusy(true);
    createAccount(checked.output).then(
      (account) => {
        showFlash(t('accounts.created', { username: account.username }));
        route('/accounts');
      },
      (e: unknown) => {
        setBusy(false);
        const code = (e as { code?: unknown }).code;
        const field = typeof code === 'string' ? fieldOfCode(code) : undefined;
        if (field && typeof code === 'string' && hasMessage(code)) setFields({ [field]: code });
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  return (
    <form class="screen form new-account" noValidate onSubmit={onSubmit} aria-labelledby="new-account-title">
      <a class="back" href="/accounts">‹ {t('accounts.back')}</a>
      <h1 id="new-account-title">{t('accounts.form.title')}</h1>
      {ordered.length > 1 && (
        <fieldset class="field">
          <legend>{t('accounts.form.role')}</legend>
          <div class="role-choices">
            {ordered.map((r) => (
              <button key={r} type="button" class="chip-button" aria-pressed={r === role} data-testid={`role-${r}`} onClick={() => {
                setRole(r);
                setScope('');
              }}>{t(roleLabel[r])}</button>
            ))}
          </div>
        </fieldset>
      )}
      {ordered.length === 1 && <p class="muted">{t('accounts.form.role')}：{t(roleLabel[role])}</p>}
      <TextField id="displayName" label={t('accounts.form.displayName')} required autoComplete="off" value={displayName} error={fields.displayName} onInput={setDisplayName} />
      <TextField id="username" label={t('accounts.form.username')} hint={t('accounts.form.username.hint')} required autoComplete="off" value={username} error={fields.username} onInput={setUsername} />
      {roleScopeLength[role] > 0 && <AreaPicker from={p.scope} length={roleScopeLength[role]} error={fields.scope} onChange={setScope} />}
      {role === 'mediator' && others.length > 0 && (
        <fieldset class={fields.committees ? 'field has-error' : 'field'} data-testid="account-committees">
          <legend>{t('account.committees')}</legend>
          <p class="hint">{t('account.committees.hint')}</p>
          {fields.committees && <p class="error">{t(fields.committees)}</p>}
          {others.map((k) => (
            <label class="check" key={k.id}>
              <input
                type="checkbox" value={k.id} checked={joined.includes(k.id)} data-testid={`committee-${k.id}`}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setJoined((prev) => (on ? [...prev, k.id] : prev.filter((id) => id !== k.id)));
                }}
              />
              <span>{k.name}</span>
            </label>
          ))}
        </fieldset>
      )}
      <TextField id="password" label={t('accounts.form.password')} hint={t('accounts.form.password.hint')} required autoComplete="off" value={password} error={fields.password} onInput={setPassword} />
      {error && <p class="error" role="alert" data-testid="new-account-error">{error}</p>}
      <button type="submit" class="button primary block" disabled={busy} data-testid="new-account-submit">{t('accounts.form.submit')}</button>
    </form>
  );
}
