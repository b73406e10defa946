// 受理登记: what a mediator fills in the field in under two minutes. Category first (big buttons),
// then who, what and where; committee, village and mediator come from the profile. Every keystroke
// lands in a draft (idb-keyval) that is cleared only after createCase resolved.

import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { caseSources, type CaseSource } from '../../shared/case.ts';
import { categoriesForDate } from '../../shared/categories.ts';
import { t } from '../../shared/i18n/index.ts';
import type { NewCaseInput } from '../../shared/validation.ts';
import type { Profile } from '../../db/settings.ts';
import { profile, profileLoaded, writeContext } from '../../state/app-state.ts';
import { createCase } from '../../state/actions.ts';
import { useDraft } from '../../state/drafts.ts';
import { showFlash } from '../../state/flash.ts';
import { ChoiceGroup, FieldError, TextArea, TextField } from '../components/fields.tsx';
import { DraftNotice, FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { categoryName, splitList, today } from '../format.ts';
import { placeName } from '../areas.ts';
import { COLLAPSE_MS } from '../setup/village-picker.tsx';
import { PartyEditor, idNumberError } from './party-editor.tsx';
import { newPartyDraft, toParty, type PartyDraft } from './party-draft.ts';

export interface NewCaseDraft {
  categoryCode: string;
  /** Shown as the big-button grid until a category is picked. */
  pickingCategory: boolean;
  source: CaseSource | '';
  acceptedOn: string;
  parties: PartyDraft[];
  facts: string;
  claims: string;
  place: string;
  mediators: string;
}

function emptyDraft(mediator: string): NewCaseDraft {
  return {
    categoryCode: '', pickingCategory: true, source: '', acceptedOn: today(), parties: [newPartyDraft('申请人'), newPartyDraft('被申请人')],
    facts: '', claims: '', place: '', mediators: mediator,
  };
}

function toInput(d: NewCaseDraft, me: Profile): NewCaseInput {
  // createCase validates the whole input; an unpicked source ('') is reported there as a field error.
  return {
    categoryCode: d.categoryCode, source: d.source as CaseSource, acceptedOn: d.acceptedOn, villageCode: me.villageCode,
    committeeName: me.committeeName, mediators: splitList(d.mediators), parties: d.parties.map(toParty), facts: d.facts,
    claims: d.claims.split('\n').map((s) => s.trim()).filter((s) => s !== ''), place: d.place.trim(),
  };
}

const sourceChoices = caseSources.map((s) => ({ value: s, label: t(`source.${s}`) }));

export function NewCaseScreen() {
  const { route } = useLocation();
  const me = profile.value;
  useEffect(() => {
    // Read both signals now, not from the render's closure: the profile may have loaded since.
    if (profileLoaded.value && !profile.value) route('/me', true);
  }, [profileLoaded.value, me]);
  if (!me) return null;
  return <NewCaseForm me={me} onSaved={(id) => route(`/cases/${id}`)} />;
}

function NewCaseForm(p: { me: Profile; onSaved: (caseId: string) => void }) {
  const day = today();
  const draft = useDraft<NewCaseDraft>('new-case', () => emptyDraft(p.me.name));
  const submit = useSubmit();
  const collapse = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(collapse.current), []);
  const d = draft.value;
  const e = submit.fields;
  const set = (patch: Partial<NewCaseDraft>) => {
    draft.set((prev) => ({ ...prev, ...patch }));
    submit.dismiss(Object.keys(patch));
  };
  const setParty = (index: number, next: PartyDraft) => {
    draft.set((prev) => ({ ...prev, parties: prev.parties.map((x, i) => (i === index ? next : x)) }));
    submit.dismiss([`parties.${index}`]);
  };

  if (!draft.loaded) return <p class="screen muted">{t('common.loading')}</p>;

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const idErrors = Object.fromEntries(
      d.parties.flatMap((x, i) => {
        const key = idNumberError(x.idNumber);
        return key ? [[`parties.${i}.idNumber`, key]] : [];
      }),
    );
    if (Object.keys(idErrors).length > 0) return submit.fail({ message: t('transition.invalid'), fields: idErrors });
    void submit.run(async () => {
      const saved = await createCase(writeContext(), toInput(d, p.me));
      await draft.clear();
      showFlash(t('common.saved'));
      p.onSaved(saved.id);
    });
  };

  const numberInRole = (index: number) => d.parties.slice(0, index + 1).filter((x) => x.role === d.parties[index]?.role).length;
  const categoryChoices = categoriesForDate(d.acceptedOn || day).map((c) => ({ value: c.code, label: c.name }));

  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="new-title">
      <h1 id="new-title">{t('newCase.title')}</h1>
      {draft.restored && <DraftNotice onStartOver={() => void draft.reset()} />}

      {d.pickingCategory || !d.categoryCode ? (
        <ChoiceGroup
          id="categoryCode"
          label={t('newCase.category')}
          required
          layout="grid"
          value={d.categoryCode}
          choices={categoryChoices}
          error={e.categoryCode}
          onChange={(categoryCode) => {
            set({ categoryCode });
            clearTimeout(collapse.current);
            collapse.current = setTimeout(() => set({ pickingCategory: false }), COLLAPSE_MS);
          }}
        />
      ) : (
        <div class="field picked">
          <span class="picked-label">{t('newCase.category')}</span>
          <strong data-testid="picked-category">{categoryName(d.categoryCode)}</strong>
          <button type="button" class="button link" onClick={() => set({ pickingCategory: true })}>{t('newCase.category.change')}</button>
        </div>
      )}

      <section class="field-group" aria-labelledby="parties-title">
        <h2 id="parties-title">{t('newCase.parties')}</h2>
        {d.parties.map((party, i) => (
          <PartyEditor
            key={party.id}
            party={party}
            n={numberInRole(i)}
            index={i}
            errors={e}
            today={day}
            canRemove={d.parties.filter((x) => x.role === party.role).length > 1 || d.parties.length > 2}
            onChange={(next) => setParty(i, next)}
            onRemove={() => draft.set((prev) => ({ ...prev, parties: prev.parties.filter((x) => x.id !== party.id) }))}
          />
        ))}
        <div class="row-2">
          <button type="button" class="button" onClick={() => set({ parties: [...d.parties, newPartyDraft('申请人')] })}>{t('newCase.addApplicant')}</button>
          <button type="button" class="button" onClick={() => set({ parties: [...d.parties, newPartyDraft('被申请人')] })}>{t('newCase.addRespondent')}</button>
        </div>
        <FieldError id="parties" error={e.parties} />
      </section>

      <TextArea id="facts" label={t('newCase.facts')} hint={t('newCase.facts.hint')} required rows={4} value={d.facts} error={e.facts} onInput={(facts) => set({ facts })} />
      <ChoiceGroup id="source" label={t('newCase.source')} required value={d.source} choices={sourceChoices} error={e.source} onChange={(source) => set({ source })} />
      <TextArea id="claims" label={t('newCase.claims')} hint={t('newCase.claims.hint')} rows={3} value={d.claims} error={e.claims} onInput={(claims) => set({ claims })} />
      <div class="row-2">
        <TextField id="acceptedOn" type="date" label={t('newCase.acceptedOn')} required max={day} value={d.acceptedOn} error={e.acceptedOn} onInput={(acceptedOn) => set({ acceptedOn })} />
        <TextField id="place" label={t('newCase.place')} value={d.place} error={e.place} onInput={(place) => set({ place })} />
      </div>
      <TextField id="mediators" label={t('newCase.mediators')} hint={t('form.list.hint')} required value={d.mediators} error={e.mediators ?? e['mediators.0']} onInput={(mediators) => set({ mediators })} />
      <div class="field picked">
        <span class="picked-label">{t('newCase.committee')}</span>
        <span>{p.me.committeeName}<br /><span class="muted">{placeName(p.me.villageCode)}</span></span>
        <a class="button link" href="/me">{t('newCase.changeProfile')}</a>
        <FieldError id="villageCode" error={e.villageCode ?? e.committeeName} />
      </div>

      <FormFooter
        label={t('newCase.submit')}
        busy={submit.busy}
        failure={submit.failure}
        draftSavedAt={draft.savedAt}
        testId="submit"
      />
    </form>
  );
}
