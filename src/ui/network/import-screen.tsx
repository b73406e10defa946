// /import: a paper ledger (调解登记台账) typed into CSV or Excel. The file is checked first and
// shown back (how many cases, the file's 调解成功率); only then imported. A file with any bad row
// is refused whole, with a table of row, column and what to fix.

import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { uploadLedger, type LedgerProblem, type LedgerReport, type RemoteError } from '../../state/dashboard.ts';
import { session } from '../../state/session.ts';
import '../dashboard/dashboard.css';
import { TableScroll } from '../components/table-scroll.tsx';

type Step = { kind: 'idle' } | { kind: 'busy' } | { kind: 'checked' | 'imported'; report: LedgerReport } | { kind: 'refused'; message: string; problems: LedgerProblem[] };

export function ImportScreen() {
  const [file, setFile] = useState<File | undefined>();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  if (!session.value || session.value.me.role === 'mediator') return <p class="screen">{t('dash.staffOnly')}</p>;
  const send = (check: boolean) => {
    if (!file) return;
    setStep({ kind: 'busy' });
    uploadLedger(file, check).then(
      (report) => setStep({ kind: check ? 'checked' : 'imported', report }),
      (e: RemoteError) => setStep({ kind: 'refused', message: e.message, problems: Array.isArray(e.details) ? (e.details as LedgerProblem[]) : [] }),
    );
  };
  return (
    <section class="screen dashboard import" aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <p class="muted small">{t('import.columns')}</p>
      <label class="field">
        {t('import.file')}
        <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="ledger-file"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0]);
            setStep({ kind: 'idle' });
          }} />
      </label>
      <div class="row-2">
        <button type="button" class="button" disabled={!file || step.kind === 'busy'} onClick={() => send(true)}>{t('import.check')}</button>
        <button type="button" class="button primary" disabled={!file || step.kind !== 'checked'} onClick={() => send(false)} data-testid="ledger-import">{t('import.run')}</button>
      </div>
      {step.kind === 'busy' && <p role="status">{t('common.loading')}</p>}
      {(step.kind === 'checked' || step.kind === 'imported') && (
        <div class="notice" role="status" data-testid="ledger-result">
          <p>{t(step.kind === 'checked' ? 'import.checked' : 'import.done', {
            rows: step.report.rows, imported: step.report.imported ?? 0, skipped: step.report.skipped ?? 0,
            updated: step.report.updated ?? 0, unchanged: step.report.unchanged ?? 0,
            succeeded: step.report.summary.succeeded, accepted: step.report.summary.accepted, rate: step.report.summary.successRateText,
          })}</p>
        </div>
      )}
      {step.kind === 'refused' && (
        <div data-testid="ledger-problems">
          <p class="error" role="alert">{step.message}</p>
          {step.problems.length > 0 && (
            <TableScroll>
              <table class="stat-table problems">
                <thead><tr><th scope="col">{t('import.row')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.fix')}</th></tr></thead>
                <tbody>{step.problems.map((x, i) => <tr key={i}><td>{x.ledgerNo ? t('ledger.rowWithNo', { no: x.ledgerNo, row: x.row }) : x.row}</td><td>{x.field}</td><td class="fix">{x.message}</td></tr>)}</tbody>
              </table>
            </TableScroll>
          )}
        </div>
      )}
    </section>
  );
}
