// Search over the real guides: the words villagers type must land on the right guide first.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGuides } from '../../src/content/guides.ts';
import { buildGuideIndex, searchGuides, tokenizeForIndex, tokenizeQuery } from '../../src/content/search.ts';

const dir = fileURLToPath(new URL('../../src/content/guides/', import.meta.url));
const guides = parseGuides(
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => [f, readFileSync(dir + f, 'utf8')]),
  ),
);
const index = buildGuideIndex(guides);

describe('tokenizers', () => {
  it('index Han text as characters and bigrams, Latin words whole', () => {
    expect(tokenizeForIndex('宅基地 LPR4倍')).toEqual(['宅', '宅基', '基', '基地', '地', 'LPR4', '倍']);
    expect(tokenizeForIndex('宅基地 LPR4倍', false)).toEqual(['宅基', '基地', 'LPR4', '倍']);
  });

  it('query with bigrams, or the lone character', () => {
    expect(tokenizeQuery('欠钱不还')).toEqual(['欠钱', '钱不', '不还']);
    expect(tokenizeQuery('彩')).toEqual(['彩']);
    expect(tokenizeQuery('狗 咬人！')).toEqual(['狗', '咬人']);
    expect(tokenizeQuery('  ，。 ')).toEqual([]);
  });
});

describe('searchGuides', () => {
  it.each([
    ['彩礼', 'caili-fanhuan'],
    ['宅基地', 'zhaijidi-jianfang'],
    ['欠钱不还', 'minjian-jiedai'],
    ['狗咬人', 'dongwu-shangren'],
    ['工钱', 'qianxin'],
    ['家暴', 'jiating-baoli'],
    ['车祸', 'jiaotong-shigu'],
    ['赡养费', 'shanyang-laoren'],
    ['司法确认', 'tiaojie-xieyi'],
    ['物业费', 'wuye-fei'],
    ['遗嘱', 'jicheng-yizhu'],
    ['草场边界', 'tudi-bianjie'],
  ])('%s finds %s first', (query, slug) => {
    expect(searchGuides(index, query)[0]).toBe(slug);
  });

  it('finds guides from part of a word', () => {
    expect(searchGuides(index, '彩').slice(0, 3)).toContain('caili-fanhuan');
    expect(searchGuides(index, '宅基').slice(0, 3)).toContain('zhaijidi-jianfang');
    expect(searchGuides(index, '抚养').slice(0, 3)).toContain('fuyangfei-tanwang');
  });

  it('returns nothing for empty or punctuation-only queries', () => {
    expect(searchGuides(index, '')).toEqual([]);
    expect(searchGuides(index, '？！')).toEqual([]);
  });

  it('honours the limit', () => {
    expect(searchGuides(index, '法院', 3)).toHaveLength(3);
  });
});
