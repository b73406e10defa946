// 案件: the mediator's home. Status tabs and the category filter live in the URL so "back" from a
// case returns to the same view; the list pages PAGE_SIZE at a time and never loads every case.

import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { useLocation } from 'preact-iso';
import type { CaseTab } from '../../state/errors.ts';
import { profile, profileLoaded } from '../../state/app-state.ts';
import { session } from '../../state/session.ts';
import { useCaseList, useFirstTabWithCases, usePendingByCase } from '../../state/case-queries.ts';
import { categories } from '../../shared/categories.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { CaseRow } from './case-row.tsx';

const tabs: { tab: CaseTab | 'all'; label: MessageKey }[] = [
  { tab: 'open', label: 'list.tab.open' },
  { tab: 'visit', label: 'list.tab.visit' },
  { tab: 'closed', label: 'list.tab.closed' },
  { tab: 'all', label: 'list.tab.all' },
];

const tabNames = tabs.map((x) => x.tab);

function parseTab(value: string | undefined): CaseTab | 'all' | undefined {
  return tabs.some((x) => x.tab === value) ? (value as CaseTab | 'all') : undefined;
}

/** The "新申请" card, loaded after first paint and only for a signed-in account (requests-card.tsx). */
function RequestsSlot() {
  const signedIn = session.value !== undefined;
  const [Card, setCard] = useState<FunctionComponent | null>(null);
  useEffect(() => {
    if (!signedIn || Card) return;
    void Promise.all([import('../../shared/i18n/later.ts'), import('../requests/requests-card.tsx')])
      .then(([, m]) => setCard(() => m.RequestsCard))
      .catch(() => undefined);
  }, [signedIn]);
  return signedIn && Card ? <Card /> : null;
}

export function CaseListScreen() {
  const { query, route } = useLocation();
  const asked = parseTab(query.tab);
  // Without a tab in the URL the list opens on the first tab that has cases in it.
  // It follows the cases while none is asked: the first pull of a fresh phone lands after the
  // list has drawn, and a tab that emptied (the last case closed) gives way to one with cases.
  const [opening, setOpening] = useState<CaseTab | 'all' | undefined>(undefined);
  const firstWithCases = useFirstTabWithCases(tabNames);
  const tab = asked ?? opening ?? 'open';
  const choosingTab = asked === undefined && opening === undefined;
  const categoryCode = query.category ?? '';
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState(1);

  // First run: nothing can be recorded before the mediator says who and where they are. Staff
  // signed in to a town or county account see their area's synced cases without a profile.
  useEffect(() => {
    if (profileLoaded.value && !profile.value && !session.value) route('/me', true);
  }, [profileLoaded.value, profile.value, session.value]);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchInput), 250);
    return () => clearTimeout(timer);
  }, [searchInput]);

  useEffect(() => setPages(1), [tab, categoryCode, search]);

  const list = useCaseList({ tab, categoryCode, search, pages });
  const chosen = firstWithCases.value;
  useEffect(() => {
    if (asked !== undefined || !firstWithCases.loaded || search.trim() !== '') return;
    if (opening === undefined || (list.loaded && list.cases.length === 0 && chosen !== undefined && chosen !== opening)) setOpening(chosen ?? 'open');
  }, [asked, firstWithCases.loaded, chosen, opening, list.loaded, list.cases.length, search]);
  const pending = usePendingByCase(list.cases.map((c) => c.id));

  const go = (next: { tab?: string; category?: string }) => {
    const params = new URLSearchParams({ tab: next.tab ?? tab });
    const category = next.category ?? categoryCode;
    if (category !== '') params.set('category', category);
    route(`/?${params.toString()}`, true);
  };

  const searching = search.trim() !== '';
  return (
    <section class="screen case-list-screen" aria-labelledby="list-title">
      <h1 id="list-title" class="sr-only">{t('list.title')}</h1>
      <RequestsSlot />
      <div class="tabs" role="group" aria-label={t('list.tabs')}>
        {tabs.map((x) => (
          <button
            key={x.tab}
            type="button"
            class="tab"
            aria-pressed={!searching && x.tab === tab}
            data-testid={`tab-${x.tab}`}
            onClick={() => {
              setSearchInput('');
              setSearch('');
              go({ tab: x.tab });
            }}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      <div class="filters">
        <label class="sr-only" for="case-search">{t('list.search')}</label>
        <input
          id="case-search"
          type="search"
          value={searchInput}
          placeholder={t('list.search.placeholder')}
          autoComplete="off"
          enterKeyHint="search"
          onInput={(e) => setSearchInput(e.currentTarget.value)}
        />
        <label class="sr-only" for="case-category">{t('list.category')}</label>
        <select id="case-category" value={categoryCode} disabled={searching} onChange={(e) => go({ category: e.currentTarget.value })}>
          <option value="">{t('list.category.all')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>{c.name}</option>
          ))}
        </select>
      </div>
      {searching && <p class="muted">{t('list.search.results', { text: search.trim() })}</p>}
      {list.loaded && !choosingTab && list.cases.length === 0 ? (
        <div class="empty">
          <p>{searching ? t('list.empty.search', { text: search.trim() }) : t('list.empty')}</p>
          {!searching && <a class="button" href="/new">{t('list.empty.new')}</a>}
        </div>
      ) : (
        <ul class="case-list" aria-busy={!list.loaded}>
          {list.cases.map((c) => (
            <li key={c.id}>
              <CaseRow record={c} pending={pending.get(c.id) ?? 0} />
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" class="button block" data-testid="load-more" onClick={() => setPages((n) => n + 1)}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
