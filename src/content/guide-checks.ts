// Editorial rules every guide must meet, checked over the whole set (tests run them on every file):
// the five sections in order, a category a mediator can pick today, keywords and citations
// present, and related links that lead somewhere. Returns problems instead of throwing so one
// run reports everything wrong at once.

import { categoriesForDate } from '../shared/categories.ts';
import { extractLinks } from './markdown.ts';
import { SECTION_HEADINGS, type Guide } from './types.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const GUIDE_HREF = /^\/guides\/([a-z0-9-]+)$/;

export function checkGuide(guide: Guide, knownSlugs: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!SLUG.test(guide.slug)) problems.push(`文件名 ${guide.slug} 不是小写连字符形式`);

  const headings = guide.sections.map((s) => s.heading);
  if (headings.join('|') !== SECTION_HEADINGS.join('|')) {
    problems.push(`小节应为 ${SECTION_HEADINGS.join('、')}，实际是 ${headings.join('、') || '（无）'}`);
  }
  for (const s of guide.sections) if (s.markdown === '') problems.push(`「${s.heading}」是空的`);

  // Leaf codes only: a split row such as 10 is no longer offered on the case form.
  const pickable = categoriesForDate(guide.updated).map((c) => c.code);
  if (!pickable.includes(guide.category)) {
    problems.push(`纠纷类型 ${guide.category} 在 ${guide.updated} 不是调解员可选的类型`);
  }

  if (guide.keywords.length === 0) problems.push('keywords 不能为空');
  if (guide.citations.length === 0) problems.push('citations 至少要有一条');
  if (guide.summary.includes('\n')) problems.push('summary 只能是一行');

  for (const r of guide.related) {
    if (r === guide.slug) problems.push('related 不能指向自己');
    else if (!knownSlugs.has(r)) problems.push(`related 指向不存在的指南 ${r}`);
  }

  const relatedSection = guide.sections.find((s) => s.heading === '相关指南');
  if (relatedSection) {
    const linked = extractLinks(relatedSection.markdown).map((l) => GUIDE_HREF.exec(l.href)?.[1] ?? l.href);
    for (const slug of linked) if (!knownSlugs.has(slug)) problems.push(`「相关指南」链接到不存在的 ${slug}`);
    if ([...linked].sort().join() !== [...guide.related].sort().join()) {
      problems.push('「相关指南」的链接应与 related 一致');
    }
  }

  const steps = guide.sections.find((s) => s.heading === '您可以怎么做');
  if (steps && !/^1[.、]\s/m.test(steps.markdown)) problems.push('「您可以怎么做」应是编号步骤');
  return problems;
}

/** Problems across the set: duplicate slugs, plus each guide's own problems prefixed by slug. */
export function checkGuides(guides: readonly Guide[]): string[] {
  const slugs = new Set<string>();
  const problems: string[] = [];
  for (const g of guides) {
    if (slugs.has(g.slug)) problems.push(`${g.slug}: 重复的 slug`);
    slugs.add(g.slug);
  }
  for (const g of guides) problems.push(...checkGuide(g, slugs).map((p) => `${g.slug}: ${p}`));
  return problems;
}
