import { describe, it, expect } from 'vitest';
import { rollup, formatRate, toStatCase } from '../../src/shared/stats.ts';
import { caseRecord, agreement } from '../support/case-factory.ts';

describe('statistics roll-up', () => {
  it('58 of 62 succeeded is 93.55%, kept as numerator and denominator', () => {
    const cases = Array.from({ length: 62 }, (_, i) =>
      toStatCase(i < 58 ? caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement() }) : caseRecord({ status: 'terminated', outcome: 'failure' })),
    );
    const r = rollup(cases);
    expect(r.successRate).toEqual({ numerator: 58, denominator: 62 });
    expect(formatRate(r.successRate)).toBe('93.55%');
    expect(r.failed).toBe(4);
  });

  it('does not count 不予受理 or voided cases as accepted', () => {
    const r = rollup([
      toStatCase(caseRecord({ status: 'rejected', outcome: 'rejected' })),
      toStatCase(caseRecord({ voided: { reason: '重复', at: '2026-11-03T00:00:00Z' } })),
      toStatCase(caseRecord()),
    ]);
    expect(r.accepted).toBe(1);
    expect(r.open).toBe(1);
  });

  it('rolls split categories up to their official row and filters by period', () => {
    const r = rollup(
      [
        toStatCase(caseRecord({ categoryCode: '10.1', acceptedOn: '2026-03-01' })),
        toStatCase(caseRecord({ categoryCode: '10.2', acceptedOn: '2026-03-20' })),
        toStatCase(caseRecord({ categoryCode: '10.2', acceptedOn: '2026-04-01' })),
      ],
      { from: '2026-03-01', to: '2026-04-01' },
    );
    expect(r.byRow['10']?.accepted).toBe(2);
    expect(r.accepted).toBe(2);
  });

  it('shows — when nothing was accepted', () => {
    expect(formatRate({ numerator: 0, denominator: 0 })).toBe('—');
  });
});
