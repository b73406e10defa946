// Amounts as people write them (shared/amount.ts): digits with grouping, 万 with digits or
// numerals, the financial numerals of a receipt, and words around the figure; nonsense is refused.
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/shared/amount.ts';

describe('parseAmount', () => {
  it.each([
    ['50000', 50_000],
    ['50,000', 50_000],
    ['５００００', 50_000],
    ['1,234.56', 1234.56],
    ['0', 0],
    ['5万', 50_000],
    ['5万元', 50_000],
    ['5.5万', 55_000],
    ['5万3千', 53_000],
    ['3千5', 3_500],
    ['伍万元', 50_000],
    ['五万', 50_000],
    ['一万二', 12_000],
    ['两千五百元', 2_500],
    ['三千五', 3_500],
    ['十五', 15],
    ['二十', 20],
    ['一千零五', 1_005],
    ['壹仟贰佰元整', 1_200],
    ['人民币 8,000 元', 8_000],
    ['800块', 800],
    ['1亿2000万', 120_000_000],
  ])('%s → %d', (text, yuan) => {
    expect(parseAmount(text)).toBe(yuan);
  });

  it.each(['', '元', '万', '五万块钱多', 'abc', '1,23', '5-3', '千千', '十五十', '1.2.3'])('refuses %j', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });
});
