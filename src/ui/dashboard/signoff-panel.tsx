// Month sign-off for the signed-in staff's own town or county: the twelve months of the year,
// signed (by whom — the person's name) or open, and for a county which towns it still waits for.
// Signing is a deliberate act: 签收 opens a confirmation naming the month with its figures, and
// only 确认签收 signs. Unlocking asks for a reason. After each action the keyboard focus moves to
// the line that says what happened.

import { useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { monthPeriod } from '../../shared/stat-periods.ts';
import { formatRate } from '../../shared/stats.ts';
import type { MonthSignoff } from '../../shared/stats-api.ts';
import { loadSignoffs, loadStats, signMonth, unlockMonth, useRemote, type RemoteError } from '../../state/dashboard.ts';
import { formatInstant } from '../format.ts';

const monthNo = (month: string) => Number(month.slice(5));

/** Puts the keyboard on `el` once it is drawn (a result line, a confirmation heading). */
function focusSoon(el: () => HTMLElement | null) {
  requestAnimationFrame(() => el()?.focus());
}

export function SignoffPanel(p: { area: string; year: number; today: string }) {
  const remote = useRemote(() => loadSignoffs(p.area, p.year), `${p.area}|${p.year}`);
  const [confirming, setConfirming] = useState<string | undefined>();
  const [unlocking, setUnlocking] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const messageRef = useRef<HTMLParagraphElement>(null);
  const act = (run: () => Promise<unknown>, done: string) => {
    setMessage(undefined);
    run().then(() => {
      setUnlocking(undefined);
      setConfirming(undefined);
      setReason('');
      remote.reload();
      setMessage({ text: done, error: false });
      focusSoon(() => messageRef.current);
    }, (e: RemoteError) => {
      setMessage({ text: e.message, error: true });
      focusSoon(() => messageRef.current);
    });
  };
  const months = remote.value?.months ?? [];
  return (
    <section class="signoff" aria-labelledby="signoff-h" data-testid="signoff-panel">
      <h2 id="signoff-h" tabIndex={-1}>{t('dash.signoff', { year: p.year })}</h2>
      <p class="muted small">{t('dash.signoff.intro')}</p>
      {remote.error && <p class="error">{remote.error.message}</p>}
      <p ref={messageRef} tabIndex={-1} class={message?.error ? 'error' : 'notice'} role="status" data-testid="signoff-message" hidden={!message}>{message?.text}</p>
      <ul class="month-list">
        {months.map((m) => {
          const over = `${m.month}-31` < p.today;
          const waiting = m.towns?.filter((x) => x.state !== 'signed') ?? [];
          const m1 = monthNo(m.month);
          return (
            <li key={m.month} class={m.state === 'signed' ? 'signed' : ''} data-testid={`month-${m.month}`}>
              <strong>{t('dash.monthOption', { m: m1 })}</strong>
              <span>
                {m.state === 'signed' ? t('dash.signoff.signed', { at: formatInstant(m.signedAt ?? ''), by: m.signedByName ?? m.signedBy ?? '' }) : t('dash.signoff.open')}
                {m.towns && m.state === 'open' && (
                  <span class="muted small" data-testid="towns-waiting">
                    {' '}{waiting.length === 0 ? t('dash.signoff.townsAll', { of: m.towns.length }) : t('dash.signoff.townsWaiting', { n: m.towns.length - waiting.length, of: m.towns.length, names: waiting.map((x) => x.name).join('、') })}
                  </span>
                )}
              </span>
              {m.state === 'open' && over && waiting.length === 0 && confirming !== m.month && (
                <button type="button" class="button" data-testid="sign-month" aria-label={t('dash.signoff.signMonth', { m: m1 })} onClick={() => {
                  setConfirming(m.month);
                  focusSoon(() => document.getElementById(`confirm-${m.month}`));
                }}>{t('dash.signoff.sign')}</button>
              )}
              {m.state === 'signed' && unlocking !== m.month && (
                <button type="button" class="button link" aria-label={t('dash.signoff.unlockMonth', { m: m1 })} onClick={() => {
                  setUnlocking(m.month);
                  focusSoon(() => document.getElementById(`reason-${m.month}`));
                }}>{t('dash.signoff.unlock')}</button>
              )}
              {unlocking === m.month && (
                <span class="unlock">
                  <input id={`reason-${m.month}`} aria-label={t('dash.signoff.reason')} placeholder={t('dash.signoff.reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
                  <button type="button" class="button" onClick={() => act(() => unlockMonth(p.area, m.month, reason), t('dash.signoff.unlocked', { m: m1 }))}>{t('common.confirm')}</button>
                  <button type="button" class="button link" onClick={() => setUnlocking(undefined)}>{t('common.cancel')}</button>
                </span>
              )}
              {confirming === m.month && (
                <SignConfirm area={p.area} m={m} onCancel={() => setConfirming(undefined)}
                  onSign={() => act(() => signMonth(p.area, m.month), t('dash.signoff.done', { m: m1 }))} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The month's figures beside the button that signs them: what the signature vouches for. */
function SignConfirm(p: { area: string; m: MonthSignoff; onSign: () => void; onCancel: () => void }) {
  const period = monthPeriod(p.m.month);
  const stats = useRemote(() => loadStats(p.area, period), `${p.area}|${p.m.month}`);
  const r = stats.value?.total;
  const m1 = monthNo(p.m.month);
  return (
    <div class="sign-confirm" role="group" aria-labelledby={`confirm-${p.m.month}`} data-testid="sign-confirm">
      <h3 id={`confirm-${p.m.month}`} tabIndex={-1}>{t('dash.signoff.confirmTitle', { year: p.m.month.slice(0, 4), m: m1 })}</h3>
      {stats.error && <p class="error">{stats.error.message}</p>}
      {r ? (
        <p data-testid="sign-figures">{t('dash.signoff.figures', { accepted: r.accepted, succeeded: r.succeeded, failed: r.failed, open: r.open, rate: formatRate(r.successRate) })}</p>
      ) : !stats.error && <p>{t('common.loading')}</p>}
      <p class="muted small">{t('dash.signoff.confirmNote')}</p>
      <button type="button" class="button primary" data-testid="sign-confirm-button" disabled={!r} onClick={p.onSign}>{t('dash.signoff.confirmSign', { m: m1 })}</button>
      <button type="button" class="button link" onClick={p.onCancel}>{t('common.cancel')}</button>
    </div>
  );
}
