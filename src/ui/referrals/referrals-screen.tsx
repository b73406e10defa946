// 移交 (issue #14): what other committees sent to this account's committee and waits for 接收 or
// 退回 — due first, each with its age and the working-day clock, overdue in red — and what this
// committee sent up, with the receiver's decision and, once accepted, the outcome. 退回 asks for a
// reason on the card itself. Everything is saved on the phone first and sent with the next sync.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { acceptReferral, returnReferral, useReferrals, type ReferralRow } from '../../state/referrals.ts';
import { showFlash } from '../../state/flash.ts';
import { TextField } from '../components/fields.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { ReferralCard } from './referral-card.tsx';
import '../screening/screening.css';

function InboxItem(p: { row: ReferralRow }) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const id = p.row.referral.id;
  const onAccept = () => void submit.run(async () => {
    await acceptReferral(id);
    showFlash(t('common.saved'));
  });
  const onReturn = (ev: Event) => {
    ev.preventDefault();
    void submit.run(async () => {
      await returnReferral(id, reason);
      showFlash(t('common.saved'));
    });
  };
  return (
    <ReferralCard r={p.row.referral} pending={p.row.pending} side="inbox">
      {returning ? (
        <form class="form" noValidate ref={submit.formRef} onSubmit={onReturn}>
          <TextField id={`return-${id}`} rows={2} label={t('referral.return.reason')} required value={reason} onInput={setReason} error={submit.fields.reason} />
          <FormFooter label={t('referral.return.submit')} busy={submit.busy} failure={submit.failure} testId="referral-return-submit" />
        </form>
      ) : (
        <div class="finding-actions">
          <button type="button" class="button primary" data-testid="referral-accept" disabled={submit.busy} onClick={onAccept}>{t('referral.accept')}</button>
          <button type="button" class="button" data-testid="referral-return" onClick={() => setReturning(true)}>{t('referral.return')}</button>
        </div>
      )}
    </ReferralCard>
  );
}

export function ReferralsScreen() {
  const live = useReferrals();
  const inbox = live.value?.inbox ?? [];
  const sent = live.value?.sent ?? [];
  return (
    <section class="screen" aria-labelledby="referrals-title">
      <h1 id="referrals-title">{t('referral.inbox.title')}</h1>
      <p class="muted small">{t('referral.inbox.intro')}</p>
      {live.loaded && inbox.length === 0 && <p class="empty" data-testid="referral-inbox-empty">{t('referral.inbox.empty')}</p>}
      <ul class="alert-list" data-testid="referral-inbox" aria-busy={!live.loaded}>
        {inbox.map((row) => <li key={row.referral.id}><InboxItem row={row} /></li>)}
      </ul>
      <h2>{t('referral.sent.title')}</h2>
      {live.loaded && sent.length === 0 && <p class="empty">{t('referral.sent.empty')}</p>}
      <ul class="alert-list" data-testid="referral-sent">
        {sent.map((row) => <li key={row.referral.id}><ReferralCard r={row.referral} pending={row.pending} side="sent" /></li>)}
      </ul>
    </section>
  );
}
