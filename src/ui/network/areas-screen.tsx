// /network/areas: importing the county's 统计用区划代码 (county staff, admin). Choose the file(s)
// and the date the codes are valid from; the files are read here first, so a problem names the
// user's own file and line and nothing is sent; then the server runs the import as a dry run and
// the preview shows exactly what it would change (added, renamed, re-coded old → new, retired,
// and the mediator accounts that follow a re-coded village). Only 确认导入 writes. Below: the
// history of area changes.

import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { isIsoDate } from '../../shared/dates.ts';
import { parseDivisionFiles, toDivisionsCsv, type AreaImportResult } from '../../shared/divisions.ts';
import { importDivisions, loadAreaChanges, useRemote, type RemoteError } from '../../state/dashboard.ts';
import { session } from '../../state/session.ts';
import { today } from '../format.ts';
import { TextField } from '../components/fields.tsx';
import { AreaHistory, ImportPreview } from './area-preview.tsx';
import { CountySetUpCard } from './county-setup.tsx';
import '../dashboard/dashboard.css';
import './network.css';

interface Problem {
  where: string;
  message: string;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'reading' | 'checking' | 'importing' }
  | { kind: 'preview'; csv: string; result: AreaImportResult }
  | { kind: 'done'; result: AreaImportResult }
  | { kind: 'refused'; message: string; problems: Problem[] };

/** Excel in China saves CSV as UTF-8 or as GBK; read either. */
async function readText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function AreasScreen() {
  // The history below is remounted (and so reloaded) after each import.
  const [imports, setImports] = useState(0);
  const s = session.value;
  if (!s) return <p class="screen">{t('dash.needLogin')}</p>;
  if (s.me.role === 'mediator') return <p class="screen">{t('dash.staffOnly')}</p>;
  const canImport = s.me.role === 'county' || s.me.role === 'admin';
  return (
    <section class="screen dashboard network areas" aria-labelledby="areas-title">
      <h1 id="areas-title">{t('areas.title')}</h1>
      <p><a href="/network" class="back">{t('areas.back')}</a></p>
      {s.me.role === 'admin' && <CountySetUpCard />}
      {canImport ? <AreaImport scope={s.me.scope} onImported={() => setImports((n) => n + 1)} /> : <p class="muted">{t('areas.countyOnly')}</p>}
      <History key={imports} area={s.me.scope} />
    </section>
  );
}

function History(p: { area: string }) {
  const remote = useRemote(() => loadAreaChanges(p.area), p.area);
  return (
    <section class="card" aria-labelledby="areas-history">
      <h2 id="areas-history">{t('areas.history')}</h2>
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      {remote.value && <AreaHistory changes={remote.value.changes} />}
    </section>
  );
}

function AreaImport(p: { scope: string; onImported: () => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [county, setCounty] = useState(p.scope);
  const [validFrom, setValidFrom] = useState(today());
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [retire, setRetire] = useState(false);
  const busy = step.kind === 'busy';
  // Anything changed after a preview makes the preview stale: it must be made again.
  const reset = () => {
    setStep({ kind: 'idle' });
    setRetire(false);
  };

  const refused = (e: RemoteError) => {
    const rows = Array.isArray(e.details) ? (e.details as { line?: unknown; message?: unknown }[]) : [];
    setStep({
      kind: 'refused', message: e.message,
      problems: rows.filter((r) => typeof r.message === 'string').map((r) => ({ where: typeof r.line === 'number' ? t('areas.line', { line: r.line }) : '', message: r.message as string })),
    });
  };

  const preview = async () => {
    const found: Record<string, MessageKey> = {};
    if (files.length === 0) found.file = 'areas.file.required';
    if (!/^\d{6}$/.test(county)) found.county = 'areas.county.invalid';
    if (!isIsoDate(validFrom)) found.validFrom = 'network.date.invalid';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setStep({ kind: 'busy', what: 'reading' });
    const texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await readText(f) })));
    const { areas, problems } = parseDivisionFiles(texts, county);
    if (problems.length > 0) {
      setStep({
        kind: 'refused', message: t('divisions.invalid', { n: problems.length }),
        problems: problems.slice(0, 200).map((x) => ({
          where: x.line > 0 ? t('areas.fileLine', { file: x.file, line: x.line }) : x.file, message: t(x.code, x.params),
        })),
      });
      return;
    }
    const csv = toDivisionsCsv(areas);
    setStep({ kind: 'busy', what: 'checking' });
    setRetire(false);
    importDivisions(county, validFrom, csv, true).then((result) => setStep({ kind: 'preview', csv, result }), refused);
  };

  const confirm = () => {
    if (step.kind !== 'preview') return;
    if (step.result.retired > 0 && !retire) return setErrors({ retire: 'areas.retire.required' });
    const { csv } = step;
    setStep({ kind: 'busy', what: 'importing' });
    importDivisions(county, validFrom, csv, false, retire).then((result) => {
      setStep({ kind: 'done', result });
      p.onImported();
    }, refused);
  };

  return (
    <form class="card area-import" noValidate onSubmit={(e) => { e.preventDefault(); void preview(); }} data-testid="area-import">
      <p>{t('areas.intro')}</p>
      <p class="muted small">{t('areas.shapes')}</p>
      {p.scope === '' && (
        <TextField id="areas-county" label={t('areas.county')} value={county} inputMode="numeric" maxLength={6}
          onInput={(x) => { setCounty(x.trim()); reset(); }} error={errors.county} required />
      )}
      <div class={errors.file ? 'field has-error' : 'field'}>
        <div class="label-row"><label for="areas-file">{t('areas.file')}</label><span class="req" aria-hidden="true">＊</span></div>
        {/* The browser's own file button speaks its UI language and is small; this one is ours. */}
        <input id="areas-file" class="sr-only file-input" type="file" multiple accept=".csv,text/csv" data-testid="areas-file" aria-required="true"
          aria-invalid={errors.file ? 'true' : undefined} aria-describedby={errors.file ? 'areas-file-names areas-file-error' : 'areas-file-names'}
          onChange={(e) => {
            setFiles([...(e.currentTarget.files ?? [])]);
            setErrors(({ file: _gone, ...rest }) => rest);
            reset();
          }} />
        <label for="areas-file" class="button block file-button" aria-hidden="true">{t(files.length > 0 ? 'areas.file.change' : 'areas.file.choose')}</label>
        <p class="muted small file-names" id="areas-file-names" data-testid="areas-file-names">{files.length > 0 ? files.map((f) => f.name).join('、') : t('areas.file.none')}</p>
        {errors.file && <p class="error" id="areas-file-error">{t(errors.file)}</p>}
      </div>
      <TextField id="areas-valid-from" type="date" label={t('areas.validFrom')} hint={t('areas.validFromHint')} value={validFrom}
        onInput={(x) => { setValidFrom(x); reset(); }} error={errors.validFrom} required />
      <button type="submit" class={step.kind === 'preview' ? 'button block' : 'button primary block'} disabled={busy} data-testid="areas-preview">{t('areas.preview')}</button>
      {step.kind === 'busy' && <p role="status">{t(`areas.busy.${step.what}`)}</p>}
      {step.kind === 'refused' && (
        <div data-testid="areas-problems">
          <p class="error" role="alert">{step.message}</p>
          {step.problems.length > 0 && (
            <ul class="area-problems">
              {step.problems.map((x, i) => <li key={i}>{x.where && <strong>{x.where}</strong>}<span>{x.message}</span></li>)}
            </ul>
          )}
        </div>
      )}
      {step.kind === 'preview' && (
        <div data-testid="areas-preview-result">
          <ImportPreview result={step.result} validFrom={validFrom} />
          {validFrom > today() && step.result.changes.some((c) => c.kind === 'recoded') && <p class="warning">{t('areas.future')}</p>}
          {step.result.retired > 0 && (
            <div class={errors.retire ? 'field has-error' : 'field'}>
              <label class="check">
                <input type="checkbox" checked={retire} data-testid="areas-retire" aria-invalid={errors.retire ? 'true' : undefined}
                  onChange={(e) => { setRetire(e.currentTarget.checked); setErrors(({ retire: _gone, ...rest }) => rest); }} />
                {t('areas.retire.confirm', { n: step.result.retired })}
              </label>
              {errors.retire && <p class="error" role="alert">{t(errors.retire)}</p>}
            </div>
          )}
          {step.result.changes.length > 0
            ? <button type="button" class="button primary block" onClick={confirm} data-testid="areas-confirm">{t('areas.confirm')}</button>
            : <p class="notice" role="status">{t('areas.nothing')}</p>}
        </div>
      )}
      {step.kind === 'done' && (
        <div data-testid="areas-done">
          <p class="notice" role="status">{t('areas.done')}</p>
          <ImportPreview result={step.result} validFrom={validFrom} />
        </div>
      )}
    </form>
  );
}
