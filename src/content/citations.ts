// Checks that a guide's legal references are real: every front-matter citation names an article
// in the law table (same law, same version), and every blockquote is a verbatim piece of a cited
// article, ending with its source: `> 禁止借婚姻索取财物。——《民法典》第1042条`.
// A wrong article number is a defect residents would act on, so this runs over every guide in CI.

import { extractBlockquotes } from './markdown.ts';
import { lawKey, type Law } from './laws/types.ts';
import type { Citation, Guide } from './types.ts';

export interface StatuteQuote {
  readonly law: string;
  readonly article: number;
  /** The quoted words, without the trailer; `……` marks an omission. */
  readonly text: string;
}

const TRAILER = /——《([^》]+)》第(\d+)条\s*$/;
const MENTION = /《([^》]+)》第(\d+)条/g;
const ELLIPSIS = /……|\.\.\./;

/** Parses one blockquote; undefined when it does not end with a `——《法》第N条` source. */
export function parseStatuteQuote(blockquote: string): StatuteQuote | undefined {
  const m = TRAILER.exec(blockquote);
  if (!m) return undefined;
  return { law: m[1] ?? '', article: Number(m[2]), text: blockquote.slice(0, m.index).trim() };
}

/** True when every `……`-separated piece of the quote occurs, in order, in the article. */
export function quoteMatches(quote: string, articleParagraphs: readonly string[]): boolean {
  const article = normalize(articleParagraphs.join(''));
  const pieces = quote.split(ELLIPSIS).map(normalize);
  if (pieces.every((p) => p === '')) return false;
  let from = 0;
  for (const piece of pieces) {
    if (piece === '') continue;
    const at = article.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/** All problems with the guide's citations and quotes; an empty list means it checks out. */
export function checkCitations(guide: Guide, laws: readonly Law[]): string[] {
  const table = new Map(laws.map((law) => [lawKey(law.name, law.version), law]));
  const problems: string[] = [];
  const where = (c: Citation) => `${c.law}|${c.version}|${c.article}`;

  for (const c of guide.citations) {
    const law = table.get(lawKey(c.law, c.version));
    if (!law) problems.push(`引用 ${where(c)}：法律表里没有这部法的这个版本`);
    else if (!law.articles[c.article]) problems.push(`引用 ${where(c)}：法律表里没有第${c.article}条`);
  }

  let quoteCount = 0;
  for (const section of guide.sections) {
    for (const block of extractBlockquotes(section.markdown)) {
      quoteCount++;
      const quote = parseStatuteQuote(block);
      if (!quote) {
        problems.push(`「${section.heading}」里的引文没有以 ——《法律》第N条 结尾：${block.slice(0, 30)}`);
        continue;
      }
      const cited = guide.citations.find((c) => c.law === quote.law && c.article === quote.article);
      if (!cited) {
        problems.push(`引文出自《${quote.law}》第${quote.article}条，但前置信息 citations 没有引用这一条`);
        continue;
      }
      const text = table.get(lawKey(cited.law, cited.version))?.articles[cited.article]?.text;
      if (!text) problems.push(`《${quote.law}》第${quote.article}条在法律表里没有条文原文，不能引用`);
      else if (!quoteMatches(quote.text, text)) {
        problems.push(`引文与《${quote.law}》第${quote.article}条原文不符：${normalize(quote.text).slice(0, 30)}`);
      }
    }
  }
  // Article numbers named in running text (「（《民法典》第188条）」) must be cited too, so the
  // table check above covers them.
  for (const section of guide.sections) {
    for (const m of section.markdown.matchAll(MENTION)) {
      const law = m[1] ?? '';
      const article = Number(m[2]);
      if (!guide.citations.some((c) => c.law === law && c.article === article)) {
        problems.push(`「${section.heading}」提到《${law}》第${article}条，但 citations 没有引用这一条`);
      }
    }
  }

  const lawSection = guide.sections.find((s) => s.heading === '法律怎么说');
  if (lawSection && extractBlockquotes(lawSection.markdown).length === 0) {
    problems.push('「法律怎么说」至少要原文引用一条法律');
  }
  if (quoteCount === 0 && !lawSection) problems.push('没有任何法条引文');
  return problems;
}

// Whitespace and line breaks are layout, not wording; everything else must match exactly.
function normalize(text: string): string {
  return text.replace(/\s+/g, '');
}
