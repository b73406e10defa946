// 撤回照片 inside the photo viewer: what withdrawing does, a required reason, confirm or cancel.
// The reason becomes the audit line of the case (who, when, why); the photo itself leaves the
// case, the 卷宗 and — once synced — the server's answers (state/attachments.ts withdrawPhoto).

import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { DomainError } from '../../state/errors.ts';
import { WITHDRAW_REASON_MAX } from '../../state/withdraw-photo.ts';
import { TextField } from '../components/fields.tsx';

export function WithdrawForm(p: { onWithdraw: (reason: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const [isBusy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim() === '') return setError('attach.withdraw.reasonRequired');
    setBusy(true);
    setError(undefined);
    try {
      await p.onWithdraw(reason);
    } catch (e) {
      if (e instanceof DomainError) setError(e.code);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="form withdraw-form"
      noValidate
      data-testid="withdraw-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p class="small">{t('attach.withdraw.hint')}</p>
      <TextField
        id="withdraw-reason" rows={2} required maxLength={WITHDRAW_REASON_MAX}
        label={t('attach.withdraw.reason')} placeholder={t('attach.withdraw.reasonHint')}
        value={reason} error={error}
        onInput={(value) => {
          setReason(value);
          setError(undefined);
        }}
      />
      <div class="withdraw-actions">
        <button type="submit" class="button danger" disabled={isBusy} data-testid="withdraw-confirm">{t('attach.withdraw.confirm')}</button>
        <button type="button" class="button" onClick={p.onCancel}>{t('attach.withdraw.cancel')}</button>
      </div>
    </form>
  );
}
