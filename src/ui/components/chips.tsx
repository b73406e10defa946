// Small labels on case rows and headers: status, 待核对, unsynced changes.

import type { CaseStatus } from '../../shared/lifecycle.ts';
import { t } from '../../shared/i18n/index.ts';

export function StatusChip(p: { status: CaseStatus }) {
  return <span class={`chip status-${p.status}`} data-testid="status-chip">{t(`case.status.${p.status}`)}</span>;
}

export function ReviewChip() {
  return <span class="chip review">{t('case.needsReview')}</span>;
}

export function PendingBadge(p: { n: number }) {
  if (p.n <= 0) return null;
  return (
    <span class="chip pending" title={t('list.pending', { n: p.n })} aria-label={t('list.pending', { n: p.n })}>
      {t('sync.pendingBadge')}
    </span>
  );
}
