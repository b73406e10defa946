// What a document still lacks, each item a link to the screen that fills it.

import type { MissingField } from '../../shared/documents/types.ts';
import { t } from '../../shared/i18n/index.ts';

export function MissingList(p: { missing: readonly MissingField[]; heading?: boolean }) {
  return (
    <div data-testid="doc-missing">
      {p.heading !== false && <p class="warning" role="alert">{t('docs.missingTitle')}</p>}
      <ul class="docs-missing">
        {p.missing.map((m, i) => (
          <li key={i} data-field={m.field}>
            {t(m.messageKey, m.params)} <a class="tap" href={m.fixPath}>{t('docs.fix')}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
