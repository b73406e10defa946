// One 排查 round on the phone: when, who, where, 重点人员 and 隐患, and each dispute found. A finding
// is either turned into a case (转为受理: the round is saved, the 受理 form opens filled from it, and
// the new case is linked back when saved), settled on the spot (当场化解, with how), or reported
// upward (上报). Everything is saved on the phone first and synced later (state/screening.ts).
import { useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import type { ScreeningFinding, ScreeningRecord } from '../../shared/screening.ts';
import { blankFinding, blankScreening, saveScreening, screeningArea, useScreening } from '../../state/screening.ts';
import { profile } from '../../state/app-state.ts';
import { showFlash } from '../../state/flash.ts';
import { placeName } from '../../state/areas.ts';
import { TextField } from '../components/fields.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { today } from '../format.ts';
import { saveFindingDraft } from './finding-draft.ts';
import './screening.css';

export function ScreeningFormScreen() {
  const { params } = useRoute();
  const id = params.id ?? 'new';
  const existing = useScreening(id);
  const area = screeningArea();
  // One blank round per visit: the screen re-renders whenever a live read settles or the session
  // refreshes, and a fresh blank each time would wipe what the mediator had typed.
  const blank = useMemo(() => (area ? blankScreening(area, today()) : undefined), [area]);
  if (id === 'new') return blank ? <ScreeningForm key="new" initial={blank} isNew /> : <p class="screen muted">{t('common.loading')}</p>;
  if (!existing.loaded) return <p class="screen muted">{t('common.loading')}</p>;
  if (!existing.value) return <p class="screen error">{t('screening.notFound')}</p>;
  return <ScreeningForm key={existing.value.id + existing.value.version} initial={existing.value} isNew={false} />;
}

function ScreeningForm(p: { initial: ScreeningRecord; isNew: boolean }) {
  const { route } = useLocation();
  const [r, setR] = useState<ScreeningRecord>(p.initial);
  const submit = useSubmit();
  const day = today();
  const set = (patch: Partial<ScreeningRecord>) => setR((prev) => ({ ...prev, ...patch }));
  const setFinding = (fid: string, patch: Partial<ScreeningFinding>) =>
    setR((prev) => ({ ...prev, findings: prev.findings.map((f) => (f.id === fid ? { ...f, ...patch } : f)) }));

  /** Saves the round as it stands, then runs `next` (open the 受理 form, the 上报 form, or the list). */
  const saveThen = (next: (saved: ScreeningRecord) => Promise<void> | void) => {
    void submit.run(async () => {
      const saved = await saveScreening(r, day);
      showFlash(t('common.saved'));
      await next(saved);
    });
  };

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    saveThen((saved) => route(p.isNew ? `/screening/${saved.id}` : '/screening', p.isNew));
  };

  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="screening-form-title">
      <a class="back" href="/screening">‹ {t('screening.title')}</a>
      <h1 id="screening-form-title">{p.isNew ? t('screening.form.title') : t('screening.form.editTitle')}</h1>
      <p class="muted" data-testid="screening-area">{placeName(r.areaCode)}</p>
      <TextField id="heldOn" type="date" label={t('screening.heldOn')} required value={r.heldOn} max={day} onInput={(heldOn) => set({ heldOn })} />
      <TextField id="participants" label={t('screening.participants')} hint={t('screening.participants.hint')} required value={r.participants} onInput={(participants) => set({ participants })} />
      <TextField id="place" label={t('screening.place')} hint={t('screening.place.hint')} value={r.place} onInput={(place) => set({ place })} />

      <h2>{t('screening.findings')}</h2>
      {r.findings.length === 0 && <p class="muted">{t('screening.findings.none')}</p>}
      {r.findings.map((f, i) => (
        <FindingCard
          key={f.id} f={f} n={i + 1} onChange={(patch) => setFinding(f.id, patch)}
          onRemove={() => set({ findings: r.findings.filter((x) => x.id !== f.id) })}
          onToCase={() => saveThen(async (saved) => {
            const found = saved.findings.find((x) => x.id === f.id);
            if (found) await saveFindingDraft(saved, found, profile.value?.name ?? '');
            route('/new');
          })}
          onReport={() => saveThen((saved) => route(`/alerts/new?screening=${saved.id}&finding=${f.id}`))}
        />
      ))}
      <p>
        <button type="button" class="button block" data-testid="add-finding" onClick={() => set({ findings: [...r.findings, blankFinding()] })}>
          {t('screening.finding.add')}
        </button>
      </p>

      <TextField id="keyPersons" rows={2} label={t('screening.keyPersons')} value={r.keyPersons} onInput={(keyPersons) => set({ keyPersons })} />
      <TextField id="hazards" rows={2} label={t('screening.hazards')} value={r.hazards} onInput={(hazards) => set({ hazards })} />
      <FormFooter label={t('screening.save')} busy={submit.busy} failure={submit.failure} testId="screening-save" />
    </form>
  );
}

function FindingCard(p: { f: ScreeningFinding; n: number; onChange: (patch: Partial<ScreeningFinding>) => void; onRemove: () => void; onToCase: () => void; onReport: () => void }) {
  const { f } = p;
  const idp = `finding-${p.n}`;
  return (
    <fieldset class="finding" data-testid="finding" data-state={f.state}>
      <legend><h3>{t('screening.finding.n', { n: p.n })} · <span class="finding-state">{t(`screening.finding.state.${f.state}`)}</span></h3></legend>
      <TextField id={`${idp}-summary`} rows={2} label={t('screening.finding.summary')} required value={f.summary} onInput={(summary) => p.onChange({ summary })} />
      <TextField
        id={`${idp}-persons`} type="text" inputMode="numeric" label={t('screening.finding.persons')} value={String(f.persons)}
        onInput={(v) => p.onChange({ persons: Math.max(0, Math.min(9999, Number(v.replace(/\D/g, '')) || 0)) })}
      />
      {f.state === 'resolved' && (
        <TextField id={`${idp}-note`} rows={2} label={t('screening.finding.note')} required value={f.note} onInput={(note) => p.onChange({ note })} />
      )}
      <div class="finding-actions">
        {f.state === 'case' && f.caseId ? (
          <a class="button" href={`/cases/${f.caseId}`} data-testid="finding-case">{t('screening.finding.openCase')}</a>
        ) : (
          <>
            <button type="button" class="button primary" data-testid="finding-to-case" onClick={p.onToCase}>{t('screening.finding.toCase')}</button>
            {f.state !== 'resolved' && (
              <button type="button" class="button" data-testid="finding-resolve" onClick={() => p.onChange({ state: 'resolved' })}>{t('screening.finding.resolve')}</button>
            )}
          </>
        )}
        <button type="button" class="button" data-testid="finding-report" onClick={p.onReport}>{t('screening.finding.report')}</button>
        {f.state !== 'case' && <button type="button" class="button link" onClick={p.onRemove}>{t('screening.finding.remove')}</button>}
      </div>
    </fieldset>
  );
}
