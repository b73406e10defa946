// The signed-in account on 我的: who is signed in, and 修改密码 (plus 账号 for staff).

import { t } from '../../shared/i18n/index.ts';
import { session } from '../../state/session.ts';
import { knownPlaceName } from '../../state/areas.ts';
import { profile } from '../../state/app-state.ts';

export function AccountCard() {
  const me = session.value?.me;
  if (!me) return null;
  return (
    <section class="card" aria-labelledby="account-card-h" data-testid="account-card">
      <h2 id="account-card-h">{t('accounts.mine')}</h2>
      <p>{t('accounts.mine.who', { name: me.user.displayName, username: me.user.username })}</p>
      {/* data-scope, data-village: the codes the account and the profile stamp cases with (both
          sealed on the device), for tests and support staff. */}
      {me.scope !== '' && <p data-testid="account-area" data-scope={me.scope} data-village={profile.value?.villageCode}>{(me.scope.length === 12 ? knownPlaceName(me.scope) : undefined) ?? me.areaName}</p>}
      <p><a class="button block" href="/password" data-testid="change-password">{t('password.title')}</a></p>
      {me.role !== 'mediator' && <p><a class="button block" href="/accounts">{t('accounts.title')}</a></p>}
    </section>
  );
}
