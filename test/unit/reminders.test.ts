import { describe, it, expect } from 'vitest';
import { remindersFor } from '../../src/shared/reminders.ts';
import { caseRecord, agreement } from '../support/case-factory.ts';

describe('due dates', () => {
  it('an open case is due one month after 受理', () => {
    const [r] = remindersFor(caseRecord({ acceptedOn: '2026-11-02' }), '2026-11-21');
    expect(r).toMatchObject({ kind: 'oneMonth', due: '2026-12-02', daysLeft: 11 });
  });

  it('a labour dispute also gets the 15-day arbitration notice', () => {
    const kinds = remindersFor(caseRecord({ categoryCode: '10.1' }), '2026-11-21').map((r) => r.kind);
    expect(kinds).toEqual(['oneMonth', 'labour15']);
  });

  it('a written agreement gets the 30-day 司法确认 deadline and a visit when performance is due', () => {
    const record = caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ effectiveOn: '2026-11-10', performanceDeadline: '2026-11-30' }) });
    const byKind = Object.fromEntries(remindersFor(record, '2026-11-21').map((r) => [r.kind, r]));
    expect(byKind.confirmation?.due).toBe('2026-12-10');
    expect(byKind.visit?.due).toBe('2026-11-30');
  });

  it('warns of 司法确认 risk by what the agreement disposes of, not by its category', () => {
    const risk = (categoryCode: string, concerns: NonNullable<Parameters<typeof agreement>[0]>['concerns']) =>
      remindersFor(caseRecord({ categoryCode, status: 'agreed', outcome: 'success', agreement: agreement({ concerns }) }), '2026-11-21')
        .find((r) => r.kind === 'confirmation')?.risk;
    expect(risk('03', ['物权确权'])).toBe('title');
    expect(risk('01', ['身份关系'])).toBe('status');
    // 赡养费 in a 婚姻家庭 case, a 宅基地 compensation: confirmable.
    expect(risk('01', [])).toBeUndefined();
    expect(risk('03', ['物权'])).toBeUndefined();
  });

  it('keeps the 司法确认 reminder once overdue, until applied for or waived', () => {
    const record = caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ effectiveOn: '2026-11-10' }) });
    const late = remindersFor(record, '2027-01-20').find((r) => r.kind === 'confirmation');
    expect(late).toMatchObject({ due: '2026-12-10', daysLeft: -41 });
    const waived = { ...record, followUp: { urge: null, confirmationWaivedOn: '2026-12-01' } };
    expect(remindersFor(waived, '2027-01-20').map((r) => r.kind)).not.toContain('confirmation');
    const applied = { ...record, judicialConfirmation: { appliedOn: '2026-11-20', court: '开鲁县人民法院', result: '审查中' as const, decidedOn: null } };
    expect(remindersFor(applied, '2027-01-20').map((r) => r.kind)).not.toContain('confirmation');
  });

  it('an open 督促履行 has its own reminder until done', () => {
    const urge = { openedOn: '2026-12-05', due: '2026-12-12', doneOn: null, note: '' };
    const record = caseRecord({ status: 'visited', outcome: 'success', agreement: agreement({ form: '口头' }), followUp: { urge, confirmationWaivedOn: null } });
    expect(remindersFor(record, '2026-12-14')).toEqual([{ kind: 'urge', caseId: record.id, due: '2026-12-12', daysLeft: -2 }]);
    const done = { ...record, followUp: { urge: { ...urge, doneOn: '2026-12-10' }, confirmationWaivedOn: null } };
    expect(remindersFor(done, '2026-12-14')).toEqual([]);
  });

  it('an oral agreement has no 司法确认 deadline; a closed case has no reminders', () => {
    const oral = caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '口头' }) });
    expect(remindersFor(oral, '2026-11-21').map((r) => r.kind)).toEqual(['visit']);
    expect(remindersFor(caseRecord({ status: 'archived' }), '2026-11-21')).toEqual([]);
  });
});
