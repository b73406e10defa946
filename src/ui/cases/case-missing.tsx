// What a case screen shows before its case is read from IndexedDB, or when it is not on this
// device (another village's, or not synced yet). One view for every screen that opens a case.
import { t } from '../../shared/i18n/index.ts';
import type { CaseRecord } from '../../shared/case.ts';

export function CaseNotReady(p: { live: { loaded: boolean; value?: CaseRecord | undefined } }) {
  if (!p.live.loaded) return <p class="screen muted">{t('common.loading')}</p>;
  return (
    <section class="screen">
      <p role="alert">{t('sync.caseMissing')}</p>
      <p><a class="button" href="/">{t('detail.back')}</a></p>
    </section>
  );
}
