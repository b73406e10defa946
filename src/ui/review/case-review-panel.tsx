// The 待核对 panel on a case's detail screen: that case's open conflicts and refused changes,
// decided in place. Renders nothing when the case has none.

import { t } from '../../shared/i18n/index.ts';
import { useCaseReview } from '../../state/review.ts';
import { ReviewEntries } from './review-entries.tsx';

export function CaseReviewPanel(p: { caseId: string }) {
  const review = useCaseReview(p.caseId);
  if (!review || review.entries.length === 0) return null;
  return (
    <section class="card review-panel" aria-labelledby="review-panel-h" data-testid="review-panel">
      <h2 id="review-panel-h">{t('review.panel.title')}</h2>
      <p class="muted small">{t('review.panel.intro')}</p>
      <ReviewEntries entries={review.entries} />
    </section>
  );
}
