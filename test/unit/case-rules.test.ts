// The rules across a case's fields (shared/case-rules.ts): the same functions the phone's forms
// and actions call and the server's push validation calls (server/sync/validate.ts), so each is
// tested here once, and then through both callers.
import { describe, it, expect } from 'vitest';
import {
  acceptedOnErrors, agreementRuleErrors, followUpAfterVisit, followUpErrors, moneyErrors, oralAdvicePending, sessionErrors, shouldBeWritten, visitErrors,
} from '../../src/shared/case-rules.ts';
import { confirmationRisk, involvesProperty } from '../../src/shared/follow-up.ts';
import { applyTransition } from '../../src/shared/transition.ts';
import { checkEventOnCase, checkPatchOnCase } from '../../src/server/sync/validate.ts';
import type { MoneyTerm } from '../../src/shared/case.ts';
import type { CaseEvent } from '../../src/shared/events.ts';
import { agreement, caseRecord } from '../support/case-factory.ts';

const pay = (overrides: Partial<MoneyTerm> = {}): MoneyTerm => ({
  payer: '李四', payee: '张三', amountYuan: 50000, method: '银行转账', deadline: '2026-12-01', place: '示例村村委会', ...overrides,
});
const accepted = caseRecord({ acceptedOn: '2026-11-02', status: 'mediating' });

describe('dates in order: 受理 ≤ 调解 ≤ 协议 ≤ 履行期限, 回访 after the agreement', () => {
  it('refuses the issue\'s agreement: effective before 受理, performed before it took effect', () => {
    const bad = agreement({ effectiveOn: '2023-04-01', performanceDeadline: '2023-01-01' });
    expect(agreementRuleErrors({ acceptedOn: '2023-05-10' }, bad)).toEqual({
      effectiveOn: 'rules.agreement.beforeAccepted', performanceDeadline: 'rules.deadline.beforeAgreement',
    });
    expect(agreementRuleErrors(accepted, agreement())).toEqual({});
  });

  it('an agreement is not before the last session; each payment falls between the agreement and the deadline', () => {
    expect(agreementRuleErrors(accepted, agreement({ effectiveOn: '2026-11-10' }), ['2026-11-05', '2026-11-12'])).toEqual({ effectiveOn: 'rules.agreement.beforeSession' });
    const money = [pay({ deadline: '2026-11-01' }), pay({ deadline: '2027-02-01' })];
    expect(agreementRuleErrors(accepted, agreement({ amountYuan: 100000, money }))).toEqual({
      'money.0.deadline': 'rules.deadline.beforeAgreement', 'money.1.deadline': 'rules.money.afterDeadline',
    });
  });

  it('sessions between 受理 and the agreement, a 回访 after the agreement, 受理 never after the agreement', () => {
    expect(sessionErrors(accepted, { at: '2026-11-01T02:00:00Z' })).toEqual({ at: 'rules.session.beforeAccepted' });
    // 2026-11-01T17:00Z is 11-02 01:00 in Beijing: the calendar day there counts.
    expect(sessionErrors(accepted, { at: '2026-11-01T17:00:00Z' })).toEqual({});
    const agreed = caseRecord({ status: 'agreed', agreement: agreement({ effectiveOn: '2026-11-10' }) });
    expect(sessionErrors(agreed, { at: '2026-11-20T02:00:00Z' })).toEqual({ at: 'rules.session.afterAgreement' });
    expect(visitErrors(agreed, { on: '2026-11-09' })).toEqual({ on: 'rules.visit.beforeAgreement' });
    expect(visitErrors(agreed, { on: '2026-11-10' })).toEqual({});
    expect(acceptedOnErrors(agreed, '2026-11-11')).toEqual({ acceptedOn: 'rules.accepted.afterAgreement' });
  });

  it('the transition both sides run refuses out-of-order dates with the same keys', () => {
    const result = applyTransition(accepted, { from: 'mediating', to: 'agreed', agreement: agreement({ effectiveOn: '2026-10-01' }) }, '2026-11-10T00:00:00Z');
    expect(result).toEqual({ ok: false, code: 'transition.invalid', fields: { effectiveOn: 'rules.agreement.beforeAccepted' } });
  });

  it('the server checks a patch and an event against the case as it is now', () => {
    const agreed = caseRecord({ status: 'agreed', agreement: agreement({ effectiveOn: '2026-11-10' }) });
    expect(checkPatchOnCase(agreed, { acceptedOn: { base: '2026-11-02', next: '2026-11-20' } })).toBe('rules.accepted.afterAgreement');
    expect(checkPatchOnCase(agreed, { agreement: { base: agreed.agreement, next: agreement({ performanceDeadline: '2026-11-01' }) } })).toBe('rules.deadline.beforeAgreement');
    const visit = { kind: 'visit', data: { on: '2026-11-01', visitedPerson: '张三', performance: '已履行', satisfaction: '满意', notes: '' } } as CaseEvent;
    expect(checkEventOnCase(agreed, visit)).toBe('rules.visit.beforeAgreement');
  });
});

describe('money stated so a court can enforce it', () => {
  it('the 协议涉及金额 is the sum of the payments', () => {
    expect(moneyErrors(agreement({ amountYuan: 50000, money: [pay()] }))).toEqual({});
    expect(moneyErrors(agreement({ amountYuan: 4600, money: [pay()] }))).toEqual({ amountYuan: 'rules.money.sum' });
    expect(moneyErrors(agreement({ amountYuan: 4600 }))).toEqual({});
  });
});

describe('an oral agreement with money or later performance (若干规定 Art 34)', () => {
  it('is advised to be written; the answer is recorded, never a refusal', () => {
    const instalments = agreement({ form: '口头', amountYuan: 50000, money: [pay()], effectiveOn: '2026-11-10', performanceDeadline: '2027-03-01' });
    expect(shouldBeWritten(instalments)).toBe(true);
    expect(oralAdvicePending(instalments)).toBe(true);
    expect(oralAdvicePending({ ...instalments, oralChosen: true })).toBe(false);
    // The choice does not make the transition fail: it is advice.
    expect(applyTransition(accepted, { from: 'mediating', to: 'agreed', agreement: instalments }, '2026-11-10T00:00:00Z').ok).toBe(true);
  });

  it('an apology done on the spot need not be written', () => {
    const apology = agreement({ form: '口头', terms: ['李四当面赔礼道歉'], amountYuan: 0, effectiveOn: '2026-11-10', performanceDeadline: '2026-11-10' });
    expect(shouldBeWritten(apology)).toBe(false);
    expect(shouldBeWritten({ ...apology, form: '书面', amountYuan: 900 })).toBe(false);
  });
});

describe('after the agreement', () => {
  const agreed = caseRecord({ status: 'agreed', agreement: agreement({ effectiveOn: '2026-11-10' }) });

  it('a 回访 finding 未履行 opens 督促履行 with its own due date; one finding it performed closes it', () => {
    const opened = followUpAfterVisit(agreed, { on: '2026-12-05', performance: '未履行' });
    expect(opened).toEqual({ urge: { openedOn: '2026-12-05', due: '2026-12-12', doneOn: null, note: '' }, confirmationWaivedOn: null });
    const withUrge = { ...agreed, followUp: opened };
    // Another 未履行 visit keeps the step already open.
    expect(followUpAfterVisit(withUrge, { on: '2026-12-08', performance: '未履行' })).toBeUndefined();
    expect(followUpAfterVisit(withUrge, { on: '2026-12-09', performance: '已履行' })?.urge?.doneOn).toBe('2026-12-09');
    expect(followUpAfterVisit(agreed, { on: '2026-12-05', performance: '部分履行' })).toBeUndefined();
  });

  it('a follow-up keeps its dates in order', () => {
    expect(followUpErrors(agreed, { urge: { openedOn: '2026-12-05', due: '2026-12-12', doneOn: '2026-12-01', note: '' }, confirmationWaivedOn: '2026-11-01' })).toEqual({
      'urge.doneOn': 'rules.urge.doneBeforeOpened', confirmationWaivedOn: 'rules.waived.beforeAgreement',
    });
  });

  it('司法确认 risk: only 身份关系 and 物权确权; the property proof wherever 物权 is dealt with', () => {
    expect(confirmationRisk(agreement({ concerns: ['身份关系'] }))).toBe('status');
    expect(confirmationRisk(agreement({ concerns: ['物权确权'] }))).toBe('title');
    expect(confirmationRisk(agreement({ concerns: ['物权'] }))).toBeUndefined();
    expect(confirmationRisk(agreement())).toBeUndefined();
    expect(involvesProperty(agreement({ concerns: ['物权'] }))).toBe(true);
    expect(involvesProperty(agreement({ concerns: ['身份关系'] }))).toBe(false);
  });
});
