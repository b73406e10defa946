// Turns guide files (Markdown + front matter, as raw strings) into typed Guide objects.
// Pure: no Node or DOM APIs, so the same code runs in the browser bundle (guides-bundle.ts) and
// in Node tests and benchmarks that read the files with fs. Content rules that need the whole
// set (related slugs, section order, citations) live in guide-checks.ts and citations.ts.

import { isCategoryCode } from '../shared/categories.ts';
import { formatDate } from '../shared/dates.ts';
import { FrontMatterError, parseFrontMatter, type FrontMatterValue } from './front-matter.ts';
import type { Citation, Guide, GuideSection } from './types.ts';

export type { Citation, Guide, GuideSection, SectionHeading } from './types.ts';
export { SECTION_HEADINGS } from './types.ts';

export class GuideParseError extends Error {
  override readonly name = 'GuideParseError';
  constructor(
    readonly slug: string,
    message: string,
  ) {
    super(`${slug}: ${message}`);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CITATION = /^([^|]+)\|(\d{4}-\d{2}-\d{2})\|(\d+)$/;

export function parseGuide(slug: string, raw: string): Guide {
  let fm;
  try {
    fm = parseFrontMatter(raw);
  } catch (e) {
    if (e instanceof FrontMatterError) throw new GuideParseError(slug, e.message);
    throw e;
  }
  const field = (key: string): string => {
    const v = fm.data[key];
    if (typeof v !== 'string' || v === '') throw new GuideParseError(slug, `缺少 ${key}`);
    return v;
  };
  const list = (key: string): readonly string[] => asList(slug, key, fm.data[key]);

  const category = field('category');
  if (!isCategoryCode(category)) throw new GuideParseError(slug, `未知的纠纷类型代码 ${category}`);
  const updated = field('updated');
  if (!DATE.test(updated)) throw new GuideParseError(slug, `updated 不是 YYYY-MM-DD：${updated}`);

  return {
    slug,
    title: field('title'),
    category,
    summary: field('summary'),
    keywords: list('keywords'),
    citations: list('citations').map((c) => parseCitation(slug, c)),
    updated,
    updatedText: formatDate(updated),
    related: list('related'),
    sections: splitSections(slug, fm.body),
  };
}

/** `民法典|2020-05-28|1042` → { law, version, article }. */
export function parseCitation(slug: string, text: string): Citation {
  const m = CITATION.exec(text.trim());
  if (!m) throw new GuideParseError(slug, `引用格式应为 法律|版本日期|条号：${text}`);
  return { law: (m[1] ?? '').trim(), version: m[2] ?? '', article: Number(m[3]) };
}

/** Splits the body at `## ` headings. Text before the first heading would be lost, so it is an error. */
export function splitSections(slug: string, body: string): GuideSection[] {
  const sections: { heading: string; lines: string[] }[] = [];
  for (const line of body.split('\n')) {
    const h = /^##\s+(.+?)\s*$/.exec(line);
    if (h) sections.push({ heading: h[1] ?? '', lines: [] });
    else if (sections.length > 0) sections.at(-1)?.lines.push(line);
    else if (line.trim() !== '') throw new GuideParseError(slug, '正文必须从 ## 标题开始');
  }
  return sections.map((s) => ({ heading: s.heading, markdown: s.lines.join('\n').trim() }));
}

/** './guides/xianglin-guanxi.md' → 'xianglin-guanxi'. */
export function slugFromPath(path: string): string {
  return (path.split('/').at(-1) ?? path).replace(/\.md$/, '');
}

/** Parses a `{ path: raw }` map (from import.meta.glob or fs) into guides sorted by slug. */
export function parseGuides(files: Readonly<Record<string, string>>): Guide[] {
  return Object.entries(files)
    .map(([path, raw]) => parseGuide(slugFromPath(path), raw))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export function sectionOf(guide: Guide, heading: string): GuideSection | undefined {
  return guide.sections.find((s) => s.heading === heading);
}

function asList(slug: string, key: string, v: FrontMatterValue | undefined): readonly string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') throw new GuideParseError(slug, `${key} 应该是列表（每行一个 - 项）`);
  return v;
}
