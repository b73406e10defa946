// The 移交 clock and network rule (shared/referral.ts): working days skip Saturday and Sunday
// only; a referral goes up or beside in its county, never down to a village nor to its holder.
import { describe, expect, test } from 'vitest';
import { addWorkingDays, isOverdue, mayReferTo, referralAgeDays, workingDaysBetween } from '../../src/shared/referral.ts';

describe('移交 clock', () => {
  test('working days skip the weekend', () => {
    // 2026-03-10 is a Tuesday.
    expect(addWorkingDays('2026-03-10', 3)).toBe('2026-03-13');
    // Sent on Thursday: Friday, Monday, Tuesday.
    expect(addWorkingDays('2026-03-12', 3)).toBe('2026-03-17');
    // Sent on Saturday: Monday is the first working day.
    expect(addWorkingDays('2026-03-14', 1)).toBe('2026-03-16');
    expect(workingDaysBetween('2026-03-12', '2026-03-17')).toBe(3);
    expect(workingDaysBetween('2026-03-17', '2026-03-12')).toBe(-3);
  });

  test('overdue only while waiting and after the due day', () => {
    expect(isOverdue({ status: 'sent', dueOn: '2026-03-13' }, '2026-03-13')).toBe(false);
    expect(isOverdue({ status: 'sent', dueOn: '2026-03-13' }, '2026-03-14')).toBe(true);
    expect(isOverdue({ status: 'accepted', dueOn: '2026-03-13' }, '2026-03-20')).toBe(false);
    expect(referralAgeDays('2026-03-10', '2026-03-14')).toBe(4);
  });
});

describe('移交 targets: up the network, never down or to another town', () => {
  const village = { committeeId: 'v', townCode: '150523100', countyCode: '150523' };
  test('up or beside in the county', () => {
    expect(mayReferTo(village, { id: 't', areaCode: '150523100000' })).toBe(true);
    expect(mayReferTo(village, { id: 'c', areaCode: '150523000000' })).toBe(true);
  });
  test('never to a village, another county or itself', () => {
    expect(mayReferTo(village, { id: 'v2', areaCode: '150523100201' })).toBe(false);
    expect(mayReferTo(village, { id: 'x', areaCode: '150502000000' })).toBe(false);
    expect(mayReferTo({ committeeId: 't', townCode: '150523100', countyCode: '150523' }, { id: 't', areaCode: '150523100000' })).toBe(false);
    // Another town's committee is sideways, not up.
    expect(mayReferTo(village, { id: 't2', areaCode: '150523101000' })).toBe(false);
    // A town's committee may send on to the county.
    expect(mayReferTo({ committeeId: 't', townCode: '150523100', countyCode: '150523' }, { id: 'c', areaCode: '150523000000' })).toBe(true);
  });
});
