// One printed document: a table whose <thead> carries the running line (卷号 + 校验码), because
// Chromium repeats a table header on every printed page the table spans — a fixed-position header
// would overlap the text instead. Each frame starts a new sheet (print.css: .doc + .doc).

import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n/index.ts';

export interface DocFrameProps {
  id: string;
  title: string;
  caseLabel: string;
  code: string;
  children: ComponentChildren;
  /** Replaces the plain centred title (the cover prints the committee over 调解卷宗). */
  heading?: ComponentChildren;
  /** Set in 12 pt instead of 14 pt on paper (pages.ts isCompact). */
  isCompact?: boolean;
}

export function DocFrame(p: DocFrameProps) {
  return (
    <section class={p.isCompact ? 'doc doc--compact' : 'doc'} data-doc={p.id} aria-label={p.title}>
      <table class="doc-table" role="presentation">
        <thead>
          <tr>
            <td class="doc-running-cell">
              <div class="doc-running" data-testid="doc-running">
                <span>{t('doc.running.label', { label: p.caseLabel })}</span>
                <span>{t('doc.running.code', { code: p.code })}</span>
              </div>
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="doc-body">
              {p.heading ?? <h1 class="doc-title">{p.title}</h1>}
              {p.children}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
