// The citation checker itself, fed synthetic guides, so we know it can fail: a wrong article
// number, a wrong version, or a misquote must each be reported.
import { describe, expect, it } from 'vitest';
import { checkCitations, parseStatuteQuote, quoteMatches } from '../../src/content/citations.ts';
import { parseGuide } from '../../src/content/guides.ts';
import { laws } from '../../src/content/laws/index.ts';
import type { Law } from '../../src/content/laws/types.ts';

function guide(citations: string[], lawSection: string, extra = ''): string {
  return `---
title: 测试
category: 01
summary: 测试
keywords:
  - 彩礼
citations:
${citations.map((c) => `  - ${c}`).join('\n')}
updated: 2026-11-21
related:
---

## 身边的事

故事。

## 法律怎么说

${lawSection}

## 您可以怎么做

1. 做。

## 去哪里办

${extra || '调委会。'}

## 相关指南

无。
`;
}

const QUOTE_1042 = '> 禁止包办、买卖婚姻和其他干涉婚姻自由的行为。禁止借婚姻索取财物。——《民法典》第1042条';

describe('checkCitations', () => {
  it('accepts a correct citation and verbatim quote', () => {
    const g = parseGuide('ok', guide(['民法典|2020-05-28|1042'], QUOTE_1042));
    expect(checkCitations(g, laws)).toEqual([]);
  });

  it('rejects a quote attributed to the wrong (but existing) article', () => {
    const wrong = QUOTE_1042.replace('第1042条', '第1067条');
    const g = parseGuide('wrong-article', guide(['民法典|2020-05-28|1067'], wrong));
    const problems = checkCitations(g, laws);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^引文与《民法典》第1067条原文不符/);
  });

  it('rejects a citation to an article missing from the table', () => {
    const wrong = QUOTE_1042.replace('第1042条', '第1043条');
    const g = parseGuide('missing-article', guide(['民法典|2020-05-28|1043'], wrong));
    expect(checkCitations(g, laws).join()).toMatch(/法律表里没有第1043条/);
  });

  it('rejects an article the table does not list', () => {
    const g = parseGuide('unknown', guide(['民法典|2020-05-28|1042', '民法典|2020-05-28|9999'], QUOTE_1042));
    expect(checkCitations(g, laws)).toEqual(['引用 民法典|2020-05-28|9999：法律表里没有第9999条']);
  });

  it('rejects a law version the table does not have', () => {
    const g = parseGuide('old', guide(['民法典|2019-01-01|1042'], QUOTE_1042));
    expect(checkCitations(g, laws).join()).toMatch(/没有这部法的这个版本/);
  });

  it('rejects a misquote', () => {
    const misquote = '> 禁止借婚姻索取任何财物。——《民法典》第1042条';
    const g = parseGuide('misquote', guide(['民法典|2020-05-28|1042'], misquote));
    expect(checkCitations(g, laws).join()).toMatch(/原文不符/);
  });

  it('rejects a quote whose article is not in the citations list', () => {
    const g = parseGuide('uncited', guide(['民法典|2020-05-28|188'], QUOTE_1042));
    expect(checkCitations(g, laws).join()).toMatch(/citations 没有引用/);
  });

  it('rejects a quote without its source trailer', () => {
    const g = parseGuide('no-source', guide(['民法典|2020-05-28|1042'], '> 禁止借婚姻索取财物。'));
    expect(checkCitations(g, laws).join()).toMatch(/没有以/);
  });

  it('rejects an article number mentioned in running text but not cited', () => {
    const mention = '时效一般三年（《民法典》第188条）。';
    const g = parseGuide('mention', guide(['民法典|2020-05-28|1042'], QUOTE_1042, mention));
    expect(checkCitations(g, laws).join()).toMatch(/提到《民法典》第188条/);
  });

  it('requires at least one quote in 法律怎么说', () => {
    const g = parseGuide('no-quote', guide(['民法典|2020-05-28|1042'], '法律禁止借婚姻索取财物。'));
    expect(checkCitations(g, laws)).toEqual(['「法律怎么说」至少要原文引用一条法律']);
  });

  it('rejects quoting an article that the table lists without text', () => {
    const titleOnly: Law = {
      name: '某法',
      fullName: '某法',
      version: '2000-01-01',
      source: 'test',
      articles: { 1: { title: '只有标题' } },
    };
    const g = parseGuide('no-text', guide(['某法|2000-01-01|1'], '> 任何文字。——《某法》第1条'));
    expect(checkCitations(g, [titleOnly]).join()).toMatch(/没有条文原文/);
  });
});

describe('quote matching', () => {
  const article = ['第一段文字。', '第二段，有更多文字。'];

  it('ignores line breaks and spaces, not punctuation', () => {
    expect(quoteMatches('第一段文字。\n第二段，有更多文字。', article)).toBe(true);
    expect(quoteMatches('第一段 文字。', article)).toBe(true);
    expect(quoteMatches('第一段文字', article)).toBe(true);
    expect(quoteMatches('第二段,有更多文字。', article)).toBe(false);
  });

  it('lets …… skip words but keeps the order', () => {
    expect(quoteMatches('第一段……更多文字。', article)).toBe(true);
    expect(quoteMatches('更多文字……第一段', article)).toBe(false);
    expect(quoteMatches('……', article)).toBe(false);
  });

  it('parses the source trailer', () => {
    expect(parseStatuteQuote('条文。——《民法典》第188条')).toEqual({ law: '民法典', article: 188, text: '条文。' });
    expect(parseStatuteQuote('条文。《民法典》第188条')).toBeUndefined();
  });
});
