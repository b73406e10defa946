// A change the server refused (invalid content, a step no longer legal, a voided case…): what was
// tried, in plain Chinese, and the server's own sentence. The server offers no way to mark such
// an item as seen (conflict.resolve takes conflicts only), so the card is read-only and says so.

import type { Mutation } from '../../shared/mutations.ts';
import type { PatchableField } from '../../shared/case.ts';
import type { CaseEvent } from '../../shared/events.ts';
import type { ReviewItem } from '../../shared/protocol.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { formatInstant } from '../format.ts';
import { fieldLabel } from './field-values.tsx';
import { personName, type Viewer } from './conflict-card.tsx';

const eventKind: Record<CaseEvent['kind'], MessageKey> = {
  session: 'timeline.session',
  investigation: 'timeline.investigation',
  visit: 'timeline.visit',
  note: 'timeline.note',
  transition: 'timeline.transition',
  attachment: 'attach.title',
};

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
      return t('review.action.event', { kind: t(eventKind[m.args.event.kind]) });
    case 'conflict.resolve':
      return t('review.action.resolve', { field: fieldLabel(m.args.field) });
  }
}

export function RejectedCard(p: { item: ReviewItem; viewer: Viewer | undefined }) {
  const rejected = p.item.rejected;
  if (!rejected) return null;
  const m = rejected.mutation;
  return (
    <article class="review-item rejected" data-testid="rejected" aria-labelledby={`rejected-${p.item.id}`}>
      <h3 id={`rejected-${p.item.id}`}>{t('review.rejected.action', { action: describeMutation(m) })}</h3>
      <p class="rejected-reason">{t('review.rejected.reason', { message: rejected.message })}</p>
      <p class="version-meta">
        <span>{t('review.by', { name: personName(m.userId, rejected.byName, p.viewer) })}</span>
        <span>{t('review.at', { time: formatInstant(m.deviceTime) })}</span>
      </p>
      <p class="muted small">{t('review.rejected.readOnly')}</p>
    </article>
  );
}
