// 忘记 PIN: the only way back is to erase this device's data and set a new PIN. What is lost is
// said plainly — nothing when every change is on the server (sign in again and the cases come
// back), the unsynced records otherwise, which needs an explicit confirmation. The saved sign-in
// is forgotten either way, so holding the phone is not enough to download the cases again.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { db } from '../../state/app-state.ts';
import { signedInRole } from '../../state/session.ts';
import { wipeAll } from '../../state/lock.ts';

export function ForgotPin(p: { onBack: () => void }) {
  // Counting the outbox reads no sealed field, so it works while locked.
  const [pending, setPending] = useState<number | undefined>(undefined);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => void db.outbox.count().then(setPending), []);
  if (pending === undefined) return <main class="lock-screen" />;
  const risky = pending > 0;
  const wipe = async () => {
    setBusy(true);
    try {
      await wipeAll();
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="lock-screen" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('lock.forgot.title')}</h1>
      {risky ? (
        <p class="lock-alert" data-testid="forgot-pending">{t('lock.forgot.pending', { n: pending })}</p>
      ) : (
        <p>{signedInRole.value ? t('lock.forgot.synced') : t('lock.forgot.signedOut')}</p>
      )}
      {risky && (
        <label class="lock-check">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
          <span>{t('lock.forgot.confirm')}</span>
        </label>
      )}
      <button type="button" class="button block danger" disabled={busy || (risky && !understood)} onClick={() => void wipe()} data-testid="forgot-wipe">
        {t('lock.forgot.wipe')}
      </button>
      <button type="button" class="button block link" onClick={p.onBack}>
        {t('lock.forgot.back')}
      </button>
    </main>
  );
}
