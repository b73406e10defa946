// Guide Markdown → HTML for the reader, plus what the reader must not miss: time limits written
// as **3年** / **30天** / **15天** get the `deadline` mark, and emergency and hotline numbers
// written as **110** / **12333** become tap-to-call links. Both patterns match digits and a unit
// only, so nothing from the guide text reaches an attribute unescaped.

import { renderMarkdown } from '../../content/markdown.ts';

const DEADLINE_HTML = /<strong>(\d+\s*(?:年|个月|天|日))<\/strong>/g;
const HOTLINE_HTML = /<strong>(\d{3,5})<\/strong>/g;
const DEADLINE_MD = /\*\*(\d+\s*(?:年|个月|天|日))\*\*/g;

export function renderGuideSection(markdown: string): string {
  return renderMarkdown(markdown)
    .replace(DEADLINE_HTML, '<strong class="deadline">$1</strong>')
    .replace(HOTLINE_HTML, '<strong><a class="tel" href="tel:$1">$1</a></strong>');
}

/** Distinct time limits a guide stresses, in reading order: ["3年", "30天"]. */
export function deadlinesOf(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(DEADLINE_MD)].map((m) => (m[1] ?? '').replace(/\s+/g, '')))];
}
