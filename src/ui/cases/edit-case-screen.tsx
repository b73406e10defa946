// 修改受理信息 (/cases/:id/edit): corrects what 受理登记 recorded — type, source, date, parties,
// facts, claims, place, mediators. Saved through editCase as a field patch with base values, so an
// edit made offline merges with other devices' edits field by field (sync.md §3). Only the fields
// the person changed are written. A draft survives reloads like every other form.

import { useEffect, useRef } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { caseSources, type CaseRecord, type CaseSource } from '../../shared/case.ts';
import { categoriesForDate } from '../../shared/categories.ts';
import { t } from '../../shared/i18n/index.ts';
import { NewCaseSchema, fieldErrors, type FieldErrors } from '../../shared/validation.ts';
import { DomainError } from '../../db/errors.ts';
import { writeContext } from '../../state/app-state.ts';
import { editCase } from '../../state/actions.ts';
import { useCase } from '../../state/case-queries.ts';
import { useDraft } from '../../state/drafts.ts';
import { showFlash } from '../../state/flash.ts';
import { ChoiceGroup, FieldError, TextArea, TextField } from '../components/fields.tsx';
import { DraftNotice, FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { categoryName, today } from '../format.ts';
import { COLLAPSE_MS } from '../setup/village-picker.tsx';
import { fieldLabel } from '../review/field-values.tsx';
import { displayLabel } from './labels.ts';
import { PartyEditor, idNumberError } from './party-editor.tsx';
import { newPartyDraft, type PartyDraft } from './party-draft.ts';
import { applyEdits, differing, draftOf, inputOf, valuesOf, type EditDraft, type EditField, type EditValues } from './edit-case-draft.ts';
import { CaseNotReady } from './case-missing.tsx';

const sourceChoices = caseSources.map((s) => ({ value: s, label: t(`source.${s}`) }));

const labelOf: Record<EditField, string> = {
  categoryCode: fieldLabel('categoryCode'), source: fieldLabel('source'), acceptedOn: fieldLabel('acceptedOn'),
  parties: fieldLabel('private.parties'), facts: fieldLabel('private.facts'), claims: fieldLabel('private.claims'),
  place: fieldLabel('private.place'), mediators: fieldLabel('mediators'),
};

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

function EditCaseForm(p: { record: CaseRecord }) {
  const r = p.record;
  const { route } = useLocation();
  const day = today();
  const draft = useDraft<EditDraft>(`case:${r.id}:edit`, () => draftOf(r));
  const submit = useSubmit();
  const collapse = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(collapse.current), []);
  if (!draft.loaded) return <p class="screen muted">{t('common.loading')}</p>;

  const { start, values: d } = draft.value;
  const e = submit.fields;
  const set = (patch: Partial<EditValues>) => {
    draft.set((prev) => ({ ...prev, values: { ...prev.values, ...patch } }));
    submit.dismiss(Object.keys(patch));
  };
  const setParty = (index: number, next: PartyDraft) => {
    draft.set((prev) => ({ ...prev, values: { ...prev.values, parties: prev.values.parties.map((x, i) => (i === index ? next : x)) } }));
    submit.dismiss([`parties.${index}`]);
  };
  const setPicking = (pickingCategory: boolean) => draft.set((prev) => ({ ...prev, pickingCategory }));

  const stored = r.private.parties;
  const changed = differing(start, d, stored);
  // Changed here AND on another device since this draft began: this person's value will win.
  const elsewhere = differing(start, valuesOf(r), stored).filter((f) => changed.includes(f));

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    if (changed.length === 0) return submit.fail({ message: t('edit.noChange'), fields: {} });
    const idErrors: FieldErrors = Object.fromEntries(
      d.parties.flatMap((x, i) => {
        const key = idNumberError(x.idNumber);
        return key ? [[`parties.${i}.idNumber`, key]] : [];
      }),
    );
    // Only the changed fields are judged: an old record's untouched field is not this edit's business.
    const errors = Object.fromEntries(
      Object.entries({ ...fieldErrors(NewCaseSchema, inputOf(applyEdits(r, d, changed))), ...idErrors })
        .filter(([path]) => changed.includes(path.split('.')[0] as EditField)),
    );
    if (Object.keys(errors).length > 0) return submit.fail({ message: t('transition.invalid'), fields: errors });
    void submit.run(async () => {
      const fields = changed;
      await editCase(writeContext(), r.id, (current) => {
        if (current.voided || current.status === 'archived') throw new DomainError('case.voidedError');
        return applyEdits(current, d, fields);
      });
      await draft.clear();
      showFlash(t('common.saved'));
      route(`/cases/${r.id}`);
    });
  };

  const numberInRole = (index: number) => d.parties.slice(0, index + 1).filter((x) => x.role === d.parties[index]?.role).length;
  const categoryChoices = categoriesForDate(d.acceptedOn || day).map((c) => ({ value: c.code, label: c.name }));

  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="edit-title">
      <a class="back" href={`/cases/${r.id}`}>‹ {t('action.forCase', { label: displayLabel(r) })}</a>
      <h1 id="edit-title">{t('edit.title')}</h1>
      <p class="muted small">{t('edit.intro')}</p>
      {draft.restored && <DraftNotice onStartOver={() => void draft.reset()} />}
      {elsewhere.length > 0 && (
        <p class="warning" data-testid="edit-elsewhere">{t('edit.changedElsewhere', { fields: elsewhere.map((f) => labelOf[f]).join('、') })}</p>
      )}

      {draft.value.pickingCategory ? (
        <ChoiceGroup
          id="categoryCode" label={t('newCase.category')} required layout="grid" value={d.categoryCode} choices={categoryChoices} error={e.categoryCode}
          onChange={(categoryCode) => {
            set({ categoryCode });
            clearTimeout(collapse.current);
            collapse.current = setTimeout(() => setPicking(false), COLLAPSE_MS);
          }}
        />
      ) : (
        <div class="field picked">
          <span class="picked-label">{t('newCase.category')}</span>
          <strong data-testid="picked-category">{categoryName(d.categoryCode)}</strong>
          <button type="button" class="button link" onClick={() => setPicking(true)}>{t('newCase.category.change')}</button>
          <FieldError id="categoryCode" error={e.categoryCode} />
        </div>
      )}

      <section class="field-group" aria-labelledby="parties-title">
        <h2 id="parties-title">{t('newCase.parties')}</h2>
        {d.parties.map((party, i) => (
          <PartyEditor
            key={party.id} party={party} n={numberInRole(i)} index={i} errors={e} today={day}
            canRemove={d.parties.filter((x) => x.role === party.role).length > 1 || d.parties.length > 2}
            onChange={(next) => setParty(i, next)}
            onRemove={() => set({ parties: d.parties.filter((x) => x.id !== party.id) })}
          />
        ))}
        <div class="row-2">
          <button type="button" class="button" onClick={() => set({ parties: [...d.parties, newPartyDraft('申请人')] })}>{t('newCase.addApplicant')}</button>
          <button type="button" class="button" onClick={() => set({ parties: [...d.parties, newPartyDraft('被申请人')] })}>{t('newCase.addRespondent')}</button>
        </div>
        <FieldError id="parties" error={e.parties} />
      </section>

      <TextArea id="facts" label={t('newCase.facts')} hint={t('newCase.facts.hint')} required rows={5} value={d.facts} error={e.facts} onInput={(facts) => set({ facts })} />
      <TextArea id="claims" label={t('newCase.claims')} hint={t('newCase.claims.hint')} rows={3} value={d.claims} error={e.claims} onInput={(claims) => set({ claims })} />
      <ChoiceGroup id="source" label={t('newCase.source')} required value={d.source} choices={sourceChoices} error={e.source} onChange={(source: CaseSource) => set({ source })} />
      <div class="row-2">
        <TextField id="acceptedOn" type="date" label={t('newCase.acceptedOn')} required max={day} value={d.acceptedOn} error={e.acceptedOn} onInput={(acceptedOn) => set({ acceptedOn })} />
        <TextField id="place" label={t('newCase.place')} value={d.place} error={e.place} onInput={(place) => set({ place })} />
      </div>
      <TextField id="mediators" label={t('newCase.mediators')} hint={t('form.list.hint')} required value={d.mediators} error={e.mediators ?? e['mediators.0']} onInput={(mediators) => set({ mediators })} />

      <FormFooter label={t('edit.submit')} busy={submit.busy} failure={submit.failure} draftSavedAt={draft.savedAt} testId="submit" />
    </form>
  );
}
