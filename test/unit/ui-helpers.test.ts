// The pure helpers behind the screens: which buttons a case offers, the 我的统计 periods, what a
// typed 身份证号 fills in, the default committee name, and the reminder sentences.
import { describe, expect, it } from 'vitest';
import { actionsFor, primaryAction } from '../../src/ui/cases/case-actions.ts';
import { periodOf } from '../../src/ui/stats/periods.ts';
import { ageOn, newPartyDraft, toParty, withIdNumber } from '../../src/shared/fields/party-form.ts';
import { committeeNameOf as defaultCommitteeName } from '../../src/shared/areas.ts';
import { splitList } from '../../src/ui/format.ts';
import { dueText, reminderText } from '../../src/ui/reminder-text.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import type { Reminder } from '../../src/shared/reminders.ts';
import type { Agreement } from '../../src/shared/case.ts';

describe('actionsFor', () => {
  const open = { agreement: null, outcome: null } as const;
  const written: Agreement = { form: '书面', terms: ['赔偿'], performanceMethod: '现金', performanceDeadline: '2026-02-01', amountYuan: 100, effectiveOn: '2026-01-10' };
  it('offers 不予受理 only while the case is merely accepted', () => {
    expect(actionsFor({ ...open, status: 'accepted', voided: null })).toEqual(['session', 'investigation', 'agreement', 'terminate', 'reject', 'note', 'void']);
    expect(actionsFor({ ...open, status: 'mediating', voided: null })).toEqual(['session', 'investigation', 'agreement', 'terminate', 'note', 'void']);
  });
  it('follows the lifecycle after the outcome', () => {
    expect(actionsFor({ status: 'agreed', outcome: 'success', agreement: { ...written, form: '口头' }, voided: null })).toEqual(['visit', 'archive', 'note', 'void']);
    expect(actionsFor({ status: 'terminated', outcome: 'failure', agreement: null, voided: null })).toEqual(['archive', 'note', 'void']);
    expect(actionsFor({ status: 'archived', outcome: 'failure', agreement: null, voided: null })).toEqual(['note', 'void']);
    expect(primaryAction({ status: 'agreed', outcome: 'success', agreement: written, voided: null })).toBe('visit');
    // A 回访 that found 未履行 makes 督促履行 the next step (若干规定 Art 39).
    const urge = { openedOn: '2026-12-05', due: '2026-12-12', doneOn: null, note: '' };
    expect(primaryAction({ status: 'visited', outcome: 'success', agreement: { ...written, form: '口头' }, voided: null, followUp: { urge, confirmationWaivedOn: null } })).toBe('followup');
  });
  it('offers 司法确认 for a written agreement only, also once archived', () => {
    // 督促履行 / 司法确认: the parties may decide not to apply while nothing was filed.
    expect(actionsFor({ status: 'agreed', outcome: 'success', agreement: written, voided: null })).toEqual(['visit', 'archive', 'confirmation', 'followup', 'note', 'void']);
    expect(actionsFor({ status: 'archived', outcome: 'success', agreement: written, voided: null })).toEqual(['confirmation', 'followup', 'note', 'void']);
    const waived = { urge: null, confirmationWaivedOn: '2026-12-01' };
    expect(actionsFor({ status: 'archived', outcome: 'success', agreement: written, voided: null, followUp: waived })).toEqual(['confirmation', 'note', 'void']);
  });
  it('offers nothing on a voided case', () => {
    expect(actionsFor({ ...open, status: 'accepted', voided: { reason: '重复登记', at: '2026-01-01T00:00:00Z' } })).toEqual([]);
  });
});

describe('periodOf', () => {
  it('gives half-open ranges of 受理日期', () => {
    expect(periodOf('month', '2026-12-15')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(periodOf('quarter', '2026-11-22')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(periodOf('quarter', '2026-02-28')).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(periodOf('year', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(periodOf('all', '2026-06-30')).toBeUndefined();
  });
});

describe('party draft', () => {
  const first17 = '15052319780315123';
  const id = first17 + idNumberCheckChar(first17);
  it('fills birth date, age and gender from a valid 身份证号', () => {
    const d = withIdNumber(newPartyDraft('申请人'), id, '2026-03-14');
    expect(d).toMatchObject({ birthDate: '1978-03-15', age: '47', gender: '男' });
    expect(ageOn('1978-03-15', '2026-03-15')).toBe(48);
  });
  it('leaves the other fields alone for a wrong one', () => {
    const wrong = first17 + (idNumberCheckChar(first17) === '1' ? '2' : '1');
    expect(withIdNumber(newPartyDraft('申请人'), wrong, '2026-03-14')).toMatchObject({ idNumber: wrong, birthDate: '', age: '' });
  });
  it('drops empty optional fields when converting to a Party', () => {
    const p = toParty({ ...newPartyDraft('被申请人'), name: ' 李明 ', age: '' });
    expect(p).toEqual({ id: p.id, role: '被申请人', name: '李明' });
  });
});

describe('display helpers', () => {
  it('names the committee after its village', () => {
    expect(defaultCommitteeName('麦新村委会')).toBe('麦新村人民调解委员会');
    expect(defaultCommitteeName('民主社区居委会')).toBe('民主社区人民调解委员会');
  });
  it('splits name lists on Chinese and Latin separators', () => {
    expect(splitList('张三、李四, 王五；')).toEqual(['张三', '李四', '王五']);
  });
  it('says overdue reminders in red words', () => {
    const r: Reminder = { kind: 'visit', caseId: 'x', due: '2026-11-01', daysLeft: -3 };
    expect(dueText(r)).toBe('已逾期 3 天');
    expect(reminderText(r)).toBe('回访已逾期 3 天');
    expect(reminderText({ kind: 'oneMonth', caseId: 'x', due: '2026-11-01', daysLeft: -2 })).toBe('受理已满 32 天，一般应在一个月内调结');
  });
});
