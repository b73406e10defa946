// The open review items of one case, as the inbox and the case's 待核对 panel both show them.
// Decisions go through state/review.ts: a conflict.resolve or a review.dismiss mutation, written
// like any edit.

import type { CaseRecord } from '../../shared/case.ts';
import { t } from '../../shared/i18n/index.ts';
import { writeContext } from '../../state/app-state.ts';
import { session } from '../../state/session.ts';
import { showFlash } from '../../state/flash.ts';
import { dismissRejected, resolveConflict, type ReviewEntry } from '../../state/review.ts';
import { ConflictCard, type Viewer } from './conflict-card.tsx';
import { RejectedCard } from './rejected-card.tsx';
import './review.css';

export function viewer(): Viewer | undefined {
  const user = session.value?.me.user;
  return user ? { id: user.id, name: user.displayName } : undefined;
}

export function ReviewEntries(p: { entries: ReviewEntry[]; record: CaseRecord | undefined }) {
  const me = viewer();
  const resolve = async (conflictId: string, value: unknown) => {
    await resolveConflict(writeContext(), conflictId, value);
    showFlash(t('review.saved'));
  };
  const dismiss = async (reviewId: string) => {
    await dismissRejected(writeContext(), reviewId);
    showFlash(t('review.dismissed'));
  };
  const hasConflict = p.entries.some((e) => e.item.kind === 'conflict');
  return (
    <div class="review-entries">
      {p.entries.map((entry) =>
        entry.item.kind === 'conflict'
          ? <ConflictCard key={entry.item.id} entry={entry} viewer={me} onResolve={(value) => resolve(entry.item.id, value)} />
          : (
            <RejectedCard
              key={entry.item.id} item={entry.item} record={p.record} viewer={me} onDismiss={() => dismiss(entry.item.id)}
              onTakeOver={() => dismissRejected(writeContext(), entry.item.id)}
            />
          ),
      )}
      {hasConflict && <p class="muted small">{t('review.clockNote')}</p>}
    </div>
  );
}
