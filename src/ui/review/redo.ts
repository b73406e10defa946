// 重新办理 for a refused change: where on the device the same thing is done again. What was refused
// — a header edit, a 受理登记, a step (调解不成, 协议, 不予受理) or a record (调解, 调查, 回访, 备注) —
// is laid into that form's draft (only when the person has no draft of their own there), so the
// form opens with the refused text, ready to correct. A step the case can no longer take opens
// the case, where its legal next steps are offered.

import type { CaseRecord, PatchableField } from '../../shared/case.ts';
import { FORM_DRAFT_VERSION, editedOn } from '../../shared/fields/case-fields.ts';
import type { CaseEvent } from '../../shared/events.ts';
import { nextStatuses, type CaseStatus } from '../../shared/lifecycle.ts';
import type { Mutation } from '../../shared/mutations.ts';
import { loadDraft, saveDraft } from '../../state/settings.ts';
import type { CaseAction } from '../cases/case-actions.ts';
import type { NewCaseDraft } from '../cases/new-case-screen.tsx';

export interface Redo {
  href: string;
  /** Fills the form's draft before opening it. */
  prefill?: () => Promise<void>;
}

const actionForStatus: Partial<Record<CaseStatus, CaseAction>> = {
  mediating: 'session', agreed: 'agreement', terminated: 'terminate', rejected: 'reject', visited: 'visit', archived: 'archive',
};
const actionForEvent: Partial<Record<CaseEvent['kind'], CaseAction>> = {
  session: 'session', investigation: 'investigation', visit: 'visit', note: 'note',
};

/** Lays `value` into the draft `key` unless the person already has a draft there. */
async function prefillDraft(key: string, value: () => Promise<object>): Promise<void> {
  if ((await loadDraft(key)) !== undefined) return;
  await saveDraft(key, await value());
}

/**
 * How to redo `m`, or undefined when there is nothing to redo here: the case is not on this
 * device, or a refused 受理登记 was someone else's (it belongs to their village's form).
 */
export function redoOf(m: Mutation, record: CaseRecord | undefined, viewerId: string | undefined): Redo | undefined {
  if (m.name === 'case.create') {
    if (m.userId !== viewerId) return undefined;
    const refused = m.args.record;
    return {
      href: '/new',
      prefill: () => prefillDraft('new-case', async (): Promise<NewCaseDraft> => ({ ...(await import('../cases/edit-case-draft.ts')).valuesOf(refused), v: FORM_DRAFT_VERSION, pickingCategory: false })),
    };
  }
  if (!record) return undefined;
  const caseHref = `/cases/${record.id}`;
  const action = (a: CaseAction | undefined): Redo => ({ href: a ? `${caseHref}/${a}` : caseHref });
  const filled = (a: CaseAction, draft: () => Promise<object>): Redo => ({ href: `${caseHref}/${a}`, prefill: () => prefillDraft(`case:${record.id}:${a}`, draft) });
  switch (m.name) {
    case 'case.transition': {
      // A step the case can no longer take (someone moved it on first) opens the case, where its
      // legal next steps are offered, rather than a form that would refuse again.
      const a = nextStatuses(record.status).includes(m.args.to) ? actionForStatus[m.args.to] : undefined;
      if (!a) return action(undefined);
      const { termination, rejection, agreement } = m.args;
      if (a === 'terminate' && termination) return filled(a, async () => ({ reason: termination.reason, told: termination.otherRoutesTold }));
      if (a === 'reject' && rejection) return filled(a, async () => ({ reason: rejection.reason, note: rejection.note }));
      if (a === 'agreement' && agreement) return filled(a, async () => (await import('../cases/forms/agreement-draft.ts')).agreementDraftOf(agreement));
      return action(a);
    }
    case 'event.append': {
      const a = actionForEvent[m.args.event.kind];
      if (!a) return action(undefined);
      const e = m.args.event;
      if (e.kind === 'note' && e.data.topic === undefined) return filled(a, async () => ({ text: e.data.text }));
      if (e.kind === 'visit') return filled(a, async () => ({ ...e.data }));
      if (e.kind === 'session') {
        const data = e.data;
        return filled(a, async () => {
          const { toLocalInput } = await import('../format.ts');
          const ids = new Map(record.private.parties.map((x) => [x.name, x.id]));
          const statements = Object.fromEntries(data.statements.flatMap((x) => (ids.has(x.partyName) ? [[ids.get(x.partyName), x.text]] : [])));
          return { at: toLocalInput(new Date(data.at)), place: data.place, participants: data.participants.join('、'), statements, result: data.result, recorder: data.recorder ?? '' };
        });
      }
      if (e.kind === 'investigation') {
        const data = e.data;
        return filled(a, async () => ({
          at: (await import('../format.ts')).toLocalInput(new Date(data.at)), place: data.place, investigators: data.investigators.join('、'), subject: data.subject, content: data.content,
        }));
      }
      return action(a);
    }
    case 'case.void':
      return action('void');
    case 'case.patch': {
      const fields = Object.keys(m.patch) as PatchableField[];
      if (fields.some((f) => editedOn(f) === 'edit')) {
        const patch = m.patch;
        return {
          href: `${caseHref}/edit`,
          prefill: () => prefillDraft(`case:${record.id}:edit`, async () => (await import('../cases/edit-case-draft.ts')).draftWithPatch(record, patch)),
        };
      }
      if (fields.some((f) => editedOn(f) === 'confirmation')) return action('confirmation');
      return action(fields.some((f) => editedOn(f) === 'flags') ? 'flags' : undefined);
    }
    case 'conflict.resolve':
    case 'review.dismiss':
      return action(undefined);
    // Not a case's change: a refused 排查 or 上报 is redone from its own screen.
    case 'screening.save':
    case 'alert.raise':
    case 'alert.ack':
    case 'referral.send':
    case 'referral.accept':
    case 'referral.return':
      return undefined;
  }
}
