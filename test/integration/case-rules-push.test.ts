// The rules across a case's dates, money and follow-up (shared/case-rules.ts) as the server applies
// them to a push, on SQLite and PostgreSQL: what the phone's forms refuse is refused here with the
// same sentence and kept for review, and the rest applies.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { agreement, caseRecord, session } from '../support/server-device.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('case rules on push, %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('dates out of order are refused with the form\'s sentence; in order they apply', async () => {
    const { med } = h.users;
    const dev = med.device;
    const record = caseRecord(med.scope, { acceptedOn: '2026-03-02' });
    const early = { ...agreement, effectiveOn: '2026-03-01', performanceDeadline: '2026-02-01' };
    const reply = await h.push(med, dev.request([
      dev.create(record),
      // A session the day before 受理 (Beijing time), then an agreement before 受理 and due before it took effect.
      dev.event(record, { kind: 'session', data: { ...(session().data as object), at: '2026-02-28T02:00:00.000Z' } } as never),
      dev.transition(record.id, { from: 'accepted', to: 'agreed', agreement: early }),
      dev.transition(record.id, { from: 'accepted', to: 'agreed', agreement: { ...agreement, amountYuan: 50000, form: '口头', money: [
        { payer: '张国强', payee: '王秀英', amountYuan: 50000, method: '分两期转账', deadline: '2026-03-20', place: '五家村村委会' },
      ] } }),
      // 回访 before the agreement took effect, then a 受理日期 moved after it.
      dev.event(record, { kind: 'visit', data: { on: '2026-03-04', visitedPerson: '王秀英', performance: '未履行', satisfaction: '不满意', notes: '' } }),
      dev.patch(record.id, { acceptedOn: { base: '2026-03-02', next: '2026-03-09' } }),
    ]));
    expect(reply.status).toBe(200);
    const results = reply.body.results as { status: string; code?: string; message?: string }[];
    expect(results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'rules.session.beforeAccepted'],
      ['rejected', 'rules.agreement.beforeAccepted'],
      // An oral agreement with money is advice, not a refusal: it applies.
      ['applied', null],
      ['rejected', 'rules.visit.beforeAgreement'],
      ['rejected', 'rules.accepted.afterAgreement'],
    ]);
    expect(results[1]?.message).toBe('调解时间早于受理日期，请核对：调解应在受理之后');
    expect(results[5]?.message).toBe('受理日期不能晚于协议生效日期，请核对');
  });

  test('a follow-up with its dates out of order is refused; a 督促履行 in order applies', async () => {
    const { med } = h.users;
    const dev = med.device;
    const record = caseRecord(med.scope);
    const urge = { openedOn: '2026-03-20', due: '2026-03-27', doneOn: null, note: '' };
    const reply = await h.push(med, dev.request([
      dev.create(record),
      dev.transition(record.id, { from: 'accepted', to: 'agreed', agreement }),
      dev.patch(record.id, { followUp: { base: null, next: { urge: { ...urge, doneOn: '2026-03-10' }, confirmationWaivedOn: null } } }),
      dev.patch(record.id, { followUp: { base: null, next: { urge, confirmationWaivedOn: null } } }),
    ]));
    const results = reply.body.results as { status: string; code?: string }[];
    expect(results.map((r) => [r.status, r.code ?? null])).toEqual([['applied', null], ['applied', null], ['rejected', 'rules.urge.doneBeforeOpened'], ['applied', null]]);
  });
});
