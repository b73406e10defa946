import { describe, it, expect } from 'vitest';
import { nextStatuses, caseStatuses } from '../../src/shared/lifecycle.ts';
import { applyTransition } from '../../src/shared/transition.ts';
import { caseRecord, agreement } from '../support/case-factory.ts';
import { t } from '../../src/shared/i18n/index.ts';

const at = '2026-11-10T08:00:00.000Z';

describe('case lifecycle', () => {
  it('walks 受理 → 调解中 → 调解成功 → 已回访 → 归档', () => {
    let record = caseRecord();
    for (const [from, to, extra] of [
      ['accepted', 'mediating', {}],
      ['mediating', 'agreed', { agreement: agreement() }],
      ['agreed', 'visited', {}],
      ['visited', 'archived', {}],
    ] as const) {
      const result = applyTransition(record, { from, to, ...extra }, at);
      expect(result.ok, `${from} → ${to}`).toBe(true);
      if (result.ok) record = result.record;
    }
    expect(record.status).toBe('archived');
    expect(record.outcome).toBe('success');
  });

  it('refuses every transition that is not in the table, with a Chinese message', () => {
    for (const from of caseStatuses) {
      for (const to of caseStatuses) {
        if (nextStatuses(from).includes(to)) continue;
        const result = applyTransition(caseRecord({ status: from }), { from, to, agreement: agreement() }, at);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(t(result.code)).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  it('refuses a stale transition (the case moved on elsewhere)', () => {
    const result = applyTransition(caseRecord({ status: 'mediating' }), { from: 'accepted', to: 'rejected' }, at);
    expect(result).toMatchObject({ ok: false, code: 'transition.stale' });
  });

  it('requires 已告知其他途径 before 调解不成', () => {
    const refused = applyTransition(caseRecord({ status: 'mediating' }), { from: 'mediating', to: 'terminated', termination: { reason: '双方分歧大', otherRoutesTold: false } }, at);
    expect(refused).toMatchObject({ ok: false, code: 'transition.invalid', fields: { otherRoutesTold: 'termination.otherRoutes.required' } });
    const ok = applyTransition(caseRecord({ status: 'mediating' }), { from: 'mediating', to: 'terminated', termination: { reason: '双方分歧大', otherRoutesTold: true } }, at);
    expect(ok.ok && ok.record.outcome).toBe('failure');
  });

  it('requires a complete agreement before 调解成功', () => {
    const result = applyTransition(caseRecord({ status: 'mediating' }), { from: 'mediating', to: 'agreed', agreement: agreement({ terms: [] }) }, at);
    expect(result).toMatchObject({ ok: false, code: 'transition.invalid', fields: { terms: 'agreement.terms.required' } });
  });

  it('allows 不予受理 only from 受理, with a reason', () => {
    expect(applyTransition(caseRecord(), { from: 'accepted', to: 'rejected', rejection: { reason: '法院已受理', note: '' } }, at).ok).toBe(true);
    expect(applyTransition(caseRecord({ status: 'mediating' }), { from: 'mediating', to: 'rejected', rejection: { reason: '法院已受理', note: '' } }, at).ok).toBe(false);
  });

  it('never changes a voided case', () => {
    const result = applyTransition(caseRecord({ voided: { reason: '重复登记', at } }), { from: 'accepted', to: 'mediating' }, at);
    expect(result).toMatchObject({ ok: false, code: 'case.voided' });
  });
});
