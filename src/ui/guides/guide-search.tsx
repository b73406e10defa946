// The search box and its results. Searches as you type (100 ms after the last keystroke), all in
// the page: the index is bundled, so it works the same with no network. The index is prepared on
// first focus, so the first query does not wait for it.

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { loadGuideSearch, type Guide } from '../../state/guides.ts';
import { GuideList } from './guide-list.tsx';

const DEBOUNCE_MS = 100;

interface Found {
  readonly query: string;
  readonly guides: readonly Guide[];
}

export function GuideSearch(p: { initial: string; onQuery: (query: string) => void }) {
  const [text, setText] = useState(p.initial);
  const [found, setFound] = useState<Found | undefined>(undefined);
  const reported = useRef(p.initial.trim());
  const input = useRef<HTMLInputElement>(null);
  const query = text.trim();

  // On a prerendered page a quick reader may type before the app takes the page over: keep it.
  useEffect(() => {
    const typed = input.current?.value ?? '';
    if (typed !== text) setText(typed);
  }, []);

  useEffect(() => {
    if (query === '') {
      setFound(undefined);
      report('');
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void loadGuideSearch().then((search) => {
        if (!live) return;
        setFound({ query, guides: search(query) });
        report(query);
      }).catch(() => undefined); // the chunk failed to load: the next keystroke tries again
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  function report(q: string) {
    if (reported.current === q) return;
    reported.current = q;
    p.onQuery(q);
  }

  // Old results stay up while the next query is being prepared, so the list does not flicker.
  // The status line is a live region: it tells a screen reader both "found n" and "found none".
  const status = query === '' || !found ? '' : found.guides.length > 0 ? t('guides.search.count', { n: found.guides.length, text: found.query }) : t('guides.search.none', { text: found.query });
  return (
    <div class="guide-search">
      <form role="search" onSubmit={hideKeyboard}>
        <label for="guide-q">{t('guides.search')}</label>
        <input
          id="guide-q"
          ref={input}
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          value={text}
          placeholder={t('guides.search.placeholder')}
          onFocus={() => void loadGuideSearch()}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </form>
      <p class="search-status" role="status" data-testid="search-status">{status}</p>
      {query !== '' && found && (found.guides.length > 0 ? (
        <section aria-labelledby="search-results-title">
          <h2 id="search-results-title" class="sr-only">{t('guides.search.results')}</h2>
          <GuideList guides={found.guides} testId="search-results" />
        </section>
      ) : (
        <NoResults onPick={setText} />
      ))}
    </div>
  );
}

// Searching already happened as the user typed; Enter only closes the phone keyboard.
function hideKeyboard(e: Event) {
  e.preventDefault();
  (document.activeElement as HTMLElement | null)?.blur();
}

function NoResults(p: { onPick: (word: string) => void }) {
  return (
    <div class="no-results" data-testid="search-none">
      <p>{t('guides.search.tryOther')}</p>
      <ul class="suggestions">
        {t('guides.search.suggestions').split('|').map((word) => (
          <li key={word}>
            <button type="button" class="chip-button" onClick={() => p.onPick(word)}>{word}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
