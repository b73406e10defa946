// 重新办理 on a refused change (ui/review/redo.ts): which screen it opens for each kind of refusal,
// and how a refused header edit becomes the 修改受理信息 draft (refused values in, junk left out).
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Mutation, MutationBody } from '../../src/shared/mutations.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { redoOf } from '../../src/ui/review/redo.ts';
import { draftWithPatch, valuesOf } from '../../src/ui/cases/edit-case-draft.ts';
import { agreement, caseRecord } from '../support/case-factory.ts';
import { agreementDraftOf, agreementOfDraft, type AgreementDraft } from '../../src/ui/cases/forms/agreement-draft.ts';

const record = caseRecord({ status: 'mediating' });
const refused = (body: MutationBody, userId = 'u-1'): Mutation => ({
  ...body, mutationId: uuidv7(), clientId: uuidv7(), seq: 1, schemaVersion: 1, caseId: record.id, baseVersion: 1, deviceTime: '2026-11-21T08:00:00.000Z', userId,
} as Mutation);
const transition = (from: CaseRecord['status'], to: CaseRecord['status']) => refused({ name: 'case.transition', args: { from, to, eventId: uuidv7(), at: '2026-11-21T08:00:00.000Z' } });
const href = (m: Mutation, r: CaseRecord | undefined = record, viewer = 'u-1') => redoOf(m, r, viewer)?.href;

describe('redoOf', () => {
  it('opens the form of a step the case can still take, else the case', () => {
    expect(href(transition('mediating', 'agreed'))).toBe(`/cases/${record.id}/agreement`);
    expect(href(transition('mediating', 'terminated'))).toBe(`/cases/${record.id}/terminate`);
    // 不予受理 is only possible from 已受理: the case is offered instead of a form that would refuse.
    expect(href(transition('accepted', 'rejected'))).toBe(`/cases/${record.id}`);
  });

  it('opens the form of a refused record, of a header edit (prefilled), of 防激化 and of 作废', () => {
    const event = { id: uuidv7(), caseId: record.id, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode, at: '2026-11-21T08:00:00.000Z', author: 'u-1' };
    expect(href(refused({ name: 'event.append', args: { event: { ...event, kind: 'note', data: { text: '电话联系' } } } }))).toBe(`/cases/${record.id}/note`);
    const edit = redoOf(refused({ name: 'case.patch', patch: { 'private.facts': { base: 'a', next: '' } } }), record, 'u-1');
    expect(edit?.href).toBe(`/cases/${record.id}/edit`);
    expect(edit?.prefill).toBeTypeOf('function');
    expect(href(refused({ name: 'case.patch', patch: { prevention: { base: null, next: { suicide: 1, criminal: 0, groupPetition: 0, groupFight: 0 } } } }))).toBe(`/cases/${record.id}/flags`);
    expect(href(refused({ name: 'case.void', args: { reason: '重复登记', at: '2026-11-21T08:00:00.000Z' } }))).toBe(`/cases/${record.id}/void`);
  });

  it('offers a refused 受理登记 only to the person who made it, and nothing for a case not on the device', () => {
    const create = refused({ name: 'case.create', args: { record } }, 'u-1');
    expect(href(create, undefined, 'u-1')).toBe('/new');
    expect(redoOf(create, undefined, 'u-2')).toBeUndefined();
    expect(redoOf(transition('mediating', 'agreed'), undefined, 'u-1')).toBeUndefined();
  });
});

describe('重新办理 fills the form with what was refused', () => {
  it('a refused 调解不成, 协议 or 不予受理 opens its form with a prefill; a refused visit and session too', () => {
    const step = (to: CaseRecord['status'], extra: object) =>
      refused({ name: 'case.transition', args: { from: 'accepted', to, eventId: uuidv7(), at: '2026-11-21T08:00:00.000Z', ...extra } });
    const terminate = redoOf(step('terminated', { termination: { reason: '赔偿数额分歧大', otherRoutesTold: true } }), record, 'u-1');
    expect(terminate?.href).toBe(`/cases/${record.id}/terminate`);
    expect(terminate?.prefill).toBeTypeOf('function');
    const agreed = redoOf(step('agreed', { agreement: agreement() }), record, 'u-1');
    expect(agreed?.href).toBe(`/cases/${record.id}/agreement`);
    expect(agreed?.prefill).toBeTypeOf('function');
    const event = { id: uuidv7(), caseId: record.id, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode, at: '2026-11-21T08:00:00.000Z', author: 'u-1' };
    const session = redoOf(refused({ name: 'event.append', args: { event: { ...event, kind: 'session', data: { at: event.at, place: '村委会', participants: [], statements: [], result: '再约' } } } }), record, 'u-1');
    expect(session?.prefill).toBeTypeOf('function');
  });

  it('the agreement draft and the agreement convert both ways without loss', () => {
    const a = agreement({
      form: '口头', amountYuan: 50000, liability: '李四负主要责任', concerns: ['物权'], oralChosen: true,
      money: [{ payer: '李四', payee: '张三', amountYuan: 50000, method: '分两期转账', deadline: '2026-12-01', place: '村委会' }],
    });
    const draft: AgreementDraft = { form: '', terms: [''], liability: '', hasMoney: false, money: [], performanceMethod: '', performanceDeadline: '', performancePlace: '', effectiveOn: '', concerns: [], oralChosen: false, ...agreementDraftOf(a) };
    expect(agreementOfDraft(draft)).toEqual({ agreement: a, errors: {} });
    // Amounts as people write them; one that cannot be read is named on its own box.
    const typed = agreementOfDraft({ ...draft, money: [{ ...draft.money[0]!, amount: '伍万元' }, { ...draft.money[0]!, amount: '五块钱' }] });
    expect(typed.agreement.money?.[0]?.amountYuan).toBe(50000);
    expect(typed.errors).toEqual({ 'money.1.amountYuan': 'money.amount.invalid' });
  });
});

describe('draftWithPatch', () => {
  it('starts from the case as it is and fills in the refused values, so saving writes them', () => {
    const draft = draftWithPatch(record, {
      'private.facts': { base: record.private.facts, next: '' },
      'private.claims': { base: record.private.claims, next: ['赔偿', '道歉'] },
      mediators: { base: record.mediators, next: ['王建国', '李桂兰'] },
    });
    expect(draft.start).toEqual(valuesOf(record));
    expect(draft.values).toMatchObject({ facts: '', claims: '赔偿\n道歉', mediators: '王建国、李桂兰', place: record.private.place });
  });

  it('leaves a value the form cannot show as the case has it', () => {
    const draft = draftWithPatch(record, {
      'private.facts': { base: '', next: 42 },
      'private.parties': { base: [], next: [{ id: 'x', role: '申请人', name: '张三', phone: 13800000000 }] },
      isDifficult: { base: false, next: true },
    });
    expect(draft.values).toEqual(valuesOf(record));
  });
});
