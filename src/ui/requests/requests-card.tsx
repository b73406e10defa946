// "新申请（N）" above the mediator's case list: loaded after first paint (case-list-screen imports it
// lazily), shown only when signed in, online and there is something new.

import { useEffect } from 'preact/hooks';
import { isOnline } from '../../state/app-state.ts';
import { session } from '../../state/session.ts';
import { fetchNewRequests, newRequestCount } from '../../state/requests.ts';
import { t } from '../../shared/i18n/index.ts';
import './requests.css';

export function RequestsCard() {
  const online = isOnline.value;
  const signedIn = session.value !== undefined;
  useEffect(() => {
    if (online && signedIn) void fetchNewRequests().catch(() => undefined);
  }, [online, signedIn]);
  const n = newRequestCount.value ?? 0;
  if (!online || !signedIn || n === 0) return null;
  return (
    <a class="card requests-card" href="/requests" data-testid="requests-card">
      <strong>{t('requests.card', { n })}</strong>
      <span class="muted">{t('requests.card.hint')}</span>
    </a>
  );
}
