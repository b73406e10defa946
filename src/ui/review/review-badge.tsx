// The count on the 待核对 nav entry: items still waiting for a person on this device — a conflict
// to decide or a refused change to read and mark 知道了.

import { t } from '../../shared/i18n/index.ts';
import { useUndecidedCount } from '../../state/review-count.ts';

export function ReviewBadge() {
  const n = useUndecidedCount();
  if (n === 0) return null;
  return (
    <span class="nav-badge" data-testid="review-badge" aria-label={t('nav.review.count', { n })}>
      {n > 99 ? '99+' : n}
    </span>
  );
}
