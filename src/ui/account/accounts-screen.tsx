// /accounts (账号): the accounts a town office, county office or administrator manages — who, which
// role and area, active or disabled, when they last signed in — with 重置密码 and 停用/启用 on
// each, and 新建账号. An online screen: accounts live on the server only.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { manageableRoles, type AccountSummary } from '../../shared/accounts-api.ts';
import { session } from '../../state/session.ts';
import { isOnline } from '../../state/app-state.ts';
import { showFlash } from '../../state/flash.ts';
import { fetchAccounts, setAccountDisabled } from '../../state/accounts.ts';
import { formatInstant } from '../format.ts';
import { areaName } from '../../state/areas.ts';
import { roleLabel } from './labels.ts';
import { ResetForm } from './reset-form.tsx';
import './accounts.css';

/** The town an account belongs to ('' for the county's and the administrator's own accounts). */
const townKey = (a: AccountSummary): string => (a.scope.length >= 9 ? a.scope.slice(0, 9) : '');

/** Each town the accounts belong to, with its name: from a town account, else the device's places. */
function townsOf(accounts: readonly AccountSummary[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const a of accounts) {
    const key = townKey(a);
    if (a.scope.length === 9) names.set(key, a.areaName);
    else if (!names.has(key)) names.set(key, key === '' ? t('accounts.countyLevel') : areaName(key));
  }
  return names;
}

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'done'; accounts: AccountSummary[] };

export function AccountsScreen() {
  const me = session.value?.me;
  if (!me || manageableRoles(me.role).length === 0) {
    return (
      <section class="screen accounts" aria-labelledby="accounts-title">
        <h1 id="accounts-title">{t('accounts.title')}</h1>
        <p class="muted">{me ? t('accounts.forbiddenRole') : t('accounts.signedOut')}</p>
        {me ? <a class="button block" href="/password">{t('accounts.myPassword')}</a> : <a class="button primary block" href="/login?next=/accounts">{t('login.submit')}</a>}
      </section>
    );
  }
  return <AccountList />;
}

function AccountList() {
  const online = isOnline.value;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tries, setTries] = useState(0);
  const [text, setText] = useState('');
  const [resetting, setResetting] = useState<string | undefined>(undefined);
  const [town, setTown] = useState('');

  useEffect(() => {
    if (!online) return;
    let live = true;
    setLoad({ state: 'loading' });
    fetchAccounts().then(
      (accounts) => live && setLoad({ state: 'done', accounts }),
      (e: unknown) => live && setLoad({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [online, tries]);

  const replace = (account: AccountSummary) =>
    setLoad((prev) => (prev.state === 'done' ? { state: 'done', accounts: prev.accounts.map((a) => (a.id === account.id ? account : a)) } : prev));

  const toggle = (a: AccountSummary) => {
    if (!a.disabled && !confirm(t('accounts.disable.confirm', { name: a.displayName }))) return;
    setAccountDisabled(a.id, !a.disabled).then(
      (updated) => {
        replace(updated);
        showFlash(t(updated.disabled ? 'accounts.disabled' : 'accounts.enabled', { name: updated.displayName }));
      },
      (e: unknown) => showFlash(e instanceof Error ? e.message : String(e)),
    );
  };

  const needle = text.trim();
  const all = load.state === 'done' ? load.accounts : [];
  const towns = townsOf(all);
  const shown = all.filter((a) => (town === '' || townKey(a) === town) && (needle === '' || a.displayName.includes(needle) || a.username.includes(needle) || a.areaName.includes(needle) || (towns.get(townKey(a)) ?? '').includes(needle)));
  // A county has a hundred or more accounts: by town, in code order, the county's own first.
  const groups = [...towns.keys()].sort().map((key) => ({ key, name: towns.get(key) ?? key, list: shown.filter((a) => townKey(a) === key) })).filter((g) => g.list.length > 0);
  const grouped = towns.size > 1;

  const row = (a: AccountSummary) => (
    <li key={a.id} class={a.disabled ? 'account-row disabled' : 'account-row'} data-testid="account-row" data-username={a.username}>
        <div class="account-top">
          <span class="account-name"><strong>{a.displayName}</strong> <span class="muted">{a.username}</span></span>
          <span class="chips">
            {a.disabled ? <span class="chip voided">{t('accounts.status.disabled')}</span>
              : a.mustChangePassword ? <span class="chip review">{t('accounts.status.mustChange')}</span>
              : <span class="chip status-accepted">{t('accounts.status.active')}</span>}
          </span>
        </div>
        <p class="account-meta">
          {t(roleLabel[a.role])}{a.areaName ? ` · ${a.areaName}` : ''}{a.scope.length === 12 && towns.has(townKey(a)) ? `（${towns.get(townKey(a)) ?? ''}）` : ''} · {a.lastSignInAt ? t('accounts.lastSignIn', { time: formatInstant(a.lastSignInAt) }) : t('accounts.neverSignedIn')}
        </p>
        {resetting === a.id ? (
          <ResetForm account={a} onCancel={() => setResetting(undefined)} onDone={(updated) => {
            replace(updated);
            setResetting(undefined);
            showFlash(t('accounts.reset.done', { name: updated.displayName }));
          }} />
        ) : (
          <div class="account-actions">
            {!a.disabled && <button type="button" class="button" onClick={() => setResetting(a.id)} data-testid="account-reset">{t('accounts.reset')}</button>}
            <button type="button" class={a.disabled ? 'button' : 'button danger'} onClick={() => toggle(a)} data-testid="account-toggle">
              {a.disabled ? t('accounts.enable') : t('accounts.disable')}
            </button>
          </div>
        )}
    </li>
  );

  return (
    <section class="screen accounts" aria-labelledby="accounts-title">
      <h1 id="accounts-title">{t('accounts.title')}</h1>
      <p class="muted small">{t('accounts.intro')}</p>
      <div class="accounts-actions">
        <a class="button primary" href="/accounts/new" data-testid="new-account">{t('accounts.new')}</a>
        <a class="button" href="/password">{t('accounts.myPassword')}</a>
      </div>
      {!online ? (
        <p class="muted">{t('accounts.offline')}</p>
      ) : load.state === 'loading' ? (
        <p class="muted">{t('accounts.loading')}</p>
      ) : load.state === 'failed' ? (
        <div role="alert">
          <p class="error">{t('accounts.loadFailed', { message: load.message })}</p>
          <button type="button" class="button" onClick={() => setTries(tries + 1)}>{t('accounts.retry')}</button>
        </div>
      ) : load.accounts.length === 0 ? (
        <p class="empty">{t('accounts.empty')}</p>
      ) : (
        <>
          {grouped && (
            <div class="field">
              <label for="account-town">{t('accounts.filterTown')}</label>
              <select id="account-town" data-testid="account-town" value={town} onChange={(e) => setTown(e.currentTarget.value)}>
                <option value="">{t('accounts.allTowns')}</option>
                {[...towns].sort(([a], [b]) => a.localeCompare(b)).map(([key, name]) => <option key={key} value={key}>{name}</option>)}
              </select>
            </div>
          )}
          <div class="field">
            <label for="account-search" class="sr-only">{t('accounts.search')}</label>
            <input id="account-search" type="search" placeholder={t('accounts.search')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </div>
          <p class="muted small" role="status">{shown.length === 0 ? t('accounts.none', { text: needle }) : t('accounts.count', { n: shown.length })}</p>
          {grouped ? groups.map((g) => (
            <section key={g.key} class="account-group" aria-labelledby={`town-${g.key}`} data-testid="account-group" data-town={g.key}>
              <h2 id={`town-${g.key}`}>{t('accounts.townGroup', { town: g.name, n: g.list.length })}</h2>
              <ul class="account-list">{g.list.map(row)}</ul>
            </section>
          )) : <ul class="account-list">{shown.map(row)}</ul>}
        </>
      )}
    </section>
  );
}
