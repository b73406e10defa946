// The 受理 fields of a case as one form section: 纠纷类型 (big buttons until picked), the parties,
// 纠纷简要情况, 案件来源, 申请事项, 受理日期, 地点 and 调解员. 受理登记 (new-case-screen) and
// 修改受理信息 (edit-case-screen) both draw exactly this; each keeps its own draft and saving.

import { useEffect, useRef } from 'preact/hooks';
import { caseSources, mediationPublicities, type CaseSource } from '../../shared/case.ts';
import type { FormValues } from '../../shared/fields/case-fields.ts';
import { categoriesForDate } from '../../shared/categories.ts';
import { t } from '../../shared/i18n/index.ts';
import type { FieldErrors } from '../../shared/validation.ts';
import { ChoiceGroup, FieldError, TextField } from '../components/fields.tsx';
import { categoryName } from '../case-text.ts';
import { COLLAPSE_MS } from '../setup/village-picker.tsx';
import { PartyEditor } from './party-editor.tsx';
import { CaseMoreFields } from './case-more-fields.tsx';
import { CourtFields } from './court-fields.tsx';
import { isCourtSource } from '../../shared/court.ts';
import { emptyCourtForm } from '../../shared/fields/court-codec.ts';
import { newPartyDraft, type PartyDraft } from '../../shared/fields/party-form.ts';

/** The section's values as the form holds them (lists as typed text, so drafts keep half-typed input; source '' until picked). */
export type CaseFieldValues = FormValues;

/** A change the section reports: a picked source is always a real one. */
export type CaseFieldPatch = Partial<Omit<CaseFieldValues, 'source'> & { source: CaseSource }>;

const sourceChoices = caseSources.map((s) => ({ value: s, label: t(`source.${s}`) }));
const publicityChoices = mediationPublicities.map((x) => ({ value: x, label: t(`field.mediationPublic.${x}`) }));

export function CaseFieldsSection(p: {
  values: CaseFieldValues;
  errors: FieldErrors;
  /** The category grid is open (it also is while no category is picked). */
  picking: boolean;
  onPicking: (picking: boolean) => void;
  /** `touched` names the fields whose errors the change clears (default: the patch's keys). */
  onChange: (patch: CaseFieldPatch, touched?: string[]) => void;
  today: string;
}) {
  const d = p.values;
  const e = p.errors;
  const collapse = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(collapse.current), []);
  const categoryChoices = categoriesForDate(d.acceptedOn || p.today).map((c) => ({ value: c.code, label: c.name }));
  const numberInRole = (index: number) => d.parties.slice(0, index + 1).filter((x) => x.role === d.parties[index]?.role).length;
  const setParty = (index: number, next: PartyDraft) => p.onChange({ parties: d.parties.map((x, i) => (i === index ? next : x)) }, [`parties.${index}`]);
  const set = (patch: CaseFieldPatch) => p.onChange(patch);

  return (
    <>
      {p.picking || !d.categoryCode ? (
        <ChoiceGroup
          id="categoryCode" label={t('newCase.category')} required layout="grid" value={d.categoryCode} choices={categoryChoices} error={e.categoryCode}
          onChange={(categoryCode) => {
            set({ categoryCode });
            // The grid folds away a moment after the tap, so the person sees what they picked.
            clearTimeout(collapse.current);
            collapse.current = setTimeout(() => p.onPicking(false), COLLAPSE_MS);
          }}
        />
      ) : (
        <div class="field picked">
          <span class="picked-label">{t('newCase.category')}</span>
          <strong data-testid="picked-category">{categoryName(d.categoryCode)}</strong>
          <button type="button" class="button link" onClick={() => p.onPicking(true)}>{t('newCase.category.change')}</button>
          <FieldError id="categoryCode" error={e.categoryCode} />
        </div>
      )}

      <section class="field-group" aria-labelledby="parties-title">
        <h2 id="parties-title">{t('newCase.parties')}</h2>
        {d.parties.map((party, i) => (
          <PartyEditor
            key={party.id} party={party} n={numberInRole(i)} index={i} errors={e} today={p.today}
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

      <TextField id="facts" label={t('newCase.facts')} hint={t('newCase.facts.hint')} required rows={4} value={d.facts} error={e.facts} onInput={(facts) => set({ facts })} />
      <ChoiceGroup
        id="source" label={t('newCase.source')} required value={d.source} choices={sourceChoices} error={e.source}
        // Another source drops the court's reference: only 法院委派/委托 cases carry one (court-schema.ts).
        onChange={(source) => p.onChange(isCourtSource(source) ? { source } : { source, court: emptyCourtForm() }, ['source', 'court'])}
      />
      {isCourtSource(d.source) && (
        <CourtFields
          source={d.source} values={d.court} errors={e}
          onChange={(court) => p.onChange({ court }, ['court', 'court.court', 'court.caseNo', 'court.judge', 'court.referredOn', 'court.deadline'])}
        />
      )}
      <ChoiceGroup
        id="mediationPublic" label={t('field.mediationPublic')} hint={t('field.mediationPublic.hint')} value={d.mediationPublic} choices={publicityChoices}
        error={e.mediationPublic} onChange={(mediationPublic) => set({ mediationPublic })} onClear={() => set({ mediationPublic: '' })}
      />
      <TextField id="claims" label={t('newCase.claims')} hint={t('newCase.claims.hint')} rows={3} value={d.claims} error={e.claims} onInput={(claims) => set({ claims })} />
      <div class="row-2">
        <TextField id="acceptedOn" type="date" label={t('newCase.acceptedOn')} required max={p.today} value={d.acceptedOn} error={e.acceptedOn} onInput={(acceptedOn) => set({ acceptedOn })} />
        <TextField id="place" label={t('newCase.place')} value={d.place} error={e.place} onInput={(place) => set({ place })} />
      </div>
      <TextField id="mediators" label={t('newCase.mediators')} hint={t('form.list.hint')} required value={d.mediators} error={e.mediators ?? e['mediators.0']} onInput={(mediators) => set({ mediators })} />
      <CaseMoreFields values={d} errors={e} onChange={(key, value) => set({ [key]: value } as CaseFieldPatch)} />
    </>
  );
}
