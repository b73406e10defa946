// 我的申请 on /help: the requests this phone sent, each with its state in words — 待发送, 已送达 with
// the number to quote on the phone, 已受理 or 不予受理 with the committee's reason — and a way
// to delete it from the phone. Nothing personal is shown: the phone no longer holds it once sent.

import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { deleteMyRequest, followMyRequests, myRequests, type MyRequest } from '../../state/mediation-requests.ts';
import { showFlash } from '../../state/flash.ts';
import { formatDate } from '../format.ts';
import { localDate } from '../../shared/dates.ts';
import { placeName } from '../../state/places.ts';
import '../shell/public.css';

const hint: Record<MyRequest['state'], 'mine.state.waiting.hint' | 'mine.state.delivered.hint' | 'mine.state.accepted.hint' | 'mine.state.refused.hint'> = {
  waiting: 'mine.state.waiting.hint',
  delivered: 'mine.state.delivered.hint',
  accepted: 'mine.state.accepted.hint',
  refused: 'mine.state.refused.hint',
};

export function MyRequests() {
  // Opening the page sends what waits and asks what was answered.
  useEffect(() => void followMyRequests(), []);
  const list = myRequests.value;
  if (list.length === 0) return null;
  return (
    <section id="mine" class="mine" aria-labelledby="mine-title" data-testid="my-requests">
      <h2 id="mine-title">{t('mine.title')}</h2>
      <p class="muted">{t('mine.intro')}</p>
      <ul class="my-requests">
        {list.map((r) => (
          <li key={r.id} class="my-request" data-testid="my-request" data-state={r.state}>
            <div class="my-request-head">
              <span class="my-request-number" data-testid="my-request-number">{t('mine.number', { number: r.number })}</span>
              <span class={`state state-${r.state}`} data-testid="my-request-state">{t(`mine.state.${r.state}`)}</span>
            </div>
            <p>{t(`help.cat.${r.categoryCode}` as 'help.cat.15')} · {placeName(r.villageCode)}</p>
            <p class="muted">{t('mine.sentOn', { date: formatDate(localDate(new Date(r.createdAt))) })}</p>
            {r.state === 'refused' && r.refuseReason && <p>{t('mine.state.refused.reason', { reason: r.refuseReason })}</p>}
            <p class="muted">{t(hint[r.state])}</p>
            {r.state !== 'waiting' && <p class="muted small">{t('mine.number.hint')}</p>}
            <button
              type="button"
              class="button link danger"
              data-testid="my-request-delete"
              onClick={() => {
                if (!confirm(t('mine.delete.confirm'))) return;
                void deleteMyRequest(r.id).then(() => showFlash(t('mine.deleted')));
              }}
            >
              {t('mine.delete')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
