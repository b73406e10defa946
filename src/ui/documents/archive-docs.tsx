// 卷宗封面, 卷内目录, 卷宗情况说明 and 封底 (bdocx template of the 2010 forms; the 封底 as the
// county templates' 备考表).

import type { ComponentChildren } from 'preact';
import type { BackCoverContent, ContentsContent, CoverContent, ExplanationContent } from '../../shared/documents/types.ts';
import { t } from '../../shared/i18n/index.ts';
import { Fill, FormColumns, SealCorner, SignLine, SignRow } from './parts.tsx';

export function CoverHeading(p: { committee: string }) {
  return (
    <h1 class="doc-cover-title">
      <span class="doc-cover-committee">{p.committee}</span>
      <span class="doc-cover-name">{t('doc.cover.heading')}</span>
    </h1>
  );
}

function CoverRow(p: { label: string; children: ComponentChildren }) {
  return (
    <div class="doc-cover-row">
      <span class="doc-cover-label">{p.label}</span>
      <span class="doc-cover-colon">：</span>
      <span class="doc-cover-value">{p.children}</span>
    </div>
  );
}

export function CoverBody(p: { c: CoverContent }) {
  const c = p.c;
  return (
    <div class="doc-cover">
      <CoverRow label={t('doc.cover.volumeName')}>{c.volumeName}</CoverRow>
      <CoverRow label={t('doc.cover.volumeNo')}>{c.volumeNo}</CoverRow>
      <CoverRow label={t('doc.cover.mediators')}>{c.mediators}</CoverRow>
      <CoverRow label={t('doc.cover.dates')}>
        {t('doc.cover.from')} {c.from} {t('doc.cover.to')} <Fill value={c.to} width={7} />
      </CoverRow>
      <CoverRow label={t('doc.cover.archivist')}>{c.archivist}</CoverRow>
      <CoverRow label={t('doc.cover.archivedOn')}>{c.archivedOn}</CoverRow>
      <CoverRow label={t('doc.cover.retention')}>{c.retention}</CoverRow>
      <CoverRow label={t('doc.cover.remarks')}>{c.remarks}</CoverRow>
    </div>
  );
}

export function ContentsBody(p: { c: ContentsContent }) {
  const c = p.c;
  return (
    <>
      <table class="doc-form doc-contents">
        <thead>
          <tr>
            <th class="doc-col-seq">{t('doc.contents.seq')}</th>
            <th>{t('doc.contents.title')}</th>
            <th class="doc-col-pages">{t('doc.contents.pages')}</th>
            <th class="doc-col-note">{t('doc.contents.remarks')}</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((row) => (
            <tr key={row.seq} data-testid="doc-contents-row">
              <td class="doc-center">{row.seq}</td>
              <td>{row.title}</td>
              <td class="doc-center doc-number">{row.pages}</td>
              <td class="doc-center">{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="doc-line doc-small">{c.note}</p>
    </>
  );
}

export function ExplanationBody(p: { c: ExplanationContent }) {
  const c = p.c;
  return (
    <>
      {c.paragraphs.map((text, i) => <p class="doc-para" key={i}>{text}</p>)}
      <div class="doc-end">
        <SignRow>
          <SignLine label={t('doc.explanation.signer')} />
        </SignRow>
        <SealCorner committee={c.committee} date={c.date} />
      </div>
    </>
  );
}

/** A name printed where known; the cell keeps room to sign either way (pages.ts SIGN_CELL). */
function SignedCell(p: { value: string }) {
  return <td class="doc-form-sign">{p.value}</td>;
}

export function BackCoverBody(p: { c: BackCoverContent }) {
  const c = p.c;
  return (
    <table class="doc-form" data-testid="doc-back-cover">
      <FormColumns />
      <tbody>
        <tr>
          <th>{t('doc.backCover.summary')}</th>
          <td class="doc-form-tall">{c.summary.map((s, i) => <p class="doc-para" key={i}>{s}</p>)}</td>
        </tr>
        <tr><th>{t('doc.backCover.archivist')}</th><SignedCell value={c.archivist} /></tr>
        <tr><th>{t('doc.backCover.checker')}</th><SignedCell value={c.checker} /></tr>
        <tr><th>{t('doc.backCover.archivedOn')}</th><td>{c.archivedOn}</td></tr>
        <tr><th>{t('doc.backCover.checkedOn')}</th><td>{c.checkedOn}</td></tr>
      </tbody>
    </table>
  );
}
