// 待核对 (/review): every open review item this device has pulled — for a mediator their village,
// for the town's laptop every village of the town — grouped by case, newest first; below, folded,
// the refused changes already marked 知道了.

import { t } from '../../shared/i18n/index.ts';
import { useDismissedReviews, useReviewInbox, type CaseReview } from '../../state/review.ts';
import { formatDate } from '../format.ts';
import { categoryName } from '../case-text.ts';
import { placeName } from '../../state/areas.ts';
import { ReviewChip, StatusChip } from '../components/chips.tsx';
import { displayLabel } from '../cases/labels.ts';
import { ReviewEntries, viewer } from './review-entries.tsx';
import { DismissedHistory } from './dismissed-history.tsx';

function CaseHeader(p: { review: CaseReview }) {
  const r = p.review.record;
  if (!r) {
    return (
      <header class="review-case-head">
        <h2>{t('review.case.missing')}</h2>
      </header>
    );
  }
  return (
    <header class="review-case-head">
      <h2><a class="tap" href={`/cases/${r.id}`} data-testid="review-case-link">{displayLabel(r)}</a></h2>
      <div class="chips">
        <StatusChip status={r.status} />
        {r.needsReview && <ReviewChip />}
      </div>
      <p class="muted small">
        {t('detail.summary', { category: categoryName(r.categoryCode), date: formatDate(r.acceptedOn) })} · {placeName(r.villageCode)}
      </p>
    </header>
  );
}

export function ReviewScreen() {
  const inbox = useReviewInbox();
  const dismissed = useDismissedReviews();
  const groups = inbox.value ?? [];
  const entries = groups.flatMap((g) => g.entries);
  const conflicts = entries.filter((e) => e.item.kind === 'conflict' && !e.isHandled).length;
  const rejected = entries.filter((e) => e.item.kind === 'rejected').length;
  return (
    <section class="screen review-screen" aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      <p class="muted">{t('review.intro')}</p>
      {!inbox.loaded && !inbox.value ? (
        <p class="muted">{t('common.loading')}</p>
      ) : groups.length === 0 ? (
        <p class="empty" data-testid="review-empty">{t('review.empty')}</p>
      ) : (
        <>
          <p class="review-summary" data-testid="review-summary">{t('review.summary', { conflicts, rejected })}</p>
          {groups.map((g) => (
            <section key={g.caseId} class="review-case" data-testid="review-case" data-case-id={g.caseId}>
              <CaseHeader review={g} />
              <ReviewEntries entries={g.entries} record={g.record} />
            </section>
          ))}
        </>
      )}
      <DismissedHistory items={dismissed} viewer={viewer()} />
    </section>
  );
}
