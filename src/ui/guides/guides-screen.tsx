// /guides: the search box on top, then the guides by kind of trouble. The search text and the
// chosen category live in the URL (?q=, ?cat=), so Back from a guide returns to the same list.
// Public: works without an account and, after the first visit, without a network.

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { guides } from '../../state/guides.ts';
import { groupGuides, type GuideGroup } from './groups.ts';
import { GuideList, HelpCallout } from './guide-list.tsx';
import { GuideSearch } from './guide-search.tsx';
import { useTitle } from './use-title.ts';
import './guides.css';

const groups = groupGuides(guides);

export function GuidesScreen() {
  const { query, route } = useLocation();
  const cat = query.cat ?? '';
  const [searching, setSearching] = useState((query.q ?? '').trim() !== '');
  useTitle(t('guides.title'));

  const onQuery = (q: string) => {
    setSearching(q !== '');
    route(guidesUrl(q, cat), true);
  };

  return (
    <section class="guides" lang="zh-CN">
      <h1>{t('guides.title')}</h1>
      <p class="guides-intro">{t('guides.intro')}</p>
      <GuideSearch initial={query.q ?? ''} onQuery={onQuery} />
      {!searching && (cat ? <GroupView group={groups.find((g) => g.code === cat)} /> : <GroupIndex />)}
      <HelpCallout title={t('guides.cta.title')} body={t('guides.cta.body')} />
    </section>
  );
}

function GroupIndex() {
  return (
    <nav aria-labelledby="guide-groups">
      <h2 id="guide-groups">{t('guides.browse')}</h2>
      <ul class="guide-groups">
        {groups.map((g) => (
          <li key={g.code}>
            <a class="guide-group" href={guidesUrl('', g.code)} data-testid={`group-${g.code}`}>
              <span>{g.name}</span>
              <span class="guide-group-count">{t('guides.group.count', { n: g.guides.length })}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function GroupView(p: { group: GuideGroup | undefined }) {
  useEffect(() => {
    // Moving into a category is a new page for a screen reader: put focus on its heading.
    document.getElementById('guide-group-title')?.focus();
  }, [p.group?.code]);
  return (
    <div>
      <a class="back" href="/guides">‹ {t('guides.group.all')}</a>
      {p.group ? (
        <>
          <h2 id="guide-group-title" tabIndex={-1}>{p.group.name}</h2>
          <GuideList guides={p.group.guides} />
        </>
      ) : (
        <p class="empty">{t('guides.group.unknown')}</p>
      )}
    </div>
  );
}

function guidesUrl(q: string, cat: string): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (cat) params.set('cat', cat);
  const s = params.toString();
  return s ? `/guides?${s}` : '/guides';
}
