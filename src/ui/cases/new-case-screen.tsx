// 受理登记: what a mediator fills in the field in under two minutes. Category first (big buttons),
// then who, what and where; committee, village and mediator come from the profile. Every keystroke
// lands in a draft (idb-keyval) that is cleared only after createCase resolved.

import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import type { NewCaseInput } from '../../shared/fields/case-schemas.ts';
import { FORM_DRAFT_VERSION, codecOf, emptyFormValues, upgradeFormValues, formFields, formKeyOf, type FormInput } from '../../shared/fields/case-fields.ts';
import type { Profile } from '../../state/settings.ts';
import { profile, profileLoaded, writeContext } from '../../state/app-state.ts';
import { createCase } from '../../state/actions.ts';
import { attachKeptIdCardPhotos, dropIdCardPhotos } from '../../state/id-card-photos.ts';
import { linkFinding } from '../../state/screening.ts';
import { useDraft } from '../../state/drafts.ts';
import { showFlash } from '../../state/flash.ts';
import { ChoiceGroup, FieldError } from '../components/fields.tsx';
import type { CommitteeRef } from '../../shared/committee-area.ts';
import { DraftNotice, FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { formatDate, today } from '../format.ts';
import { placeName } from '../../state/areas.ts';
import { idNumberErrors } from './party-editor.tsx';
import { newPartyDraft } from '../../shared/fields/party-form.ts';
import { CaseFieldsSection, type CaseFieldPatch, type CaseFieldValues } from './case-fields-section.tsx';

export interface NewCaseDraft extends CaseFieldValues {
  /** The shape's version (FORM_DRAFT_VERSION) when saved. */
  v: number;
  /** Shown as the big-button grid until a category is picked. */
  pickingCategory: boolean;
  /** The committee picked, for a mediator of several (issue #14). */
  committeeId?: string;
  /** The number of the resident's request this 受理 was filled from (requests/request-draft.ts). */
  fromRequest?: string;
  /** The 排查 finding this 受理 was filled from (screening/finding-draft.ts): linked to the case once saved. */
  fromFinding?: { screeningId: string; findingId: string; heldOn: string };
}

/** A draft saved by an older form: fields added since start as on a blank form. */
export function upgradeNewCaseDraft(stored: Partial<NewCaseDraft>, fresh: NewCaseDraft): NewCaseDraft {
  return { ...fresh, ...stored, ...upgradeFormValues(stored, fresh), v: FORM_DRAFT_VERSION };
}

function emptyDraft(mediator: string): NewCaseDraft {
  return { ...emptyFormValues(), v: FORM_DRAFT_VERSION, pickingCategory: true, acceptedOn: today(), parties: [newPartyDraft('申请人'), newPartyDraft('被申请人')], mediators: mediator };
}

function toInput(d: NewCaseDraft, me: Profile, committee: CommitteeRef | undefined): NewCaseInput {
  // createCase validates the whole input; an unpicked source ('') is reported there as a field error.
  const values = d as unknown as Record<string, unknown>;
  const form = Object.fromEntries(formFields.map((f) => [formKeyOf(f), codecOf(f).decode(values[formKeyOf(f)], undefined)])) as FormInput;
  // The committee that accepts it: its area and name go on the case (committee-area.ts).
  if (committee) return { ...form, villageCode: committee.areaCode, committeeName: committee.name, committeeId: committee.id };
  return { ...form, villageCode: me.villageCode, committeeName: me.committeeName };
}

/** The committee a case is accepted under: the only one, or the one picked among several. */
function chosenCommittee(me: Profile, picked: string | undefined): CommitteeRef | undefined {
  const committees = me.committees ?? [];
  return committees.length === 1 ? committees[0] : committees.find((c) => c.id === picked);
}

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
  const draft = useDraft<NewCaseDraft>('new-case', () => emptyDraft(p.me.name), upgradeNewCaseDraft);
  const submit = useSubmit();
  const d = draft.value;
  const e = submit.fields;
  const set = (patch: CaseFieldPatch, touched: string[] = Object.keys(patch)) => {
    draft.set((prev) => ({ ...prev, ...patch }));
    submit.dismiss(touched);
  };

  if (!draft.loaded) return <p class="screen muted">{t('common.loading')}</p>;
  // A mediator of several committees says which one accepts the case; of one, nothing to ask.
  const committees = p.me.committees ?? [];
  const several = committees.length > 1;
  const committee = chosenCommittee(p.me, d.committeeId);

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const idErrors = idNumberErrors(d.parties);
    if (Object.keys(idErrors).length > 0) return submit.fail({ message: t('transition.invalid'), fields: idErrors });
    const committee = chosenCommittee(p.me, d.committeeId);
    if (several && !committee) return submit.fail({ message: t('transition.invalid'), fields: { committeeId: 'committee.pick.required' } });
    void submit.run(async () => {
      const saved = await createCase(writeContext(), toInput(d, p.me, committee));
      // The finding now points at its case; saved after the case, so a failure here loses no case.
      if (d.fromFinding) await linkFinding(d.fromFinding.screeningId, d.fromFinding.findingId, saved.id);
      // ID-card photos the mediator kept as evidence become the new case's attachments.
      const photoFailed = await attachKeptIdCardPhotos(saved.id, d.parties.map((x) => x.id));
      await draft.clear();
      showFlash(photoFailed ? t('idCard.keptFailed', { reason: t(photoFailed) }) : t('common.saved'));
      p.onSaved(saved.id);
    });
  };

  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="new-title">
      <h1 id="new-title">{t('newCase.title')}</h1>
      {/* Filled from a resident's request: say where it came from, not "restored". */}
      {d.fromRequest ? (
        <p class="notice" data-testid="from-request">{t('newCase.fromRequest', { number: d.fromRequest })}</p>
      ) : d.fromFinding ? (
        <p class="notice" data-testid="from-finding">{t('screening.fromFinding', { date: formatDate(d.fromFinding.heldOn) })}</p>
      ) : (
        draft.restored && <DraftNotice onStartOver={() => { for (const x of d.parties) dropIdCardPhotos(x.id); void draft.reset(); }} />
      )}

      <CaseFieldsSection
        values={d} errors={e} today={day} picking={d.pickingCategory} onChange={set}
        onPicking={(pickingCategory) => draft.set((prev) => ({ ...prev, pickingCategory }))}
      />
      {several && (
        <ChoiceGroup
          id="committeeId" label={t('committee.pick')} required value={d.committeeId ?? ''} error={e.committeeId}
          choices={committees.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(committeeId) => set({ committeeId } as CaseFieldPatch)}
        />
      )}
      {!several && (
        <div class="field picked">
          <span class="picked-label">{t('newCase.committee')}</span>
          <span>{committee?.name ?? p.me.committeeName}<br /><span class="muted" data-testid="new-case-place">{placeName(committee?.areaCode ?? p.me.villageCode)}</span></span>
          <a class="button link" href="/me">{t('newCase.changeProfile')}</a>
          <FieldError id="villageCode" error={e.villageCode ?? e.committeeName} />
        </div>
      )}

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
