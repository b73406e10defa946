import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildDocument } from '../../src/shared/documents/build.ts';
import { canonicalJson, integrityCode } from '../../src/shared/documents/integrity.ts';
import type { DocKind } from '../../src/shared/documents/types.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { completeCase } from '../support/document-cases.ts';

const options = { today: '2026-11-20' };
const base = completeCase();

function codeOf(kind: DocKind, record: CaseRecord): string {
  const result = buildDocument(kind, record, base.events, options);
  if (!result.ok) throw new Error(`${kind}: ${result.missing.map((m) => m.field).join(', ')}`);
  return result.doc.integrityCode;
}

/** Text a person could type: non-empty after trimming, so the document stays printable. */
const typed = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');

/** Edits to fields the 协议书 prints; each must change its code. */
const contentEdits: [string, fc.Arbitrary<(r: CaseRecord) => CaseRecord>][] = [
  ['party name', typed.map((v) => (r) => ({ ...r, private: { ...r.private, parties: r.private.parties.map((p, i) => (i === 1 ? { ...p, name: `${p.name}${v}` } : p)) } }))],
  ['party address', typed.map((v) => (r) => ({ ...r, private: { ...r.private, parties: r.private.parties.map((p, i) => (i === 0 ? { ...p, address: `${p.address}${v}` } : p)) } }))],
  ['party age', fc.integer({ min: 18, max: 100 }).filter((n) => n !== 52).map((n) => (r) => ({ ...r, private: { ...r.private, parties: r.private.parties.map((p, i) => (i === 0 ? { ...p, age: n } : p)) } }))],
  ['facts', typed.map((v) => (r) => ({ ...r, private: { ...r.private, facts: `${r.private.facts}${v}` } }))],
  ['a term', fc.tuple(fc.integer({ min: 0, max: 2 }), typed).map(([i, v]) => (r) => ({ ...r, agreement: r.agreement && { ...r.agreement, terms: r.agreement.terms.map((t, j) => (j === i ? `${t}${v}` : t)) } }))],
  ['term order', fc.constant((r: CaseRecord) => ({ ...r, agreement: r.agreement && { ...r.agreement, terms: [...r.agreement.terms].reverse() } }))],
  ['performance method', typed.map((v) => (r) => ({ ...r, agreement: r.agreement && { ...r.agreement, performanceMethod: `${r.agreement.performanceMethod}${v}` } }))],
  ['deadline', fc.integer({ min: 1, max: 28 }).map((d) => (r) => ({ ...r, agreement: r.agreement && { ...r.agreement, performanceDeadline: `2027-01-${String(d).padStart(2, '0')}` } }))],
  ['case number', fc.integer({ min: 1, max: 999 }).filter((n) => n !== 42).map((n) => (r) => ({ ...r, caseNo: `（2026）开鲁调字第${n}号` }))],
  ['committee', typed.map((v) => (r) => ({ ...r, committeeName: `${v}人民调解委员会` }))],
  // The sum is printed in figures and 大写, so the parties sign exactly the amount on record.
  ['payment amount', fc.integer({ min: 1, max: 1_000_000 }).filter((n) => n !== 3000).map((n) => (r) => ({
    ...r, agreement: r.agreement && { ...r.agreement, amountYuan: n, money: (r.agreement.money ?? []).map((m) => ({ ...m, amountYuan: n })) },
  }))],
  ['payment place', typed.map((v) => (r) => ({ ...r, agreement: r.agreement && { ...r.agreement, money: (r.agreement.money ?? []).map((m) => ({ ...m, place: `${m.place}${v}` })) } }))],
];

/** Bookkeeping that never prints; none may change any code. */
const nonContentEdits = fc.record({
  updatedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  version: fc.nat(),
  needsReview: fc.boolean(),
  id: fc.uuid(),
});

describe('integrity code', () => {
  it('is the grouped first 8 hex digits of SHA-256 over the canonical JSON', () => {
    expect(integrityCode('')).toBe('12AE-32CB'); // sha256('""') = 12ae32cb…
    expect(integrityCode({ b: 1, a: [1, 'x'] })).toBe(integrityCode({ a: [1, 'x'], b: 1 }));
    expect(canonicalJson({ b: { d: 1, c: undefined }, a: null })).toBe('{"a":null,"b":{"d":1}}');
  });

  for (const [name, edit] of contentEdits) {
    it(`changes when the ${name} changes`, () => {
      const before = codeOf('agreement', base.record);
      fc.assert(fc.property(edit, (apply) => codeOf('agreement', apply(base.record)) !== before), { numRuns: 40 });
    });
  }

  it('does not change with updatedAt, version, needsReview or the record id', () => {
    const kinds: DocKind[] = ['application', 'notice', 'agreement', 'session', 'visit', 'cover', 'confirmation'];
    const before = kinds.map((k) => codeOf(k, base.record));
    fc.assert(
      fc.property(nonContentEdits, (e) => {
        const record: CaseRecord = {
          ...base.record, updatedAt: e.updatedAt, version: e.version, needsReview: e.needsReview, id: e.id,
        };
        return kinds.every((k, i) => codeOf(k, record) === before[i]);
      }),
      { numRuns: 60 },
    );
  });

  it('differs between documents of the same case', () => {
    const codes = (['application', 'notice', 'agreement', 'cover'] as const).map((k) => codeOf(k, base.record));
    expect(new Set(codes).size).toBe(codes.length);
  });
});
