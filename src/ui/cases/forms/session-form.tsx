// 人民调解记录 (one session) and 调查记录. The first session moves an accepted case to 调解中.

import type { CaseRecord } from '../../../shared/case.ts';
import type { InvestigationData, SessionData } from '../../../shared/events.ts';
import { t } from '../../../shared/i18n/index.ts';
import { addInvestigation, addSession } from '../../../state/actions.ts';
import { profile } from '../../../state/app-state.ts';
import { TextArea, TextField } from '../../components/fields.tsx';
import { fromLocalInput, splitList, toLocalInput } from '../../format.ts';
import { ActionFrame, useActionForm } from './action-form.tsx';

interface SessionDraft {
  at: string;
  place: string;
  participants: string;
  /** Statement text per party id. */
  statements: Record<string, string>;
  result: string;
  recorder: string;
}

export function SessionForm(p: { record: CaseRecord }) {
  const parties = p.record.private.parties;
  const form = useActionForm<SessionDraft>(p.record, 'session', () => ({
    at: toLocalInput(new Date()), place: p.record.private.place, participants: '', statements: {}, result: '', recorder: profile.value?.name ?? '',
  }));
  const d = form.draft.value;
  const e = form.submit.fields;
  const set = (patch: Partial<SessionDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));

  const onSubmit = () => {
    const data: SessionData = {
      at: fromLocalInput(d.at), place: d.place, participants: splitList(d.participants),
      statements: parties.filter((x) => (d.statements[x.id] ?? '').trim() !== '').map((x) => ({ partyName: x.name, text: (d.statements[x.id] ?? '').trim() })),
      result: d.result, ...(d.recorder.trim() ? { recorder: d.recorder.trim() } : {}),
    };
    form.save((ctx) => addSession(ctx, p.record.id, data));
  };

  return (
    <ActionFrame record={p.record} action="session" form={form} onSubmit={onSubmit}>
      <TextField id="at" type="datetime-local" label={t('sessionForm.at')} required value={d.at} error={e.at} onInput={(at) => set({ at })} />
      <TextField id="place" label={t('sessionForm.place')} required value={d.place} error={e.place} onInput={(place) => set({ place })} />
      <TextField id="participants" label={t('sessionForm.participants')} hint={t('sessionForm.participants.hint')} value={d.participants} error={e.participants} onInput={(participants) => set({ participants })} />
      <fieldset class="field-group">
        <legend>{t('sessionForm.statements')}</legend>
        {parties.map((x) => (
          <TextArea
            key={x.id}
            id={`statement-${x.id}`}
            label={t('sessionForm.statement', { name: `${x.role} ${x.name}` })}
            rows={2}
            value={d.statements[x.id] ?? ''}
            onInput={(text) => set({ statements: { ...d.statements, [x.id]: text } })}
          />
        ))}
      </fieldset>
      <TextArea id="result" label={t('sessionForm.result')} hint={t('sessionForm.result.hint')} required rows={3} value={d.result} error={e.result} onInput={(result) => set({ result })} />
      <TextField id="recorder" label={t('sessionForm.recorder')} value={d.recorder} error={e.recorder} onInput={(recorder) => set({ recorder })} />
    </ActionFrame>
  );
}

interface InvestigationDraft {
  at: string;
  place: string;
  investigators: string;
  subject: string;
  content: string;
}

export function InvestigationForm(p: { record: CaseRecord }) {
  const form = useActionForm<InvestigationDraft>(p.record, 'investigation', () => ({
    at: toLocalInput(new Date()), place: p.record.private.place, investigators: profile.value?.name ?? '', subject: '', content: '',
  }));
  const d = form.draft.value;
  const e = form.submit.fields;
  const set = (patch: Partial<InvestigationDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));

  const onSubmit = () => {
    const data: InvestigationData = { at: fromLocalInput(d.at), place: d.place, investigators: splitList(d.investigators), subject: d.subject, content: d.content };
    form.save((ctx) => addInvestigation(ctx, p.record.id, data));
  };

  return (
    <ActionFrame record={p.record} action="investigation" form={form} onSubmit={onSubmit}>
      <TextField id="at" type="datetime-local" label={t('investigationForm.at')} required value={d.at} error={e.at} onInput={(at) => set({ at })} />
      <TextField id="place" label={t('investigationForm.place')} required value={d.place} error={e.place} onInput={(place) => set({ place })} />
      <TextField id="subject" label={t('investigationForm.subject')} required value={d.subject} error={e.subject} onInput={(subject) => set({ subject })} />
      <TextField id="investigators" label={t('investigationForm.investigators')} hint={t('form.list.hint')} value={d.investigators} error={e.investigators} onInput={(investigators) => set({ investigators })} />
      <TextArea id="content" label={t('investigationForm.content')} required rows={5} value={d.content} error={e.content} onInput={(content) => set({ content })} />
    </ActionFrame>
  );
}
