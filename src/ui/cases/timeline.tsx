// 办理经过: sessions, investigations, visits, notes, status changes and attachments, newest first.

import type { CaseEvent } from '../../shared/events.ts';
import { fieldLabelKey, patchableFields, type PatchableField } from '../../shared/fields/case-fields.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { formatDate, formatInstant } from '../format.ts';

/** What each kind of event is called (the timeline, and a refused one in 待核对). */
export const kindLabel: Record<CaseEvent['kind'], MessageKey> = {
  session: 'timeline.session',
  investigation: 'timeline.investigation',
  visit: 'timeline.visit',
  note: 'timeline.note',
  transition: 'timeline.transition',
  attachment: 'attach.title',
};

function Lines(p: { lines: (string | false | undefined)[] }) {
  return (
    <>
      {p.lines.filter((l): l is string => typeof l === 'string' && l !== '').map((l, i) => (
        <p key={i}>{l}</p>
      ))}
    </>
  );
}

/** Shows free text as the case screen shows it: party names masked until revealed. */
export type Show = (text: string) => string;
const asIs: Show = (text) => text;

function Body(p: { event: CaseEvent; show: Show }) {
  const e = p.event;
  const show = p.show;
  switch (e.kind) {
    case 'session':
      return (
        <Lines
          lines={[
            t('timeline.place', { text: e.data.place }),
            e.data.participants.length > 0 && t('timeline.participants', { text: e.data.participants.join('、') }),
            ...e.data.statements.map((s) => show(t('timeline.statement', { name: s.partyName, text: s.text }))),
            show(t('timeline.result', { text: e.data.result })),
            e.data.recorder && t('timeline.recorder', { text: e.data.recorder }),
          ]}
        />
      );
    case 'investigation':
      return (
        <Lines
          lines={[
            t('timeline.place', { text: e.data.place }),
            show(t('timeline.subject', { text: e.data.subject })),
            e.data.investigators.length > 0 && t('timeline.investigators', { text: e.data.investigators.join('、') }),
            show(e.data.content),
          ]}
        />
      );
    case 'visit':
      return (
        <Lines
          lines={[
            show(t('timeline.visitSummary', { person: e.data.visitedPerson, performance: e.data.performance, satisfaction: e.data.satisfaction })),
            show(e.data.notes),
          ]}
        />
      );
    case 'note':
      if (e.data.topic === 'resolution') {
        const field = (patchableFields as readonly string[]).includes(e.data.text) ? t(fieldLabelKey(e.data.text as PatchableField)) : e.data.text;
        return <Lines lines={[t(e.data.decision === 'kept' ? 'review.resolution.kept' : 'review.resolution.changed', { field })]} />;
      }
      if (e.data.topic === 'referral' && e.data.referral) {
        // 移交, 接收, 退回: written by the server (referrals/sync-apply.ts); the text is the reason.
        const step = e.data.referral;
        const head = t(`referral.event.${step.action}`, { to: step.to, from: step.from });
        return <Lines lines={[head, e.data.text === '' ? '' : show(t('referral.reason', { reason: e.data.text }))]} />;
      }
      return <Lines lines={[show(e.data.text)]} />;
    case 'attachment':
      return <Lines lines={[t('attach.timeline', { purpose: e.data.purpose, name: e.data.name })]} />;
    case 'transition':
      return <Lines lines={[t('timeline.transitionText', { from: t(`case.status.${e.data.from}`), to: t(`case.status.${e.data.to}`) })]} />;
  }
}

export function Timeline(p: { events: CaseEvent[]; show?: Show }) {
  if (p.events.length === 0) return <p class="muted">{t('detail.timeline.empty')}</p>;
  return (
    <ol class="timeline" data-testid="timeline">
      {p.events.map((e) => (
        <li key={e.id} class={`timeline-item kind-${e.kind}`}>
          <div class="timeline-head">
            <strong>{e.kind === 'note' && e.data.topic === 'resolution' ? t('timeline.resolution') : e.kind === 'note' && e.data.topic === 'referral' ? t('referral.title') : t(kindLabel[e.kind])}</strong>
            <span class="muted">
              {e.kind === 'visit' ? formatDate(e.data.on) : formatInstant(e.at)}
            </span>
          </div>
          <Body event={e} show={p.show ?? asIs} />
        </li>
      ))}
    </ol>
  );
}
