// What the guide reader adds on top of the Markdown: time limits marked, hotlines callable, and
// every guide listed under exactly one plain-named category.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGuides } from '../../src/content/guides.ts';
import { hasMessage } from '../../src/shared/i18n/index.ts';
import { categories } from '../../src/shared/categories.ts';
import { deadlinesOf, renderGuideSection } from '../../src/ui/guides/guide-html.ts';
import { groupGuides } from '../../src/ui/guides/groups.ts';

const dir = fileURLToPath(new URL('../../src/content/guides/', import.meta.url));
const guides = parseGuides(
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => [f, readFileSync(dir + f, 'utf8')]),
  ),
);
const body = (slug: string) => guides.find((g) => g.slug === slug)?.sections.map((s) => s.markdown).join('\n') ?? '';

describe('renderGuideSection', () => {
  it('marks time limits and turns hotline numbers into tap-to-call links', () => {
    const html = renderGuideSection('- 在 **3年** 内起诉，**30天** 内确认\n- 有危险打 **110**\n- **注意**：别拖');
    expect(html).toContain('<strong class="deadline">3年</strong>');
    expect(html).toContain('<strong class="deadline">30天</strong>');
    expect(html).toContain('<strong><a class="tel" href="tel:110">110</a></strong>');
    expect(html).toContain('<strong>注意</strong>');
  });

  it('leaves escaped text escaped', () => {
    expect(renderGuideSection('**<b>3年</b>**')).not.toContain('<b>');
  });
});

describe('deadlinesOf', () => {
  it('lists each time limit once, in reading order', () => {
    expect(deadlinesOf(body('caili-fanhuan'))).toEqual(['3年', '30天']);
    expect(deadlinesOf(body('qianxin'))).toEqual(expect.arrayContaining(['15天', '1年']));
    expect(deadlinesOf(body('susong-shixiao'))).toContain('2年');
  });
});

describe('groupGuides', () => {
  const groups = groupGuides(guides);

  it('puts every guide in exactly one group, under a plain name from the catalogue', () => {
    expect(groups.flatMap((g) => g.guides.map((x) => x.slug)).sort()).toEqual(guides.map((g) => g.slug).sort());
    for (const g of groups) expect(hasMessage(`guides.group.${g.code}`), g.code).toBe(true);
  });

  it('follows the order of the category table', () => {
    const order = categories.map((c) => c.code);
    const positions = groups.map((g) => order.indexOf(g.code));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
