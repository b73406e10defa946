// 重新办理 for a refused change: where on the device the same thing is done again. A refused
// header edit or 受理登记 is laid into that form's draft (only when the person has no draft of
// their own there), so the form opens with what was refused, ready to correct; other steps open
// their empty form or the case.

import type { CaseRecord, PatchableField } from '../../shared/case.ts';
import { FORM_DRAFT_VERSION, editedOn } from '../../shared/fields/case-fields.ts';
import type { CaseEvent } from '../../shared/events.ts';
import { nextStatuses, type CaseStatus } from '../../shared/lifecycle.ts';
import type { Mutation } from '../../shared/mutations.ts';
import { loadDraft, saveDraft } from '../../db/settings.ts';
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
  switch (m.name) {
    case 'case.transition':
      // A step the case can no longer take (the usual refusal: someone moved it on first) opens the
      // case, where its legal next steps are offered, rather than a form that would refuse again.
      return action(nextStatuses(record.status).includes(m.args.to) ? actionForStatus[m.args.to] : undefined);
    case 'event.append':
      return action(actionForEvent[m.args.event.kind]);
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
  }
}
