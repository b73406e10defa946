// 卷宗文书: every document of a case in binding order, each either ready to print (with its
// integrity code and page count) or with the list of what is missing and where to fill it.

import { useLocation, useRoute } from 'preact-iso';
import { caseFile, caseVolume, type FileEntry } from '../../shared/documents/build.ts';
import { defaultAttachmentPages } from '../../shared/documents/archive.ts';
import { caseRecords } from '../../shared/documents/events.ts';
import { t } from '../../shared/i18n/index.ts';
import { attachmentKinds, documentOptions, optionsQuery, useCaseDocumentsSource } from '../../state/documents.ts';
import type { AttachmentKind } from '../../shared/documents/types.ts';
import { MissingList } from './missing-list.tsx';
import { FileSettings } from './file-settings.tsx';
import { ExplanationEditor } from './explanation-editor.tsx';
import './print.css';

export function DocumentsScreen() {
  const { params, query } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? '';
  const source = useCaseDocumentsSource(id);
  if (!source.loaded) return <p class="screen muted">{t('common.loading')}</p>;
  if (!source.record) {
    return (
      <section class="screen">
        <p role="alert">{t('docs.caseNotFound')}</p>
      </section>
    );
  }
  const record = source.record;
  const options = documentOptions(query);
  const entries = caseFile(record, source.events, options);
  const suffix = optionsQuery(query);
  const recs = caseRecords(source.events);
  // Sheets the 全卷 print takes: every ready document plus one insert sheet per kind of hand-added paper.
  const volume = caseVolume(record, source.events, options);
  const totalPages = volume.sheets.reduce((n, s) => n + (s.type === 'document' ? s.doc.pages : 1), 0);
  return (
    <section class="screen docs-screen" aria-labelledby="docs-title">
      <a class="back" href={`/cases/${id}`}>‹ {t('docs.back')}</a>
      <h1 id="docs-title">{t('docs.title')}</h1>
      <p class="muted small">{record.caseNo ?? t('case.provisional', { label: record.provisionalNo })}</p>
      <p>{t('docs.intro')}</p>
      {volume.incomplete.length === 0 ? (
        <p>
          <a class="button" href={`/cases/${id}/documents/all${suffix}`} data-testid="docs-print-all">
            {t('docs.printAll', { n: totalPages })}
          </a>
        </p>
      ) : (
        <div class="notice" data-testid="docs-print-all-blocked">
          <p>{t('docs.printAll.blocked')}</p>
          <MissingList missing={volume.missing} heading={false} />
        </div>
      )}
      <FileSettings
        query={query}
        defaults={Object.fromEntries(attachmentKinds.map((k) => [k, defaultAttachmentPages(record, recs, k)])) as Record<AttachmentKind, number>}
        onApply={(values) => route(`/cases/${id}/documents${optionsQuery(values)}`)}
      />
      <ul class="docs-list">
        {entries.map((entry) => <DocumentEntry key={entry.id} caseId={id} entry={entry} suffix={suffix} />)}
      </ul>
      <ExplanationEditor caseId={id} paragraphs={recs.explanations} canEdit={record.voided === null} />
    </section>
  );
}

function DocumentEntry(p: { caseId: string; entry: FileEntry; suffix: string }) {
  const { entry } = p;
  const href = `/cases/${p.caseId}/documents/${entry.id}${p.suffix}`;
  return (
    <li data-testid="docs-entry" data-doc={entry.id} data-ready={entry.result.ok ? 'yes' : 'no'}>
      <div class="docs-entry-head">
        <a class="docs-entry-title tap" href={href}>{entry.title}</a>
        <span class="muted small">{t(entry.isRequired ? 'docs.required' : 'docs.optional')}</span>
      </div>
      {entry.result.ok ? (
        <p class="muted small">
          {t('docs.ready')} · {t('docs.pages', { n: entry.result.doc.pages })} · <span class="docs-code">{t('docs.integrity', { code: entry.result.doc.integrityCode })}</span>
        </p>
      ) : (
        <>
          <p class="small">{t('docs.incomplete', { n: entry.result.missing.length })}</p>
          <MissingList missing={entry.result.missing} heading={false} />
        </>
      )}
      {entry.kind === 'application' && (
        <p class="small"><a class="tap" href={`/cases/${p.caseId}/documents/registration${p.suffix}`}>{t('docs.altRegistration')}</a></p>
      )}
    </li>
  );
}
