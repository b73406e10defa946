// Offline full-text search over the guides. Chinese has no spaces, so words are approximated by
// overlapping character pairs (bigrams): 宅基地 → 宅基 基地. Short fields (title, keywords,
// summary) are indexed with bigrams and single characters; the body with bigrams only, because
// indexing cost grows with tokens and single characters add little there (a one-character query
// still reaches body bigrams by prefix: 彩 → 彩礼). A query uses bigrams, or the single character
// when that is all the user typed. Title and keywords weigh most because they carry the words
// people actually type (欠钱不还, 狗咬人). Runs entirely in the page; no server involved.

import MiniSearch from 'minisearch';
import { plainText } from './markdown.ts';
import type { Guide } from './types.ts';

export type GuideIndex = MiniSearch<GuideDocument>;

interface GuideDocument {
  readonly id: string;
  readonly title: string;
  readonly keywords: string;
  readonly summary: string;
  readonly body: string;
}

// Han characters (incl. extension A and compatibility ideographs) form one kind of run; Latin
// letters and digits another; everything else separates runs.
const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+/g;
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Index-side tokens: every bigram of a Han run, plus every single character unless
 * `withUnigrams` is false (then only a run that is one character long); Latin words whole.
 */
export function tokenizeForIndex(text: string, withUnigrams = true): string[] {
  const out: string[] = [];
  for (const run of text.match(RUN) ?? []) {
    if (!HAN.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    chars.forEach((c, i) => {
      const next = chars[i + 1];
      if (withUnigrams || chars.length === 1) out.push(c);
      if (next !== undefined) out.push(c + next);
    });
  }
  return out;
}

/** Query-side tokens: bigrams for Han runs of two or more, the lone character otherwise. */
export function tokenizeQuery(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(RUN) ?? []) {
    const chars = [...run];
    if (!HAN.test(run) || chars.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
  return out;
}

export function buildGuideIndex(guides: readonly Guide[]): GuideIndex {
  const index = new MiniSearch<GuideDocument>({
    fields: ['title', 'keywords', 'summary', 'body'],
    tokenize: (text, field) => tokenizeForIndex(text, field !== 'body'),
    processTerm: (term) => term.toLowerCase(),
    searchOptions: {
      tokenize: tokenizeQuery,
      processTerm: (term) => term.toLowerCase(),
      boost: { title: 4, keywords: 4, summary: 2, body: 1 },
      // Prefix matching is what makes partial input work: 彩 → 彩礼, 宅基 → 宅基地's pairs.
      prefix: true,
      combineWith: 'OR',
    },
  });
  index.addAll(guides.map(toDocument));
  return index;
}

/** Slugs of matching guides, best first; empty for a query with no searchable characters. */
export function searchGuides(index: GuideIndex, query: string, limit = 20): string[] {
  if (tokenizeQuery(query).length === 0) return [];
  return index
    .search(query)
    .slice(0, limit)
    .map((r) => String(r.id));
}

function toDocument(guide: Guide): GuideDocument {
  return {
    id: guide.slug,
    title: guide.title,
    keywords: guide.keywords.join(' '),
    summary: guide.summary,
    body: guide.sections.map((s) => plainText(s.markdown)).join('\n'),
  };
}
