// One document (or 全卷, every ready document in binding order) as it will print, with a big 打印
// button; the list of missing fields instead when it cannot be printed yet.
//
// Printing: the sheets are rendered a second time into a <div class="doc-print-root"> directly
// under <body>, and print.css hides every other child of <body> while this screen is open. That
// keeps the app shell (header, bottom navigation, fixed heights) out of the printout whatever its
// own CSS does, and needs neither :has() nor a portal library.

import { useEffect, useRef } from 'preact/hooks';
import { render } from 'preact';
import { useRoute } from 'preact-iso';
import { buildDocument, caseVolume, parseDocId, type VolumeSheet } from '../../shared/documents/build.ts';
import type { DocumentOptions, MissingField } from '../../shared/documents/types.ts';
import type { CaseEvent } from '../../shared/events.ts';
import { fixPath } from '../../shared/documents/required.ts';
import { caseLabel, type CaseRecord } from '../../shared/case.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { documentOptions, optionsQuery, useCaseDocumentsSource } from '../../state/documents.ts';
import { reportPrint } from '../../state/audit.ts';
import { VolumeSheets } from './volume.tsx';
import { MissingList } from './missing-list.tsx';
import './print.css';

interface Prepared {
  title: string;
  /** What prints: one document's sheets, or the whole volume with its insert sheets. */
  sheets: VolumeSheet[];
  missing: MissingField[];
  warnings: MessageKey[];
}

export function DocumentScreen() {
  const { params, query } = useRoute();
  const id = params.id ?? '';
  const docId = params.doc ?? '';
  const source = useCaseDocumentsSource(id);
  if (!source.loaded) return <p class="screen muted">{t('common.loading')}</p>;
  const record = source.record;
  if (!record) return <section class="screen"><p role="alert">{t('docs.caseNotFound')}</p></section>;
  const prepared = prepare(docId, record, source.events, documentOptions(query));
  if (!prepared) return <section class="screen"><p role="alert">{t('docs.notFound')}</p></section>;
  return <DocumentView caseId={id} docId={docId} suffix={optionsQuery(query)} label={caseLabel(record)} prepared={prepared} isVolume={docId === 'all'} />;
}

/** What the route shows: one document, or 全卷 (the 卷宗 as bound); undefined for an unknown id. */
function prepare(docId: string, record: CaseRecord, events: CaseEvent[], options: DocumentOptions): Prepared | undefined {
  // Screen-only cautions about the record itself; they never enter a model or its integrity code.
  const caseWarnings: MessageKey[] = [...(record.needsReview ? ['docs.needsReview' as const] : []), ...(record.voided ? ['docs.voided' as const] : [])];
  if (docId === 'all') {
    // The 司法确认 package goes to the court, not into the bound volume.
    const volume = caseVolume(record, events, options);
    // Nothing prints until every paper can: the list names the papers, then what each lacks.
    const papers = volume.incomplete.map((e) => ({
      field: `documents.${e.id}`, messageKey: 'doc.missing.document' as const, params: { title: e.title }, fixPath: fixPath.document(record.id, e.id),
    }));
    return { title: t('docs.allTitle'), sheets: volume.sheets, missing: [...papers, ...volume.missing], warnings: caseWarnings };
  }
  const parsed = parseDocId(docId);
  if (!parsed) return undefined;
  const result = buildDocument(parsed.kind, record, events, { ...options, index: parsed.index });
  return result.ok
    ? { title: result.doc.title, sheets: [{ type: 'document', doc: result.doc }], missing: [], warnings: [...caseWarnings, ...result.doc.warnings] }
    : { title: t(`doc.title.${parsed.kind}`), sheets: [], missing: result.missing, warnings: caseWarnings };
}

function DocumentView(p: { caseId: string; docId: string; suffix: string; label: string; prepared: Prepared; isVolume: boolean }) {
  const { title, sheets, missing, warnings } = p.prepared;
  usePrintRoot(sheets, `${title} ${p.label}`, p.isVolume);
  // Every print — the button or the browser's own menu — goes into the server's audit log.
  useEffect(() => {
    const printing = () => reportPrint(p.caseId, p.docId);
    window.addEventListener('beforeprint', printing);
    return () => window.removeEventListener('beforeprint', printing);
  }, [p.caseId, p.docId]);
  const docs = sheets.flatMap((s) => (s.type === 'document' ? [s.doc] : []));
  const pages = sheets.reduce((sum, s) => sum + (s.type === 'document' ? s.doc.pages : 1), 0);
  const codes = !p.isVolume && docs.length === 1 ? docs[0]?.integrityCode : undefined;
  return (
    <section class="screen doc-screen" aria-labelledby="doc-screen-title">
      <a class="back" href={`/cases/${p.caseId}/documents${p.suffix}`}>‹ {t('docs.backToList')}</a>
      <h1 id="doc-screen-title">{title}</h1>
      {warnings.map((w) => <p class="docs-warning" role="note" key={w} data-testid="doc-warning">{t(w)}</p>)}
      {docs.length > 0 && (
        <div class="docs-toolbar">
          <button type="button" class="button primary docs-print-button" data-testid="doc-print" onClick={() => window.print()}>
            {t('docs.print')}
          </button>
          <span class="muted small">
            {t('docs.pages', { n: pages })}
            {codes && <> · <span class="docs-code">{t('docs.integrity', { code: codes })}</span></>}
          </span>
        </div>
      )}
      {docs.length > 0 && <p class="muted small">{t('docs.printHint')}</p>}
      {missing.length > 0 && <MissingList missing={missing} />}
      <div class="doc-preview" data-testid="doc-preview">
        <VolumeSheets sheets={sheets} />
      </div>
    </section>
  );
}

/**
 * Keeps a print-only copy of `docs` under <body> while mounted; titles the window for PDF names.
 * A volume (全卷) gets page numbers in the margin (print.css .doc-volume).
 */
function usePrintRoot(sheets: VolumeSheet[], windowTitle: string, isVolume: boolean): void {
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = document.createElement('div');
    el.className = 'doc-print-root';
    document.body.appendChild(el);
    host.current = el;
    document.documentElement.classList.add('doc-print-mode');
    const previousTitle = document.title;
    return () => {
      render(null, el);
      el.remove();
      host.current = null;
      document.documentElement.classList.remove('doc-print-mode');
      document.title = previousTitle;
    };
  }, []);
  useEffect(() => {
    document.title = windowTitle;
    host.current?.classList.toggle('doc-volume', isVolume);
    if (host.current) render(<VolumeSheets sheets={sheets} />, host.current);
  });
}
