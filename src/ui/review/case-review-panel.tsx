// The 待核对 panel on a case's detail screen: that case's open conflicts and refused changes,
// decided in place, and below them the refused changes already marked 知道了. Renders nothing
// when the case has neither.

import { t } from '../../shared/i18n/index.ts';
import { useCaseReview, useDismissedReviews } from '../../state/review.ts';
import { ReviewEntries, viewer } from './review-entries.tsx';
import { DismissedHistory } from './dismissed-history.tsx';

export function CaseReviewPanel(p: { caseId: string }) {
  const review = useCaseReview(p.caseId);
  const dismissed = useDismissedReviews(p.caseId);
  if (!review || review.entries.length === 0) return <DismissedHistory items={dismissed} viewer={viewer()} />;
  return (
    <section class="card review-panel" aria-labelledby="review-panel-h" data-testid="review-panel">
      <h2 id="review-panel-h">{t('review.panel.title')}</h2>
      <p class="muted small">{t('review.panel.intro')}</p>
      <ReviewEntries entries={review.entries} record={review.record} />
      <DismissedHistory items={dismissed} viewer={viewer()} />
    </section>
  );
}
