// The signed-month rule both ends apply (shared/month-locks.ts): which changes a signed month
// forbids — 受理/成功/不成/未结 — and which it lets through — 回访, 司法确认, 归档, sessions, notes.
import { describe, it, expect } from 'vitest';
import { lockedBy, holdingsOf, changesStatistics, type SignedMonth } from '../../src/shared/month-locks.ts';
import type { MutationBody } from '../../src/shared/mutations.ts';
import { caseRecord, agreement, VILLAGE } from '../support/case-factory.ts';

const town = VILLAGE.slice(0, 9);
const signed: SignedMonth[] = [{ town, townName: '示例镇', month: '2026-11', county: false }];
const before = caseRecord({ acceptedOn: '2026-11-02', status: 'mediating' });
const at = '2026-12-05T08:00:00.000Z';

const transition = (to: 'agreed' | 'terminated' | 'rejected' | 'visited' | 'archived' | 'mediating'): MutationBody =>
  ({ name: 'case.transition', args: { from: 'mediating', to, eventId: 'e', at, ...(to === 'agreed' ? { agreement: agreement() } : {}) } }) as MutationBody;

describe('what a signed month forbids', () => {
  it('refuses the steps that end a case (成功, 不成) and a new case or a void in the month', () => {
    for (const to of ['agreed', 'terminated', 'rejected'] as const) expect(lockedBy(transition(to), before, signed), to).toEqual(signed[0]);
    expect(lockedBy({ name: 'case.create', args: { record: before } }, undefined, signed)).toEqual(signed[0]);
    expect(lockedBy({ name: 'case.void', args: { reason: '重复登记', at } }, before, signed)).toEqual(signed[0]);
  });

  it('refuses a patch of a counted field (类型) but not of the parties’ details or the mediators', () => {
    expect(lockedBy({ name: 'case.patch', patch: { categoryCode: { base: '02', next: '03' } } }, before, signed)).toEqual(signed[0]);
    expect(lockedBy({ name: 'case.patch', patch: { mediators: { base: ['王建国'], next: ['李明'] } } }, before, signed)).toBeUndefined();
  });

  it('lets 回访, 归档, 调解中, sessions and notes through: they come after the month by nature', () => {
    for (const to of ['visited', 'archived', 'mediating'] as const) expect(lockedBy(transition(to), before, signed), to).toBeUndefined();
    const note: MutationBody = { name: 'event.append', args: { event: { kind: 'note', id: 'n', caseId: before.id, villageCode: VILLAGE, townCode: town, countyCode: VILLAGE.slice(0, 6), at, author: 'u', data: { text: '回访' } } } } as MutationBody;
    expect(changesStatistics(note)).toBe(false);
    expect(lockedBy(note, before, signed)).toBeUndefined();
  });

  it('holds a case by its month before the change and, for a moved 受理日期, after it', () => {
    const fromOpen = caseRecord({ acceptedOn: '2026-12-01' });
    const intoSigned: MutationBody = { name: 'case.patch', patch: { acceptedOn: { base: '2026-12-01', next: '2026-11-30' } } };
    expect(holdingsOf(intoSigned, fromOpen)).toEqual([{ villageCode: VILLAGE, acceptedOn: '2026-12-01' }, { villageCode: VILLAGE, acceptedOn: '2026-11-30' }]);
    expect(lockedBy(intoSigned, fromOpen, signed)).toEqual(signed[0]);
    const outOfSigned: MutationBody = { name: 'case.patch', patch: { acceptedOn: { base: '2026-11-02', next: '2026-12-01' } } };
    expect(lockedBy(outOfSigned, before, signed)).toEqual(signed[0]);
  });

  it('another town’s or another month’s signature does not hold the case', () => {
    expect(lockedBy(transition('agreed'), before, [{ ...signed[0]!, month: '2026-10' }])).toBeUndefined();
    expect(lockedBy(transition('agreed'), before, [{ ...signed[0]!, town: '999999999' }])).toBeUndefined();
    expect(lockedBy(transition('agreed'), before, [])).toBeUndefined();
  });
});
