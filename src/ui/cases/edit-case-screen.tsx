// 修改受理信息 (/cases/:id/edit): corrects what 受理登记 recorded — type, source, date, parties,
// facts, claims, place, mediators. Saved through editCase as a field patch with base values, so an
// edit made offline merges with other devices' edits field by field (sync.md §3). Only the fields
// the person changed are written. A draft survives reloads like every other form.

import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useRef } from 'preact/hooks';
import type { CaseRecord } from '../../shared/case.ts';
import { t } from '../../shared/i18n/index.ts';
import { fieldErrors } from '../../shared/validation.ts';
import { NewCaseSchema, newCaseInputOf } from '../../shared/fields/case-schemas.ts';
import { DomainError } from '../../state/errors.ts';
import { writeContext } from '../../state/app-state.ts';
import { editCase } from '../../state/actions.ts';
import { attachKeptIdCardPhotos, dropIdCardPhotos, keptIdCardPhotoCount } from '../../state/id-card-photos.ts';
import { useCase } from '../../state/case-queries.ts';
import { useDraft } from '../../state/drafts.ts';
import { showFlash } from '../../state/flash.ts';
import { DraftNotice, FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { today } from '../format.ts';
import { fieldLabel } from '../review/field-values.tsx';
import { displayLabel } from './labels.ts';
import { idNumberErrors } from './party-editor.tsx';
import { applyEdits, differing, draftOf, upgradeEditDraft, patchFieldOf, valuesOf, type EditDraft, type EditField } from './edit-case-draft.ts';
import { CaseFieldsSection, type CaseFieldPatch } from './case-fields-section.tsx';
import { CaseNotReady } from './case-missing.tsx';

const labelOf = (f: EditField): string => fieldLabel(patchFieldOf(f));

export function EditCaseScreen() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const live = useCase(id);
  const record = live.value;
  if (!record) return <CaseNotReady live={live} />;
  if (record.voided || record.status === 'archived') {
    return (
      <section class="screen">
        <a class="back" href={`/cases/${record.id}`}>‹ {t('action.forCase', { label: displayLabel(record) })}</a>
        <h1>{t('edit.title')}</h1>
        <p role="alert" class="warning" data-testid="edit-locked">{t('edit.locked')}</p>
      </section>
    );
  }
  return <EditCaseForm key={record.id} record={record} />;
}

/**
 * The input a "去填写" link names (`?field=parties.1.address`, `?field=facts`): its id on the form,
 * and the party whose "更多信息" must open first. 出生日期 has no input of its own: the 身份证号 fills it.
 */
export function focusTarget(field: string): { elementId: string; openParty: number | null } {
  const m = /^parties\.(\d+)\.(\w+)$/.exec(field);
  if (!m) return { elementId: field, openParty: null };
  const index = Number(m[1]);
  const name = m[2] === 'birthDate' ? 'idNumber' : (m[2] ?? '');
  return { elementId: `party-${index}-${name}`, openParty: name === 'name' || name === 'kind' ? null : index };
}

function EditCaseForm(p: { record: CaseRecord }) {
  const r = p.record;
  const { route } = useLocation();
  const { query } = useRoute();
  const day = today();
  const draft = useDraft<EditDraft>(`case:${r.id}:edit`, () => draftOf(r), upgradeEditDraft);
  const submit = useSubmit();
  const focused = useRef(false);
  // "去填写" from the 卷宗: open the party's 更多信息 if need be, then put the cursor in the field.
  useEffect(() => {
    const field = query.field;
    if (!draft.loaded || focused.current || !field) return;
    const target = focusTarget(field);
    const party = target.openParty === null ? undefined : draft.value.values.parties[target.openParty];
    if (party && !party.showMore) {
      draft.set((prev) => ({ ...prev, values: { ...prev.values, parties: prev.values.parties.map((x, i) => (i === target.openParty ? { ...x, showMore: true } : x)) } }));
      return;
    }
    focused.current = true;
    const el = document.getElementById(target.elementId);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus();
  });
  if (!draft.loaded) return <p class="screen muted">{t('common.loading')}</p>;

  const { start, values: d } = draft.value;
  const e = submit.fields;
  const set = (patch: CaseFieldPatch, touched: string[] = Object.keys(patch)) => {
    draft.set((prev) => ({ ...prev, values: { ...prev.values, ...patch } }));
    submit.dismiss(touched);
  };

  const changed = differing(start, d, r);
  // Changed here AND on another device since this draft began: this person's value will win.
  const elsewhere = differing(start, valuesOf(r), r).filter((f) => changed.includes(f));

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    // A card photo kept as evidence is a change too, even when the scan confirmed every field as it was.
    const photosWaiting = d.parties.some((x) => keptIdCardPhotoCount(x.id) > 0);
    if (changed.length === 0 && !photosWaiting) return submit.fail({ message: t('edit.noChange'), fields: {} });
    const idErrors = idNumberErrors(d.parties);
    // Only the changed fields are judged: an old record's untouched field is not this edit's business.
    const errors = Object.fromEntries(
      Object.entries({ ...fieldErrors(NewCaseSchema, newCaseInputOf(applyEdits(r, d, changed))), ...idErrors })
        .filter(([path]) => changed.includes(path.split('.')[0] as EditField)),
    );
    if (Object.keys(errors).length > 0) return submit.fail({ message: t('transition.invalid'), fields: errors });
    void submit.run(async () => {
      const fields = changed;
      if (fields.length > 0) {
        await editCase(writeContext(), r.id, (current) => {
          if (current.voided || current.status === 'archived') throw new DomainError('case.voidedError');
          return applyEdits(current, d, fields);
        });
      }
      // ID-card photos the mediator kept as evidence become the case's attachments.
      const photoFailed = await attachKeptIdCardPhotos(r.id, d.parties.map((x) => x.id));
      await draft.clear();
      showFlash(photoFailed ? t('idCard.keptFailed', { reason: t(photoFailed) }) : t('common.saved'));
      route(`/cases/${r.id}`);
    });
  };

  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="edit-title">
      <a class="back" href={`/cases/${r.id}`}>‹ {t('action.forCase', { label: displayLabel(r) })}</a>
      <h1 id="edit-title">{t('edit.title')}</h1>
      <p class="muted small">{t('edit.intro')}</p>
      {draft.restored && <DraftNotice onStartOver={() => { for (const x of d.parties) dropIdCardPhotos(x.id); void draft.reset(); }} />}
      {elsewhere.length > 0 && (
        <p class="warning" data-testid="edit-elsewhere">{t('edit.changedElsewhere', { fields: elsewhere.map(labelOf).join('、') })}</p>
      )}

      <CaseFieldsSection
        values={d} errors={e} today={day} picking={draft.value.pickingCategory} onChange={set}
        onPicking={(pickingCategory) => draft.set((prev) => ({ ...prev, pickingCategory }))}
      />

      <FormFooter label={t('edit.submit')} busy={submit.busy} failure={submit.failure} draftSavedAt={draft.savedAt} testId="submit" />
    </form>
  );
}
