// The 全卷 print flow: documents and, where papers the app does not print belong (ID copies,
// evidence, receipts), one insert sheet that counts for all their pages. The margin page numbers
// (print.css .doc-volume) then match the 卷内目录: an insert sheet of N pages advances the page
// counter by N through its own named @page rule, generated here for the sizes in use.

import type { VolumeSheet } from '../../shared/documents/build.ts';
import { t } from '../../shared/i18n/index.ts';
import { DocView } from './doc-view.tsx';

export function VolumeSheets(p: { sheets: readonly VolumeSheet[] }) {
  const insertSizes = [...new Set(p.sheets.flatMap((s) => (s.type === 'insert' ? [s.pages] : [])))];
  const rules = insertSizes.map((n) => `@page volume-insert-${n} { counter-increment: page ${n}; @top-right { content: none; } }`).join('\n');
  return (
    <>
      {rules !== '' && <style>{rules}</style>}
      {p.sheets.map((s) => (s.type === 'document' ? <DocView key={s.doc.id} doc={s.doc} /> : <InsertSheet key={s.kind} sheet={s} />))}
    </>
  );
}

function InsertSheet(p: { sheet: Extract<VolumeSheet, { type: 'insert' }> }) {
  const s = p.sheet;
  return (
    <section class="doc doc-insert" data-doc={`insert-${s.kind}`} style={`page: volume-insert-${s.pages}`} aria-label={s.title}>
      <h1 class="doc-title">{s.title}</h1>
      <p class="doc-line doc-center">{t('docs.insert.range', { range: s.range.replace('-', '至'), n: s.pages })}</p>
      <p class="doc-para doc-gap">{t('docs.insert.hint', { title: s.title })}</p>
      {s.lines.length > 0 && (
        <>
          <p class="doc-line doc-gap">{t('docs.insert.photos')}</p>
          {s.lines.map((line, i) => <p class="doc-line" key={i} data-testid="insert-line">{line}</p>)}
        </>
      )}
    </section>
  );
}
