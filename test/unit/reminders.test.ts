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

  it('warns that a 宅基地 agreement may not be judicially confirmed', () => {
    const record = caseRecord({ categoryCode: '03', status: 'agreed', outcome: 'success', agreement: agreement() });
    expect(remindersFor(record, '2026-11-21').find((r) => r.kind === 'confirmation')?.risk).toBe('title');
  });

  it('an oral agreement has no 司法确认 deadline; a closed case has no reminders', () => {
    const oral = caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ form: '口头' }) });
    expect(remindersFor(oral, '2026-11-21').map((r) => r.kind)).toEqual(['visit']);
    expect(remindersFor(caseRecord({ status: 'archived' }), '2026-11-21')).toEqual([]);
  });
});
