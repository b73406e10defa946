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
import { authorLine, personName, type Viewer } from './conflict-card.tsx';
import { maskNames } from '../../shared/case.ts';
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
    case 'screening.save':
      return t('review.action.screening', { date: m.args.record.heldOn });
    case 'alert.raise':
      return t('review.action.alertRaise', { grade: t(`alert.grade.${m.args.alert.grade}`) });
    case 'alert.ack':
      return t('review.action.alertAck');
    case 'referral.send':
      return t('review.action.referralSend');
    case 'referral.accept':
      return t('review.action.referralAccept');
    case 'referral.return':
      return t('review.action.referralReturn');
  }
}

/** Every party name the refused change carries, to mask its text as lists do (domain.md §8.4). */
function namesIn(m: Mutation): string[] {
  if (m.name === 'case.create') return m.args.record.private.parties.map((x) => x.name);
  if (m.name === 'case.patch' && Array.isArray(m.patch['private.parties']?.next)) {
    return (m.patch['private.parties'].next as { name?: unknown }[]).flatMap((x) => (typeof x.name === 'string' ? [x.name] : []));
  }
  if (m.name === 'event.append') {
    const e = m.args.event;
    if (e.kind === 'session') return e.data.statements.map((x) => x.partyName);
    if (e.kind === 'visit') return [e.data.visitedPerson];
  }
  return [];
}

/** The text the person typed into the refused step, so it is not lost: reasons, results, terms, notes. */
export function refusedText(m: Mutation): string[] {
  switch (m.name) {
    case 'case.transition': {
      const a = m.args;
      if (a.termination) return [a.termination.reason];
      if (a.rejection) return [[a.rejection.reason, a.rejection.note].filter((x) => x !== '').join('：')];
      if (a.agreement) return a.agreement.terms;
      return [];
    }
    case 'event.append': {
      const e = m.args.event;
      switch (e.kind) {
        case 'session': return [...e.data.statements.map((x) => `${x.partyName}：${x.text}`), e.data.result];
        case 'investigation': return [e.data.content];
        case 'visit': return [`${e.data.visitedPerson}：${e.data.performance}，${e.data.satisfaction}`, e.data.notes];
        case 'note': return e.data.topic === 'resolution' ? [] : [e.data.text];
        default: return [];
      }
    }
    case 'case.create':
      return [m.args.record.private.facts];
    case 'case.patch':
      return typeof m.patch['private.facts']?.next === 'string' ? [m.patch['private.facts'].next] : [];
    case 'case.void':
      return [m.args.reason];
    default:
      return [];
  }
}

/** What was refused, why, by whom and when: the card's body and the history's line. */
export function RejectedSummary(p: { item: ReviewItem; viewer: Viewer | undefined; headingId: string }) {
  const rejected = p.item.rejected;
  if (!rejected) return null;
  const m = rejected.mutation;
  const lines = refusedText(m).map((x) => x.trim()).filter((x) => x !== '');
  const names = namesIn(m);
  return (
    <>
      <h3 id={p.headingId}>{t('review.rejected.action', { action: describeMutation(m) })}</h3>
      <p class="rejected-reason">{t('review.rejected.reason', { message: rejected.message })}</p>
      {lines.length > 0 && (
        <div class="refused-content" data-testid="refused-content">
          <p class="muted small">{t('review.rejected.refusedContent')}</p>
          {lines.map((line, i) => <p key={i} class="prose">{maskNames(line, names)}</p>)}
        </div>
      )}
      <p class="version-meta">
        <span>{t('review.by', { name: authorLine(personName(m.userId, rejected.byName, p.viewer), m.clientId) })}</span>
        <span>{t('review.at', { time: formatInstant(m.deviceTime) })}</span>
      </p>
    </>
  );
}

export function RejectedCard(p: {
  item: ReviewItem;
  record: CaseRecord | undefined;
  viewer: Viewer | undefined;
  onDismiss: () => Promise<void>;
  /** 重新办理 takes the refusal over: it leaves 待核对 for 已知悉 (its text kept there and in the form). */
  onTakeOver: () => Promise<void>;
}) {
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
    } finally {
      // The card may stay on screen (重新办理 can open the page it is on): never leave it disabled.
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
              await p.onTakeOver();
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
