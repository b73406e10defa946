// 卷宗评分 on the desk: the county's checklist on the left, the case's 卷宗 on the right exactly as
// it prints (the 全卷 volume built on this computer from the synced case, as the document screens
// do), so the 司法所 ticks each item against the papers. Saving stores the score on the server;
// a signed month shows the score read-only (the server refuses a change too).
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { caseVolume } from '../../shared/documents/build.ts';
import { categoryByCode } from '../../shared/categories.ts';
import { t } from '../../shared/i18n/index.ts';
import { amountInFigures } from '../../shared/money.ts';
import { difficulties, scoreItems, yuanOf, type Difficulty } from '../../shared/subsidy.ts';
import { useRemote, RemoteError } from '../../state/dashboard.ts';
import { loadScore, saveScore, type ScoreView } from '../../state/subsidy.ts';
import { documentOptions, useCaseDocumentsSource } from '../../state/documents.ts';
import { VolumeSheets } from '../documents/volume.tsx';
import { formatInstant, formatDate } from '../format.ts';
import '../documents/print.css';
import '../desk/desk.css';
import './subsidy.css';

export function ScoreScreen() {
  const { params, query } = useRoute();
  const id = params.id ?? '';
  const remote = useRemote(() => loadScore(id), id);
  // What the server answered to the last save (the score as stored, its amount).
  const [saved, setSaved] = useState<ScoreView | undefined>();
  const view = saved?.case.id === id ? saved : remote.value;
  const back = `/subsidy?month=${query.month ?? ''}&area=${query.area ?? ''}`;
  return (
    <section class="screen desk-wide score-screen" aria-labelledby="score-title">
      <a class="back" href={back}>‹ {t('subsidy.score.back')}</a>
      <h1 id="score-title">{t('subsidy.score.title')}</h1>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      {view && (
        <div class="score-layout">
          <ScoreForm key={id} view={view} onSaved={setSaved} />
          <Dossier caseId={id} />
        </div>
      )}
    </section>
  );
}

function ScoreForm(p: { view: ScoreView; onSaved: (view: ScoreView) => void }) {
  const { view } = p;
  const checklist = view.rules.checklist;
  const [met, setMet] = useState<Set<string>>(() => new Set(view.score?.items.filter((i) => i.met).map((i) => i.id) ?? []));
  const [difficulty, setDifficulty] = useState<Difficulty>(view.score?.difficulty ?? (view.case.isDifficult ? '疑难' : '一般'));
  const [note, setNote] = useState(view.score?.note ?? '');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  const live = scoreItems(checklist, [...met]);
  const c = view.case;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await saveScore(c.id, { met: [...met], difficulty, note: note.trim() === '' ? null : note.trim() });
      p.onSaved(saved);
      setMessage({ text: t('subsidy.score.saved', { score: saved.score?.score ?? 0, max: saved.score?.maxScore ?? 0, amount: amountInFigures(yuanOf(saved.amount ?? 0)) }), error: false });
    } catch (error) {
      setMessage({ text: error instanceof RemoteError ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="score-form" onSubmit={(e) => void submit(e)} data-testid="score-form">
      <p><strong>{t('subsidy.score.case', { no: c.caseNo ?? '—', village: c.villageName, date: formatDate(c.acceptedOn) })}</strong></p>
      <p class="muted">{categoryByCode(c.categoryCode)?.name ?? c.categoryCode} · {c.mediators.join('、')}</p>
      {view.locked && <p class="notice" role="status" data-testid="score-locked">{t('subsidy.score.lockedHint', { month: view.month })}</p>}
      {view.score && <p class="muted small" data-testid="score-previous">{t('subsidy.score.previous', { score: view.score.score, max: view.score.maxScore, by: view.score.scoredByName, at: formatInstant(view.score.scoredAt) })}</p>}
      <p class="muted">{t('subsidy.score.intro')}</p>
      {checklist.length === 0 && <p class="notice">{t('subsidy.score.noChecklist')}</p>}
      <fieldset disabled={view.locked}>
        <legend>{t('subsidy.rules.checklist')}</legend>
        {checklist.map((item) => (
          <label class="score-item" key={item.id}>
            <input type="checkbox" name={`item-${item.id}`} data-testid={`score-item-${item.id}`} checked={met.has(item.id)} onChange={(e) => {
              const next = new Set(met);
              if (e.currentTarget.checked) next.add(item.id);
              else next.delete(item.id);
              setMet(next);
            }} />
            <span>{item.label}</span>
            <span class="points">{item.points}</span>
          </label>
        ))}
      </fieldset>
      <p class="score-total" data-testid="score-total" aria-live="polite">{t('subsidy.score.total', { score: live.score, max: live.maxScore })}</p>
      <fieldset disabled={view.locked}>
        <legend>{t('subsidy.score.difficulty')}</legend>
        {difficulties.map((d) => (
          <label class="score-item" key={d}>
            <input type="radio" name="difficulty" value={d} data-testid={`score-difficulty-${d}`} checked={difficulty === d} onChange={() => setDifficulty(d)} />
            <span>{d}</span>
          </label>
        ))}
      </fieldset>
      <label class="desk-filter">{t('subsidy.score.note')}
        <textarea rows={2} value={note} maxLength={500} disabled={view.locked} onInput={(e) => setNote(e.currentTarget.value)} data-testid="score-note" />
      </label>
      {!view.locked && <button type="submit" class="button" disabled={busy} data-testid="score-save">{t('subsidy.score.save')}</button>}
      <p class={message?.error ? 'error' : 'notice'} role="status" data-testid="score-message" hidden={!message}>{message?.text}</p>
    </form>
  );
}

/** The 卷宗 as it prints, built on this computer from the synced case and its events. */
function Dossier(p: { caseId: string }) {
  const source = useCaseDocumentsSource(p.caseId);
  const [options] = useState(() => documentOptions({}));
  if (!source.loaded) return <div class="score-dossier muted">{t('common.loading')}</div>;
  if (!source.record) return <div class="score-dossier" data-testid="score-dossier"><p class="notice">{t('subsidy.score.dossierMissing')}</p></div>;
  const volume = caseVolume(source.record, source.events, options);
  return (
    <div class="score-dossier" data-testid="score-dossier" role="region" aria-label={t('subsidy.score.dossier')} tabIndex={0}>
      {volume.sheets.length === 0
        ? <p class="notice" data-testid="score-dossier-incomplete">{t('subsidy.score.dossierIncomplete', { items: volume.incomplete.map((i) => i.title).join('、') })} <a href={`/cases/${p.caseId}/documents`}>{t('subsidy.view')}</a></p>
        : <VolumeSheets sheets={volume.sheets} />}
    </div>
  );
}
