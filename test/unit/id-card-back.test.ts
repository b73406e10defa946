// The ID-card back parser (签发机关, 有效期限) on line sets as an OCR engine returns them.
import { describe, expect, it } from 'vitest';
import { parseIdCardBack } from '../../src/shared/id-card/parse-back.ts';

describe('parseIdCardBack', () => {
  it('reads the issuer and a dated span', () => {
    const r = parseIdCardBack(['中华人民共和国', '居民身份证', '签发机关 光山县公安局', '有效期限 2015.03.01-2035.03.01']);
    expect(r.issuer).toEqual({ value: '光山县公安局', doubtful: false });
    expect(r.validity).toEqual({ value: '2015.03.01-2035.03.01', doubtful: false });
  });

  it('reads 长期, labels on their own lines, and OCR slips in the dates', () => {
    const r = parseIdCardBack(['居民身份证', '签发机关', '开鲁县公安局', '有效期限', '2O08.11.3O一长期']);
    expect(r.issuer).toEqual({ value: '开鲁县公安局', doubtful: false });
    expect(r.validity).toEqual({ value: '2008.11.30-长期', doubtful: false });
  });

  it('marks a span the law does not allow, or a missing issuer, for the mediator', () => {
    const r = parseIdCardBack(['有效期限 2015.03.01-2031.03.01']);
    expect(r.validity).toEqual({ value: '2015.03.01-2031.03.01', doubtful: true });
    expect(r.issuer).toEqual({ value: '', doubtful: true });
    expect(parseIdCardBack(['签发机关 朝阳分局', '2016.02.30-2026.02.30']).validity.doubtful).toBe(true);
  });
});
