// 立卷设置: the few 卷宗 facts the case record does not hold — 保管期限 (each county sets its own,
// domain.md §1.3), 立卷人, 检查人 (封底), and how many pages of papers the app cannot print (ID
// copies, evidence, receipts) so the 卷内目录 页号 come out right. Kept in the address, not the
// case: they describe one printing of the file, not the dispute.

import { useState } from 'preact/hooks';
import { DEFAULT_RETENTION } from '../../shared/documents/types.ts';
import { attachmentTitle } from '../../shared/documents/archive.ts';
import type { AttachmentKind } from '../../shared/documents/types.ts';
import { t } from '../../shared/i18n/index.ts';
import { attachmentKinds } from '../../state/documents.ts';

export function FileSettings(p: {
  query: Record<string, string>;
  /** Pages each kind takes when left empty (ID copies per party, one per evidence photo). */
  defaults: Record<AttachmentKind, number>;
  onApply: (query: Record<string, string>) => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(p.query);
  const set = (key: string) => (e: Event) => setValues({ ...values, [key]: (e.currentTarget as HTMLInputElement).value });
  return (
    <details class="docs-settings">
      <summary>{t('docs.settings')}</summary>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          p.onApply(values);
        }}
      >
        <label class="field">
          <span>{t('doc.cover.retention')}</span>
          <input value={values.retention ?? ''} placeholder={DEFAULT_RETENTION} onInput={set('retention')} />
        </label>
        <label class="field">
          <span>{t('doc.cover.archivist')}</span>
          <input value={values.archivist ?? ''} placeholder={t('docs.settings.archivistHint')} onInput={set('archivist')} />
        </label>
        <label class="field">
          <span>{t('docs.settings.checker')}</span>
          <input value={values.checker ?? ''} placeholder={t('docs.settings.checkerHint')} onInput={set('checker')} />
        </label>
        <label class="field">
          <span>{t('doc.cover.remarks')}</span>
          <input value={values.remarks ?? ''} onInput={set('remarks')} />
        </label>
        <p class="muted small">{t('docs.settings.pagesHint')}</p>
        {attachmentKinds.map((kind) => (
          <label class="field" key={kind}>
            <span>{t(attachmentTitle[kind])}</span>
            <input
              type="number" inputMode="numeric" min={0} max={999}
              value={values[kind] ?? ''} placeholder={String(p.defaults[kind])}
              onInput={set(kind)}
            />
          </label>
        ))}
        <button type="submit" class="button">{t('docs.settings.apply')}</button>
      </form>
    </details>
  );
}
