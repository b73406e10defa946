// 回访: checks how the agreement is being performed (Art 31); the first visit moves the case to 已回访.
// Also the 备注 and flag-editing forms, which are as small.

import type { CaseRecord, PerformanceStatus } from '../../../shared/case.ts';
import type { VisitData } from '../../../shared/events.ts';
import { t } from '../../../shared/i18n/index.ts';
import { addNote, addVisit, editFlags } from '../../../state/actions.ts';
import { ChoiceGroup, TextArea, TextField } from '../../components/fields.tsx';
import { today } from '../../format.ts';
import { ActionFrame, useActionForm } from './action-form.tsx';
import { FlagsEditor, flagsDraftOf, parseFlags, type FlagsDraft } from './flags-editor.tsx';

const performances: PerformanceStatus[] = ['已履行', '部分履行', '未履行'];
const satisfactions: VisitData['satisfaction'][] = ['满意', '基本满意', '不满意'];

interface VisitDraft {
  on: string;
  visitedPerson: string;
  performance: PerformanceStatus | '';
  satisfaction: VisitData['satisfaction'] | '';
  notes: string;
}

export function VisitForm(p: { record: CaseRecord }) {
  const form = useActionForm<VisitDraft>(p.record, 'visit', () => ({ on: today(), visitedPerson: '', performance: '', satisfaction: '', notes: '' }));
  const d = form.draft.value;
  const e = form.submit.fields;
  const set = (patch: Partial<VisitDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));
  // Unpicked choices ('') are refused by the shared schema with their own field messages.
  const onSubmit = () =>
    form.save((ctx) =>
      addVisit(ctx, p.record.id, {
        on: d.on, visitedPerson: d.visitedPerson, performance: d.performance as PerformanceStatus,
        satisfaction: d.satisfaction as VisitData['satisfaction'], notes: d.notes.trim(),
      }),
    );
  return (
    <ActionFrame record={p.record} action="visit" form={form} onSubmit={onSubmit}>
      <TextField id="on" type="date" label={t('visitForm.on')} required max={today()} value={d.on} error={e.on} onInput={(on) => set({ on })} />
      <TextField id="visitedPerson" label={t('visitForm.person')} required value={d.visitedPerson} error={e.visitedPerson} onInput={(visitedPerson) => set({ visitedPerson })} />
      <div class="quick-fill">
        {p.record.private.parties.map((x) => (
          <button key={x.id} type="button" class="chip-button" aria-pressed={d.visitedPerson === x.name} onClick={() => set({ visitedPerson: x.name })}>
            {x.name}
          </button>
        ))}
      </div>
      <ChoiceGroup id="performance" label={t('visitForm.performance')} required value={d.performance} choices={performances.map((x) => ({ value: x, label: x }))} error={e.performance} onChange={(performance) => set({ performance })} />
      <ChoiceGroup id="satisfaction" label={t('visitForm.satisfaction')} required value={d.satisfaction} choices={satisfactions.map((x) => ({ value: x, label: x }))} error={e.satisfaction} onChange={(satisfaction) => set({ satisfaction })} />
      <TextArea id="notes" label={t('visitForm.notes')} hint={t('visitForm.notes.hint')} rows={4} value={d.notes} error={e.notes} onInput={(notes) => set({ notes })} />
    </ActionFrame>
  );
}

export function NoteForm(p: { record: CaseRecord }) {
  const form = useActionForm<{ text: string }>(p.record, 'note', () => ({ text: '' }));
  return (
    <ActionFrame record={p.record} action="note" form={form} onSubmit={() => form.save((ctx) => addNote(ctx, p.record.id, form.draft.value.text.trim()))}>
      <TextArea id="text" label={t('noteForm.text')} required rows={5} value={form.draft.value.text} error={form.submit.fields.text} onInput={(text) => form.draft.set({ text })} />
    </ActionFrame>
  );
}

export function FlagsForm(p: { record: CaseRecord }) {
  const form = useActionForm<{ flags: FlagsDraft }>(p.record, 'flags', () => ({ flags: flagsDraftOf(p.record) }));
  const onSubmit = () => {
    const parsed = parseFlags(form.draft.value.flags);
    if (Object.keys(parsed.errors).length > 0) return form.submit.fail({ message: t('transition.invalid'), fields: parsed.errors });
    form.save((ctx) => editFlags(ctx, p.record.id, parsed.flags));
  };
  return (
    <ActionFrame record={p.record} action="flags" form={form} onSubmit={onSubmit}>
      <FlagsEditor value={form.draft.value.flags} errors={form.submit.fields} onChange={(flags) => form.draft.set({ flags })} />
    </ActionFrame>
  );
}
