// The pieces under the guide loader: front matter, section split, Markdown rendering, and the
// editorial checker on guides that break the rules.
import { describe, expect, it } from 'vitest';
import { parseFrontMatter, FrontMatterError } from '../../src/content/front-matter.ts';
import { checkGuide } from '../../src/content/guide-checks.ts';
import { GuideParseError, parseGuide, slugFromPath } from '../../src/content/guides.ts';
import { extractLinks, plainText, renderMarkdown } from '../../src/content/markdown.ts';

const SECTIONS = `
## 身边的事

故事。

## 法律怎么说

> 禁止借婚姻索取财物。——《民法典》第1042条

## 您可以怎么做

1. 第一步。
2. 第二步。

## 去哪里办

- 调委会

## 相关指南

- [别的](/guides/other)
`;

function raw(frontMatter: string, body = SECTIONS): string {
  return `---\n${frontMatter}\n---\n${body}`;
}

const GOOD = `title: 彩礼
category: 01
summary: 一行。
keywords:
  - 彩礼
  - "退彩礼"
citations:
  - 民法典|2020-05-28|1042
updated: 2026-11-21
related:
  - other`;

describe('parseFrontMatter', () => {
  it('keeps codes and dates as the exact strings typed', () => {
    const { data } = parseFrontMatter(raw('category: 01\nsub: 10.1\nupdated: 2026-11-21'));
    expect(data).toEqual({ category: '01', sub: '10.1', updated: '2026-11-21' });
  });

  it('reads lists, strips quotes and handles CRLF', () => {
    const { data, body } = parseFrontMatter('---\r\nkeywords:\r\n  - a\r\n  - "b c"\r\n---\r\nbody');
    expect(data['keywords']).toEqual(['a', 'b c']);
    expect(body).toBe('body');
  });

  it('rejects a missing fence, a stray list item and a duplicate key', () => {
    expect(() => parseFrontMatter('title: x')).toThrow(FrontMatterError);
    expect(() => parseFrontMatter('---\n  - orphan\n---\n')).toThrow(FrontMatterError);
    expect(() => parseFrontMatter('---\na: 1\na: 2\n---\n')).toThrow(/重复/);
  });
});

describe('parseGuide', () => {
  it('builds a typed guide', () => {
    const g = parseGuide('caili', raw(GOOD));
    expect(g).toMatchObject({
      slug: 'caili',
      title: '彩礼',
      category: '01',
      keywords: ['彩礼', '退彩礼'],
      citations: [{ law: '民法典', version: '2020-05-28', article: 1042 }],
      related: ['other'],
    });
    expect(g.sections.map((s) => s.heading)).toEqual(['身边的事', '法律怎么说', '您可以怎么做', '去哪里办', '相关指南']);
    expect(g.sections[2]?.markdown).toBe('1. 第一步。\n2. 第二步。');
  });

  it('rejects unknown categories, bad citations, bad dates and missing fields', () => {
    expect(() => parseGuide('x', raw(GOOD.replace('category: 01', 'category: 99')))).toThrow(GuideParseError);
    expect(() => parseGuide('x', raw(GOOD.replace('民法典|2020-05-28|1042', '民法典第1042条')))).toThrow(/引用格式/);
    expect(() => parseGuide('x', raw(GOOD.replace('updated: 2026-11-21', 'updated: 2026/11/21')))).toThrow(/updated/);
    expect(() => parseGuide('x', raw(GOOD.replace('title: 彩礼\n', '')))).toThrow(/缺少 title/);
  });

  it('rejects body text before the first section', () => {
    expect(() => parseGuide('x', raw(GOOD, `前言\n${SECTIONS}`))).toThrow(/## 标题/);
  });

  it('takes the slug from the file name', () => {
    expect(slugFromPath('./guides/minjian-jiedai.md')).toBe('minjian-jiedai');
  });
});

describe('checkGuide', () => {
  const known = new Set(['caili', 'other']);

  it('passes a well-formed guide', () => {
    expect(checkGuide(parseGuide('caili', raw(GOOD)), known)).toEqual([]);
  });

  it('reports sections out of order or missing', () => {
    const swapped = SECTIONS.replace('## 身边的事', '## TEMP').replace('## 法律怎么说', '## 身边的事').replace('## TEMP', '## 法律怎么说');
    expect(checkGuide(parseGuide('caili', raw(GOOD, swapped)), known).join()).toMatch(/小节应为/);
  });

  it('reports a split (non-leaf) category and dead related links', () => {
    const split = GOOD.replace('category: 01', 'category: 10').replace('  - other', '  - nowhere');
    const problems = checkGuide(parseGuide('caili', raw(split)), known).join('\n');
    expect(problems).toMatch(/纠纷类型 10/);
    expect(problems).toMatch(/related 指向不存在的指南 nowhere/);
    expect(problems).toMatch(/相关指南」的链接应与 related 一致/);
  });

  it('reports an empty citation list and non-numbered steps', () => {
    const bare = GOOD.replace('citations:\n  - 民法典|2020-05-28|1042', 'citations:');
    const steps = SECTIONS.replace('1. 第一步。\n2. 第二步。', '先这样，再那样。');
    const problems = checkGuide(parseGuide('caili', raw(bare, steps)), known).join('\n');
    expect(problems).toMatch(/citations 至少要有一条/);
    expect(problems).toMatch(/编号步骤/);
  });
});

describe('renderMarkdown', () => {
  it('renders the subset the guides use', () => {
    const html = renderMarkdown('### 小标题\n\n一段**加粗**文字，\n接着一行。\n\n1. 一\n2. 二\n\n- 甲\n- 乙\n\n> 引文\n> 第二行');
    expect(html).toBe(
      [
        '<h3>小标题</h3>',
        '<p>一段<strong>加粗</strong>文字，接着一行。</p>',
        '<ol><li>一</li><li>二</li></ol>',
        '<ul><li>甲</li><li>乙</li></ul>',
        '<blockquote><p>引文第二行</p></blockquote>',
      ].join('\n'),
    );
  });

  it('escapes HTML in text, labels and links', () => {
    const html = renderMarkdown('<script>alert(1)</script> & "x" [<b>点</b>](/guides/a?b="c")');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&amp; &quot;x&quot;');
    expect(html).toContain('<a href="/guides/a?b=&quot;c&quot;">&lt;b&gt;点&lt;/b&gt;</a>');
  });

  it('drops links to unsafe targets but keeps their text', () => {
    expect(renderMarkdown('[点我](javascript:void)')).toBe('<p>点我</p>');
    expect(renderMarkdown('[外链](//evil.example)')).toBe('<p>外链</p>');
    expect(renderMarkdown('[电话](tel:12348)')).toBe('<p><a href="tel:12348">电话</a></p>');
  });

  it('keeps a space between Latin words joined across lines', () => {
    expect(renderMarkdown('call\n12348')).toBe('<p>call 12348</p>');
  });
});

describe('plainText and extractLinks', () => {
  it('strips markup for the search index', () => {
    expect(plainText('## 题\n\n**借条**要写[清楚](/x)。\n\n1. 一\n> 引')).toBe('题\n借条要写清楚。\n一\n引');
  });

  it('finds links', () => {
    expect(extractLinks('- [甲](/guides/a)\n- [乙](/guides/b)')).toEqual([
      { text: '甲', href: '/guides/a' },
      { text: '乙', href: '/guides/b' },
    ]);
  });
});
