// 调解不成 (termination, Art 26: parties must be told of the other routes), 不予受理, 归档, and
// 作废 (a case registered by mistake: kept on record, never deleted, out of the statistics).

import type { CaseRecord, Rejection } from '../../../shared/case.ts';
import { t } from '../../../shared/i18n/index.ts';
import { archive, reject, terminate, voidCase } from '../../../state/actions.ts';
import { CheckField, ChoiceGroup, TextArea } from '../../components/fields.tsx';
import { ActionFrame, useActionForm } from './action-form.tsx';
import { FlagsEditor, flagsDraftOf, parseFlags, type FlagsDraft } from './flags-editor.tsx';

interface TerminateDraft {
  reason: string;
  told: boolean;
  flags: FlagsDraft;
}

export function TerminateForm(p: { record: CaseRecord }) {
  const form = useActionForm<TerminateDraft>(p.record, 'terminate', () => ({ reason: '', told: false, flags: flagsDraftOf(p.record) }));
  const d = form.draft.value;
  const e = form.submit.fields;
  const set = (patch: Partial<TerminateDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));
  const onSubmit = () => {
    const parsed = parseFlags(d.flags);
    if (Object.keys(parsed.errors).length > 0) return form.submit.fail({ message: t('transition.invalid'), fields: parsed.errors });
    form.save((ctx) => terminate(ctx, p.record.id, { reason: d.reason, otherRoutesTold: d.told }, parsed.flags));
  };
  return (
    <ActionFrame record={p.record} action="terminate" form={form} onSubmit={onSubmit}>
      <TextArea id="reason" label={t('terminateForm.reason')} required rows={4} value={d.reason} error={e.reason} onInput={(reason) => set({ reason })} />
      <CheckField id="otherRoutesTold" label={t('terminateForm.told')} checked={d.told} error={e.otherRoutesTold} onChange={(told) => set({ told })} />
      <FlagsEditor value={d.flags} errors={e} onChange={(flags) => set({ flags })} />
    </ActionFrame>
  );
}

const rejectionReasons: Rejection['reason'][] = ['当事人拒绝调解', '法院已受理', '公安机关已受理', '行政机关已受理', '其他'];

interface RejectDraft {
  reason: Rejection['reason'] | '';
  note: string;
}

export function RejectForm(p: { record: CaseRecord }) {
  const form = useActionForm<RejectDraft>(p.record, 'reject', () => ({ reason: '', note: '' }));
  const d = form.draft.value;
  const e = form.submit.fields;
  const set = (patch: Partial<RejectDraft>) => form.draft.set((prev) => ({ ...prev, ...patch }));
  // An unpicked reason ('') is refused by the shared schema with its own field message.
  const onSubmit = () => form.save((ctx) => reject(ctx, p.record.id, { reason: d.reason as Rejection['reason'], note: d.note.trim() }));
  return (
    <ActionFrame record={p.record} action="reject" form={form} onSubmit={onSubmit}>
      <ChoiceGroup id="reason" label={t('rejectForm.reason')} required value={d.reason} choices={rejectionReasons.map((r) => ({ value: r, label: r }))} error={e.reason} onChange={(reason) => set({ reason })} />
      <TextArea id="note" label={t('rejectForm.note')} rows={3} value={d.note} error={e.note} onInput={(note) => set({ note })} />
    </ActionFrame>
  );
}

export function ArchiveForm(p: { record: CaseRecord }) {
  const form = useActionForm<Record<string, never>>(p.record, 'archive', () => ({}));
  return (
    <ActionFrame record={p.record} action="archive" form={form} submitLabel={t('archiveForm.submit')} onSubmit={() => form.save((ctx) => archive(ctx, p.record.id))}>
      <p class="notice">{t('archiveForm.intro')}</p>
    </ActionFrame>
  );
}

export function VoidForm(p: { record: CaseRecord }) {
  const form = useActionForm<{ reason: string }>(p.record, 'void', () => ({ reason: '' }));
  const d = form.draft.value;
  return (
    <ActionFrame record={p.record} action="void" form={form} submitLabel={t('voidForm.submit')} onSubmit={() => form.save((ctx) => voidCase(ctx, p.record.id, d.reason))}>
      <p class="notice">{t('voidForm.intro')}</p>
      <TextArea id="reason" label={t('voidForm.reason')} required rows={3} value={d.reason} error={form.submit.fields.reason} onInput={(reason) => form.draft.set(() => ({ reason }))} />
    </ActionFrame>
  );
}
