// What the guide screens read: the bundled guides, the reader's font-size choice (kept in
// idb-keyval so it survives restarts), and the search index. The index is built only when someone
// is about to search — it costs ~80 ms — and MiniSearch comes in its own chunk with it.

import { signal } from '@preact/signals';
import { get, set } from 'idb-keyval';
import { guides } from '../content/guides-bundle.ts';
import type { Guide } from '../content/guides.ts';

export { guides };
export type { Guide };

const bySlug = new Map(guides.map((g) => [g.slug, g]));

export function guideBySlug(slug: string): Guide | undefined {
  return bySlug.get(slug);
}

// ---- font size ----

export const FONT_STEPS = [0, 1, 2] as const;
export type FontStep = (typeof FONT_STEPS)[number];
const FONT_KEY = 'guides.fontStep';

export const fontStep = signal<FontStep>(0);

const isFontStep = (x: unknown): x is FontStep => FONT_STEPS.some((s) => s === x);

// Read once when a guide screen first loads; a failure (private mode, quota) keeps the default.
void get<unknown>(FONT_KEY)
  .then((stored) => {
    if (isFontStep(stored)) fontStep.value = stored;
  })
  .catch(() => undefined);

/** Applies at once; the stored copy follows, and losing it only costs the next visit its size. */
export function setFontStep(step: FontStep): void {
  fontStep.value = step;
  void set(FONT_KEY, step).catch(() => undefined);
}

// ---- search ----

export type GuideSearch = (query: string) => Guide[];

let searchReady: Promise<GuideSearch> | undefined;

/** Builds the index on first call (lazy chunk + ~80 ms); later calls share the same promise. */
export function loadGuideSearch(): Promise<GuideSearch> {
  searchReady ??= import('../content/search.ts').then(({ buildGuideIndex, searchGuides }) => {
    const index = buildGuideIndex(guides);
    return (query: string) =>
      searchGuides(index, query)
        .map((slug) => bySlug.get(slug))
        .filter((g): g is Guide => g !== undefined);
  });
  // A failed chunk load must not stick: the next keystroke tries again.
  searchReady.catch(() => (searchReady = undefined));
  return searchReady;
}
