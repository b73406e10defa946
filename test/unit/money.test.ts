import { describe, it, expect } from 'vitest';
import { amountInFigures, amountInWords, amountStated, parseAmount } from '../../src/shared/money.ts';

describe('amounts as people type them', () => {
  it.each([
    ['50000', 50000], ['5万', 50000], ['5万元', 50000], ['伍万元', 50000], ['伍万元整', 50000], ['人民币伍万元整', 50000],
    ['3.5万元', 35000], ['50,000', 50000], ['１２００', undefined], ['1200.5', 1200.5], ['￥800', 800], ['贰仟叁佰元', 2300],
    ['壹万零伍佰', 10500], ['十二万', 120000], ['两千', 2000], ['三千五百', 3500],
    // as people say them: a digit after a unit is the next place down, unless a 零 stands between
    ['三千五', 3500], ['一万二', 12000], ['两百五', 250], ['一亿二', 120000000], ['三千零五', 3005], ['一万零二', 10002], ['十五', 15], ['二十五', 25],
  ])('%s → %s', (input, yuan) => {
    expect(parseAmount(input)).toBe(yuan);
  });

  it('refuses what is not a sum of money', () => {
    for (const bad of ['', '五块钱', 'abc', '-5', '1.234', '1e20', '2万亿']) expect(parseAmount(bad)).toBeUndefined();
  });
});

describe('amounts as an agreement prints them', () => {
  it.each([
    [50000, '人民币伍万元整'], [3000, '人民币叁仟元整'], [1005, '人民币壹仟零伍元整'], [10500, '人民币壹万零伍佰元整'],
    [100010000, '人民币壹亿零壹万元整'], [120000, '人民币壹拾贰万元整'], [4600, '人民币肆仟陆佰元整'], [1005.5, '人民币壹仟零伍元伍角'],
    [1005.05, '人民币壹仟零伍元零伍分'], [0.5, '人民币伍角'], [0, '人民币零元整'], [200000000, '人民币贰亿元整'],
  ])('%s → %s', (yuan, words) => {
    expect(amountInWords(yuan)).toBe(words);
  });

  it('states the figures and the 大写 together', () => {
    expect(amountInFigures(50000)).toBe('50,000.00元');
    expect(amountStated(50000)).toBe('人民币50,000.00元（大写：人民币伍万元整）');
  });

  it('reads back what it prints', () => {
    for (const yuan of [1, 19, 300, 4600, 10500, 50000, 120000, 3_000_500]) expect(parseAmount(amountInWords(yuan))).toBe(yuan);
  });
});
