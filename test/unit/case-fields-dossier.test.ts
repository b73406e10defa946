// The case fields the 卷宗 asked for (issue #11): 公开/不公开调解 (Art 23) and 已报告公安 (Art 25)
// printed on the 调解记录, the agreement's own 履行地点 on the 协议书 and the 口头协议登记表.
import { describe, it, expect } from 'vitest';
import { buildDocument } from '../../src/shared/documents/build.ts';
import { policeReportRelevant } from '../../src/shared/case-rules.ts';
import { completeCase, oralCase } from '../support/document-cases.ts';

const options = { today: '2026-12-20' };
const noPrevention = { suicide: 0, criminal: 0, groupPetition: 0, groupFight: 0 };

describe('公开/不公开 and 报告公安 on the 调解记录', () => {
  it('prints the parties\' choice on every session, nothing when not recorded', () => {
    const plain = completeCase();
    const none = buildDocument('session', plain.record, plain.events, { ...options, index: 1 });
    expect(none.ok && none.doc.kind === 'session' && none.doc.content.notes).toEqual([]);
    const c = completeCase({ mediationPublic: '不公开' });
    const first = buildDocument('session', c.record, c.events, { ...options, index: 1 });
    expect(first.ok && first.doc.kind === 'session' && first.doc.content.notes).toEqual(['依当事人要求，本次调解不公开进行。']);
  });

  it('prints 已报告公安 on the last session only, and only when an escalation was flagged', () => {
    expect(policeReportRelevant(noPrevention)).toBe(false);
    expect(policeReportRelevant({ ...noPrevention, criminal: 2 })).toBe(true);
    expect(policeReportRelevant({ ...noPrevention, groupFight: 9 })).toBe(true);
    const flagged = completeCase({ policeReported: true, prevention: { ...noPrevention, criminal: 2 } });
    const last = buildDocument('session', flagged.record, flagged.events, { ...options, index: 2 });
    expect(last.ok && last.doc.kind === 'session' && last.doc.content.notes).toEqual(['本纠纷有激化可能，人民调解委员会已向当地公安机关报告。']);
    const earlier = buildDocument('session', flagged.record, flagged.events, { ...options, index: 1 });
    expect(earlier.ok && earlier.doc.kind === 'session' && earlier.doc.content.notes).toEqual([]);
    const unflagged = completeCase({ policeReported: true });
    const quiet = buildDocument('session', unflagged.record, unflagged.events, { ...options, index: 2 });
    expect(quiet.ok && quiet.doc.kind === 'session' && quiet.doc.content.notes).toEqual([]);
  });
});

describe('履行地点 of the agreement', () => {
  it('the 协议书 and the 口头协议登记表 print it beside the way and the time', () => {
    const c = completeCase();
    const a = c.record.agreement;
    if (!a) throw new Error('no agreement');
    const record = { ...c.record, agreement: { ...a, performancePlace: '张三家院内' } };
    const written = buildDocument('agreement', record, c.events, options);
    expect(written.ok && written.doc.kind === 'agreement' && written.doc.content.performancePlace).toBe('履行地点：张三家院内');
    const without = buildDocument('agreement', c.record, c.events, options);
    expect(without.ok && without.doc.kind === 'agreement' && without.doc.content.performancePlace).toBe('');
    const o = oralCase();
    const oa = o.record.agreement;
    if (!oa) throw new Error('no agreement');
    const oral = buildDocument('oral-agreement', { ...o.record, agreement: { ...oa, performancePlace: '村委会' } }, o.events, options);
    expect(oral.ok && oral.doc.kind === 'oral-agreement' && oral.doc.content.performance).toContain('履行地点：村委会');
  });
});
