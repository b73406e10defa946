// 已知悉: refused changes someone marked 知道了, folded under the inbox (all of them) and under a
// case's 待核对 panel (that case's). They leave 待核对 but are never deleted: here is who said
// 知道了 and when, next to what was refused and why.

import type { ReviewItem } from '../../shared/protocol.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatInstant } from '../format.ts';
import { personName, type Viewer } from './conflict-card.tsx';
import { RejectedSummary } from './rejected-card.tsx';

/** The newest this many are shown; the server keeps every one. */
const SHOWN = 50;

export function DismissedHistory(p: { items: ReviewItem[]; viewer: Viewer | undefined }) {
  if (p.items.length === 0) return null;
  return (
    <details class="review-history" data-testid="review-history">
      <summary>{t('review.history.title', { n: p.items.length })}</summary>
      <div class="review-entries">
        {p.items.slice(0, SHOWN).map((item) => (
          <article key={item.id} class="review-item dismissed" data-testid="dismissed" aria-labelledby={`dismissed-${item.id}`}>
            <RejectedSummary item={item} viewer={p.viewer} headingId={`dismissed-${item.id}`} />
            {item.dismissed && (
              <p class="handled-note" data-testid="dismissed-by">
                {t('review.history.by', { name: personName(item.dismissed.by, item.dismissed.byName, p.viewer), time: formatInstant(item.dismissed.at) })}
              </p>
            )}
          </article>
        ))}
      </div>
    </details>
  );
}
