import { describe, it, expect } from 'vitest';
import { buildDocument } from '../../src/shared/documents/build.ts';
import { estimatePages, textWidth } from '../../src/shared/documents/pages.ts';
import type { DocKind } from '../../src/shared/documents/types.ts';
import { completeCase, longCase, type SampleCase } from '../support/document-cases.ts';

const pages = (kind: DocKind, c: SampleCase) => {
  const r = buildDocument(kind, c.record, c.events, { today: '2026-12-20' });
  if (!r.ok) throw new Error(kind);
  return r.doc.pages;
};

// The exact page counts are checked against Chromium in test/e2e/documents.test.ts; here, the
// estimate's shape: CJK width, growth with content, and the fixed one-sheet forms.
describe('page estimate', () => {
  it('counts CJK as one em and ASCII as about half', () => {
    expect(textWidth('人民调解')).toBe(4);
    expect(textWidth('2026')).toBeCloseTo(2.2);
  });

  it('never shrinks when the facts grow', () => {
    const c = completeCase();
    let previous = 0;
    for (let n = 0; n < 40; n++) {
      const facts = '双方因院墙滴水发生争执，多次协商未果。'.repeat(n * 6 + 1);
      const p = pages('agreement', { ...c, record: { ...c.record, private: { ...c.record.private, facts } } });
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
    expect(previous).toBeGreaterThan(5);
  });

  it('a long agreement runs over several sheets; the cover is always one', () => {
    expect(pages('agreement', longCase())).toBe(4);
    expect(pages('cover', longCase())).toBe(1);
    expect(pages('notice', completeCase())).toBe(1);
  });

  it('the 司法确认 package is at least three sheets (清单, 协议书, 证明)', () => {
    const r = buildDocument('confirmation', completeCase().record, completeCase().events, { today: '2026-11-20' });
    expect(r.ok && estimatePages(r.doc)).toBeGreaterThanOrEqual(3);
  });
});
