// The frame and flow every case action form shares: a draft per case and action, one submit that
// writes through state/actions, "已保存" only after the write resolved, then back to the case.

import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import type { CaseRecord } from '../../../shared/case.ts';
import { t } from '../../../shared/i18n/index.ts';
import type { WriteContext } from '../../../state/errors.ts';
import { writeContext } from '../../../state/app-state.ts';
import { useDraft, type Draft } from '../../../state/drafts.ts';
import { showFlash } from '../../../state/flash.ts';
import { useSubmit, type Submit } from '../../components/use-submit.ts';
import { DraftNotice, FormFooter } from '../../components/form-footer.tsx';
import { displayLabel } from '../labels.ts';
import { actionLabel, type CaseAction } from '../case-actions.ts';

/** Draft keys whose validation path differs from their name. */
const fieldOfDraftKey: Record<string, string> = { amount: 'amountYuan', told: 'otherRoutesTold', flags: 'prevention' };

export interface ActionForm<T> {
  draft: Draft<T>;
  submit: Submit;
  /** Runs the write; on success clears the draft, says 已保存 and returns to the case. */
  save: (write: (ctx: WriteContext) => Promise<unknown>) => void;
}

export function useActionForm<T extends object>(record: CaseRecord, action: CaseAction, initial: () => T): ActionForm<T> {
  const { route } = useLocation();
  const stored = useDraft<T>(`case:${record.id}:${action}`, initial);
  const submit = useSubmit();
  // Editing a field drops its error: the changed top-level keys name the fields (amount → amountYuan).
  const draft: Draft<T> = {
    ...stored,
    set: (next) => {
      let changed: string[] = [];
      // useDraft runs the updater synchronously on its latest value, so `changed` is known below.
      stored.set((prev) => {
        const after = typeof next === 'function' ? (next as (prev: T) => T)(prev) : next;
        const [a, b] = [after as Record<string, unknown>, prev as Record<string, unknown>];
        changed = Object.keys(a).filter((k) => a[k] !== b[k]);
        return after;
      });
      submit.dismiss(changed.map((k) => fieldOfDraftKey[k] ?? k));
    },
  };
  const save = (write: (ctx: WriteContext) => Promise<unknown>) =>
    void submit.run(async () => {
      await write(writeContext());
      await draft.clear();
      showFlash(t('common.saved'));
      route(`/cases/${record.id}`);
    });
  return { draft, submit, save };
}

export function ActionFrame<T>(p: {
  record: CaseRecord;
  action: CaseAction;
  form: ActionForm<T>;
  onSubmit: () => void;
  submitLabel?: string;
  children: ComponentChildren;
}) {
  const { draft, submit } = p.form;
  if (!draft.loaded) return <p class="screen muted">{t('common.loading')}</p>;
  return (
    <form
      class="screen form"
      noValidate
      ref={submit.formRef}
      aria-labelledby="action-title"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit();
      }}
    >
      <a class="back" href={`/cases/${p.record.id}`}>‹ {t('action.forCase', { label: displayLabel(p.record) })}</a>
      <h1 id="action-title">{t(actionLabel[p.action])}</h1>
      {draft.restored && <DraftNotice onStartOver={() => void draft.reset()} />}
      {p.children}
      <FormFooter label={p.submitLabel ?? t('action.submit')} busy={submit.busy} failure={submit.failure} draftSavedAt={draft.savedAt} testId="submit" />
    </form>
  );
}
