// The shared roll-up over groups (the server's unit) and single cases (the device's), periods for
// 同比/环比, and the change figures.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { change, formatChange, formatRate, ratePercent, rollup, rollupByKey, rollupGroups, toGroup, toStatCase, toWanYuan, type StatGroup } from '../../src/shared/stats.ts';
import { sumNames } from '../../src/shared/fields/stat-sums.ts';
import { inclusivePeriod, isMonthAligned, kindOf, lastYearPeriod, monthPeriod, monthsOf, previousPeriod, quarterPeriod, trendPeriod, yearPeriod } from '../../src/shared/stat-periods.ts';
import { agreement, caseRecord } from '../support/case-factory.ts';

describe('roll-up over groups', () => {
  it('a group of n counts as n single cases, whatever the split', () => {
    const cases = [
      toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '口头', amountYuan: 1200.5 }), categoryCode: '10.1', isDifficult: true })),
      toStatCase(caseRecord({ status: 'terminated', outcome: 'failure', source: '主动调解', prevention: { suicide: 0, criminal: 3, groupPetition: 0, groupFight: 0 } })),
      toStatCase(caseRecord({ status: 'mediating' })),
      toStatCase(caseRecord({ status: 'rejected', outcome: 'rejected' })),
    ];
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }), (picks) => {
      const chosen = picks.map((i) => cases[i] as (typeof cases)[number]);
      // Merge identical cases into one group with n and summed amounts, as SQL GROUP BY does.
      const merged = new Map<string, StatGroup>();
      for (const c of chosen) {
        const g = toGroup(c);
        const key = JSON.stringify({ ...g, n: 0, sums: 0 });
        const into = merged.get(key);
        if (!into) merged.set(key, g);
        else {
          into.n += g.n;
          for (const s of sumNames) into.sums[s] += g.sums[s];
        }
      }
      expect(rollupGroups(merged.values())).toEqual(rollup(chosen));
    }));
  });

  it('counts rows, sources, agreements, 履行 and prevention', () => {
    const r = rollup([
      { ...toStatCase(caseRecord({ status: 'visited', outcome: 'success', agreement: agreement({ form: '书面', amountYuan: 30_000 }), categoryCode: '11.2' })), performance: '已履行' },
      { ...toStatCase(caseRecord({ status: 'visited', outcome: 'success', agreement: agreement({ form: '口头', amountYuan: 0 }), source: '法院移送' })), performance: '部分履行' },
      toStatCase(caseRecord({ status: 'terminated', outcome: 'failure', prevention: { suicide: 1, criminal: 0, groupPetition: 12, groupFight: 0 } })),
      toStatCase(caseRecord({ voided: { reason: '重复', at: '2026-11-03T00:00:00Z' }, prevention: { suicide: 2, criminal: 0, groupPetition: 0, groupFight: 0 } })),
    ]);
    expect(r).toMatchObject({ accepted: 3, succeeded: 2, failed: 1, open: 0, oral: 1, written: 1, amountYuan: 30_000, performed: 1 });
    expect(r.byRow['11']).toMatchObject({ accepted: 1, succeeded: 1, written: 1, amountYuan: 30_000, performed: 1 });
    expect(r.bySource).toEqual({ 申请: 2, 法院移送: 1 });
    expect(r.prevention.suicide).toEqual({ cases: 1, persons: 1 });
    expect(r.prevention.groupPetition).toEqual({ cases: 1, persons: 12 });
    expect(toWanYuan(r.amountYuan)).toBe(3);
  });

  it('counts 司法确认 only where the court confirmed a successful agreement', () => {
    const confirmed = (result: '审查中' | '确认有效' | '驳回' | '撤回') => ({ appliedOn: '2026-01-05', court: '开鲁县人民法院', result, decidedOn: result === '审查中' ? null : '2026-01-15' });
    const r = rollup([
      toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '书面' }), judicialConfirmation: confirmed('确认有效'), categoryCode: '11.2' })),
      toStatCase(caseRecord({ status: 'archived', outcome: 'success', agreement: agreement({ form: '书面' }), judicialConfirmation: confirmed('确认有效') })),
      toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '书面' }), judicialConfirmation: confirmed('审查中') })),
      toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '书面' }), judicialConfirmation: confirmed('驳回') })),
      toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '书面' }), judicialConfirmation: confirmed('撤回') })),
      // Voided: not 受理 at all, so not confirmed either.
      toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '书面' }), judicialConfirmation: confirmed('确认有效'), voided: { reason: '重复', at: '2026-01-20T00:00:00Z' } })),
      toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '书面' }) })),
    ]);
    expect(r).toMatchObject({ accepted: 6, succeeded: 6, written: 6, confirmed: 2 });
    expect(r.byRow['11']?.confirmed).toBe(1);
  });

  it('splits by key', () => {
    const g = (key: string, n: number) => ({ ...toGroup(toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement() }))), key, n });
    const byKey = rollupByKey([g('150523100', 2), g('150523101', 3), g('150523100', 1)]);
    expect(byKey.get('150523100')?.accepted).toBe(3);
    expect(byKey.get('150523101')?.succeeded).toBe(3);
  });

  it('rates keep numerator and denominator; 58 of 62 is 93.55 in reports', () => {
    expect(ratePercent({ numerator: 58, denominator: 62 })).toBe(93.55);
    expect(formatRate({ numerator: 58, denominator: 62 })).toBe('93.55%');
    expect(ratePercent({ numerator: 0, denominator: 0 })).toBeNull();
  });

  it('同比 and 环比 changes', () => {
    expect(change(110, 100)).toMatchObject({ delta: 10, ratio: { numerator: 10, denominator: 100 } });
    expect(formatChange(change(110, 100))).toBe('+10.0%');
    expect(formatChange(change(97, 100))).toBe('-3.0%');
    expect(formatChange(change(5, 0))).toBe('—');
  });
});

describe('statistics periods', () => {
  it('months, quarters and years are half-open', () => {
    expect(monthPeriod('2023-12')).toEqual({ from: '2023-12-01', to: '2024-01-01' });
    expect(quarterPeriod(2023, 4)).toEqual({ from: '2023-10-01', to: '2024-01-01' });
    expect(yearPeriod(2023)).toEqual({ from: '2023-01-01', to: '2024-01-01' });
    expect(inclusivePeriod('2023-01-01', '2023-12-31')).toEqual(yearPeriod(2023));
    expect(kindOf(quarterPeriod(2023, 2))).toBe('quarter');
    expect(kindOf({ from: '2023-02-01', to: '2023-05-01' })).toBe('custom');
    expect(kindOf({ from: '2023-02-03', to: '2023-05-01' })).toBe('custom');
  });

  it('环比 is the period of the same length just before; 同比 the same dates a year earlier', () => {
    expect(previousPeriod(monthPeriod('2023-01'))).toEqual(monthPeriod('2022-12'));
    expect(previousPeriod(quarterPeriod(2023, 1))).toEqual(quarterPeriod(2022, 4));
    expect(previousPeriod(yearPeriod(2023))).toEqual(yearPeriod(2022));
    expect(previousPeriod({ from: '2023-03-10', to: '2023-03-20' })).toEqual({ from: '2023-02-28', to: '2023-03-10' });
    expect(lastYearPeriod(monthPeriod('2024-02'))).toEqual(monthPeriod('2023-02'));
    expect(lastYearPeriod({ from: '2024-02-29', to: '2024-03-05' })).toEqual({ from: '2023-03-01', to: '2023-03-05' });
    expect(isMonthAligned(previousPeriod({ from: '2023-03-10', to: '2023-03-20' }))).toBe(false);
  });

  it('the trend is the twelve months ending with the period', () => {
    expect(trendPeriod(monthPeriod('2023-03'))).toEqual({ from: '2022-04-01', to: '2023-04-01' });
    expect(monthsOf(trendPeriod(yearPeriod(2023)))).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`));
    expect(monthsOf({ from: '2023-01-15', to: '2023-03-02' })).toEqual(['2023-01', '2023-02', '2023-03']);
  });
});
