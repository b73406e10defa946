// Pieces the guide screens share: a list of guides (title + one-line summary, one big tap each)
// and the 申请调解 call to action that leads to /help.

import { t } from '../../shared/i18n/index.ts';
import type { Guide } from '../../state/guides.ts';

export function GuideList(p: { guides: readonly Guide[]; testId?: string }) {
  return (
    <ul class="guide-list" data-testid={p.testId}>
      {p.guides.map((g) => (
        <li key={g.slug}>
          <a class="guide-link" href={`/guides/${g.slug}`}>
            <span class="guide-link-title">{g.title}</span>
            <span class="guide-link-summary">{g.summary}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function HelpCallout(p: { title: string; body: string }) {
  return (
    <aside class="help-callout" aria-labelledby="help-callout-title">
      <h2 id="help-callout-title">{p.title}</h2>
      <p>{p.body}</p>
      <a class="button primary block" href="/help" data-testid="apply-cta">{t('guides.cta.button')}</a>
    </aside>
  );
}
