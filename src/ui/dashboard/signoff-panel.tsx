// Month sign-off for the signed-in staff's own town or county: the twelve months of the year,
// signed or open, a button to sign a finished month, and an unlock that asks for a reason.

import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { loadSignoffs, signMonth, unlockMonth, useRemote, type RemoteError } from '../../state/dashboard.ts';
import { formatInstant } from '../format.ts';

export function SignoffPanel(p: { area: string; year: number; today: string }) {
  const remote = useRemote(() => loadSignoffs(p.area, p.year), `${p.area}|${p.year}`);
  const [unlocking, setUnlocking] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const act = (run: () => Promise<unknown>) => {
    setMessage('');
    run().then(() => {
      setUnlocking(undefined);
      setReason('');
      remote.reload();
    }, (e: RemoteError) => setMessage(e.message));
  };
  const months = remote.value?.months ?? [];
  return (
    <section class="signoff" aria-labelledby="signoff-h" data-testid="signoff-panel">
      <h2 id="signoff-h">{t('dash.signoff', { year: p.year })}</h2>
      <p class="muted small">{t('dash.signoff.intro')}</p>
      {remote.error && <p class="error">{remote.error.message}</p>}
      <ul class="month-list">
        {months.map((m) => {
          const over = `${m.month}-31` < p.today;
          const towns = m.towns ? m.towns.filter((x) => x.state === 'signed').length : undefined;
          return (
            <li key={m.month} class={m.state === 'signed' ? 'signed' : ''}>
              <strong>{t('dash.monthOption', { m: Number(m.month.slice(5)) })}</strong>
              <span>
                {m.state === 'signed' ? t('dash.signoff.signed', { at: formatInstant(m.signedAt ?? ''), by: m.signedBy ?? '' }) : t('dash.signoff.open')}
                {towns !== undefined && <span class="muted small"> {t('dash.signoff.towns', { n: towns, of: m.towns?.length ?? 0 })}</span>}
              </span>
              {m.state === 'open' && over && (towns === undefined || towns === m.towns?.length) && <button type="button" class="button" onClick={() => act(() => signMonth(p.area, m.month))}>{t('dash.signoff.sign')}</button>}
              {m.state === 'signed' && unlocking !== m.month && <button type="button" class="button link" onClick={() => setUnlocking(m.month)}>{t('dash.signoff.unlock')}</button>}
              {unlocking === m.month && (
                <span class="unlock">
                  <input aria-label={t('dash.signoff.reason')} placeholder={t('dash.signoff.reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
                  <button type="button" class="button" onClick={() => act(() => unlockMonth(p.area, m.month, reason))}>{t('common.confirm')}</button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {message && <p class="error" role="alert">{message}</p>}
    </section>
  );
}
