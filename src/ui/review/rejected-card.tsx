// A change the server refused (invalid content, a step no longer legal, a voided case…): what was
// tried, in plain Chinese, and the server's own sentence. 重新办理 opens where the same thing is
// done again (redo.ts); 知道了 queues a review.dismiss, which takes the item out of 待核对 here at
// once and on every device in scope after sync. The server keeps it for the history.

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { CaseRecord } from '../../shared/case.ts';
import type { Mutation } from '../../shared/mutations.ts';
import type { PatchableField } from '../../shared/case.ts';
import type { ReviewItem } from '../../shared/protocol.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatInstant } from '../format.ts';
import { describeFailure, type FormFailure } from '../components/errors.ts';
import { fieldLabel } from './field-values.tsx';
import { personName, type Viewer } from './conflict-card.tsx';
import { redoOf } from './redo.ts';
import { kindLabel } from '../cases/timeline.tsx';

/** "修改纠纷简要情况、纠纷发生地点", "把案件从“调解中”改为“调解成功”"… */
export function describeMutation(m: Mutation): string {
  switch (m.name) {
    case 'case.create':
      return t('review.action.create', { label: m.args.record.provisionalNo });
    case 'case.patch':
      return t('review.action.patch', { fields: (Object.keys(m.patch) as PatchableField[]).map(fieldLabel).join('、') });
    case 'case.transition':
      return t('review.action.transition', { from: t(`case.status.${m.args.from}`), to: t(`case.status.${m.args.to}`) });
    case 'case.void':
      return t('review.action.void');
    case 'event.append':
      return t('review.action.event', { kind: t(kindLabel[m.args.event.kind]) });
    case 'conflict.resolve':
      return t('review.action.resolve', { field: fieldLabel(m.args.field) });
    case 'review.dismiss':
      return t('review.action.dismiss');
  }
}

/** What was refused, why, by whom and when: the card's body and the history's line. */
export function RejectedSummary(p: { item: ReviewItem; viewer: Viewer | undefined; headingId: string }) {
  const rejected = p.item.rejected;
  if (!rejected) return null;
  const m = rejected.mutation;
  return (
    <>
      <h3 id={p.headingId}>{t('review.rejected.action', { action: describeMutation(m) })}</h3>
      <p class="rejected-reason">{t('review.rejected.reason', { message: rejected.message })}</p>
      <p class="version-meta">
        <span>{t('review.by', { name: personName(m.userId, rejected.byName, p.viewer) })}</span>
        <span>{t('review.at', { time: formatInstant(m.deviceTime) })}</span>
      </p>
    </>
  );
}

export function RejectedCard(p: { item: ReviewItem; record: CaseRecord | undefined; viewer: Viewer | undefined; onDismiss: () => Promise<void> }) {
  const { route } = useLocation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const rejected = p.item.rejected;
  if (!rejected) return null;
  const redo = redoOf(rejected.mutation, p.record, p.viewer?.id);
  const act = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(describeFailure(error));
      setBusy(false);
    }
  };
  return (
    <article class="review-item rejected" data-testid="rejected" aria-labelledby={`rejected-${p.item.id}`}>
      <RejectedSummary item={p.item} viewer={p.viewer} headingId={`rejected-${p.item.id}`} />
      <p class="muted small">{t(redo ? 'review.rejected.hint' : 'review.rejected.hintNoRedo')}</p>
      <div class="row-2">
        {redo && (
          <button
            type="button" class="button" disabled={busy} data-testid="redo"
            onClick={() => void act(async () => {
              await redo.prefill?.();
              route(redo.href);
            })}
          >
            {t('review.rejected.redo')}
          </button>
        )}
        <button type="button" class="button primary" disabled={busy} data-testid="dismiss" onClick={() => void act(p.onDismiss)}>
          {t('review.rejected.dismiss')}
        </button>
      </div>
      <div role="alert" class="form-error">{failure && <p>{failure.message}</p>}</div>
    </article>
  );
}
