// The count on the 待核对 nav entry: conflicts still waiting for a decision on this device.
// Refused changes are listed in the inbox but not counted: nothing can clear them yet.

import { t } from '../../shared/i18n/index.ts';
import { useUndecidedCount } from '../../state/review.ts';

export function ReviewBadge() {
  const n = useUndecidedCount();
  if (n === 0) return null;
  return (
    <span class="nav-badge" data-testid="review-badge" aria-label={t('nav.review.count', { n })}>
      {n > 99 ? '99+' : n}
    </span>
  );
}
