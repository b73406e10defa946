// The signed-in account on 我的: who is signed in, and 修改密码 (plus 账号 for staff).

import { t } from '../../shared/i18n/index.ts';
import { session } from '../../state/session.ts';
import { knownPlaceName } from '../../state/areas.ts';

export function AccountCard() {
  const me = session.value?.me;
  if (!me) return null;
  return (
    <section class="card" aria-labelledby="account-card-h" data-testid="account-card">
      <h2 id="account-card-h">{t('accounts.mine')}</h2>
      <p>{t('accounts.mine.who', { name: me.user.displayName, username: me.user.username })}</p>
      {me.scope !== '' && <p data-testid="account-area">{(me.scope.length === 12 ? knownPlaceName(me.scope) : undefined) ?? me.areaName}</p>}
      <p><a class="button block" href="/password" data-testid="change-password">{t('password.title')}</a></p>
      {me.role !== 'mediator' && <p><a class="button block" href="/accounts">{t('accounts.title')}</a></p>}
    </section>
  );
}
