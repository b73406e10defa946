// 诉调对接 (shared/court.ts and what reads it): the court 案号 rule with the sentence for each wrong
// part, the rule across 案件来源 and the court's reference, the deadline lines on 待办, the letters
// back to the court and the court figures of the roll-up and the report.
import { describe, expect, it } from 'vitest';
import '../../src/shared/i18n/later.ts';
import { checkCourtCaseNo, type CourtReferral } from '../../src/shared/court.ts';
import { t } from '../../src/shared/i18n/index.ts';
import { NewCaseSchema, newCaseInputOf } from '../../src/shared/fields/case-schemas.ts';
import { courtCodec } from '../../src/shared/fields/court-codec.ts';
import { fieldErrors } from '../../src/shared/validation.ts';
import { remindersFor } from '../../src/shared/reminders.ts';
import { buildDocument, caseFile } from '../../src/shared/documents/build.ts';
import { canonicalJson } from '../../src/shared/documents/integrity.ts';
import { rollup, toStatCase } from '../../src/shared/stats.ts';
import { courtTable } from '../../src/shared/report.ts';
import { agreement, caseRecord } from '../support/case-factory.ts';
import { completeCase } from '../support/document-cases.ts';

const court = (over: Partial<CourtReferral> = {}): CourtReferral => ({
  court: '示例县人民法院', caseNo: '（2026）蒙0523民诉前调123号', judge: '赵法官', referredOn: '2026-11-01', deadline: '2026-12-01', returnedOn: null, ...over,
});

describe('法院案号', () => {
  it('accepts the court numbers as courts print them, and normalises brackets, spaces and full-width digits', () => {
    for (const [typed, stored] of [
      ['（2026）蒙0523民初123号', '（2026）蒙0523民初123号'],
      ['(2026)蒙0523民诉前调45号', '（2026）蒙0523民诉前调45号'],
      ['〔2025〕蒙05民终7号', '（2025）蒙05民终7号'],
      [' （２０２６） 京0105 民初 1号 ', '（2026）京0105民初1号'],
      ['（2024）最高法民申1234号', '（2024）最高法民申1234号'],
      ['（2023）蒙民终88号', '（2023）蒙民终88号'],
      ['（2026）兵0101民特9号', '（2026）兵0101民特9号'],
    ] as const) {
      expect(checkCourtCaseNo(typed), typed).toEqual({ ok: true, value: stored });
    }
  });

  it('refuses each wrong part with the sentence that names it', () => {
    for (const [typed, error] of [
      ['', 'required'],
      ['2026蒙0523民初123号', 'year'],
      ['（26）蒙0523民初123号', 'year'],
      ['（2026）0523民初123号', 'court'],
      ['（2026）蒙523民初123号', 'court'],
      ['（2026）美0523民初123号', 'court'],
      ['（2026）蒙0523123号', 'type'],
      ['（2026）蒙0523民初号', 'number'],
      ['（2026）蒙0523民初123', 'number'],
      ['（2026）蒙0523民初0号', 'number'],
    ] as const) {
      expect(checkCourtCaseNo(typed), typed).toEqual({ ok: false, error });
    }
    expect(t('court.caseNo.court')).toContain('蒙0523');
    expect(t('court.caseNo.number')).toContain('123号');
  });
});

describe('the court reference on the 受理 form', () => {
  it('is required for 法院委派/委托, refused on any other source, and each part says what to write', () => {
    const base = caseRecord({ source: '法院委派', court: court() });
    expect(fieldErrors(NewCaseSchema, newCaseInputOf(base))).toEqual({});
    expect(fieldErrors(NewCaseSchema, newCaseInputOf({ ...base, court: null }))).toEqual({ court: 'court.required' });
    expect(fieldErrors(NewCaseSchema, newCaseInputOf({ ...base, source: '申请' }))).toEqual({ source: 'court.notCourtSource' });
    const bad = court({ court: ' ', caseNo: '（2026）蒙0523民初', judge: '' });
    expect(fieldErrors(NewCaseSchema, newCaseInputOf({ ...base, court: bad }))).toEqual({
      'court.court': 'court.name.required', 'court.caseNo': 'court.caseNo.number', 'court.judge': 'court.judge.required',
    });
    expect(fieldErrors(NewCaseSchema, newCaseInputOf({ ...base, court: court({ deadline: '2026-10-01' }) }))).toEqual({ 'court.deadline': 'court.deadline.beforeReferred' });
  });

  it('holds the section as typed; blank is no reference, the 案号 is stored normalised and the return date kept', () => {
    const codec = courtCodec('court');
    expect(codec.decode(codec.empty(), undefined)).toBeUndefined();
    expect(codec.decode(codec.empty(), court())).toBeNull();
    const typed = { ...codec.encode(court()), caseNo: '(2026)蒙0523民诉前调123号' };
    expect(codec.decode(typed, court({ returnedOn: '2026-11-20' }))).toEqual(court({ returnedOn: '2026-11-20' }));
  });
});

describe('待办 and the letters back to the court', () => {
  it('lists an open court case from five days before its deadline, and a finished one until the result went back', () => {
    const open = caseRecord({ source: '法院委托', court: court() });
    expect(remindersFor(open, '2026-11-20').map((r) => r.kind)).not.toContain('court');
    expect(remindersFor(open, '2026-11-26').find((r) => r.kind === 'court')).toMatchObject({ due: '2026-12-01', daysLeft: 5 });
    expect(remindersFor(open, '2026-12-03').find((r) => r.kind === 'court')?.daysLeft).toBe(-2);
    const done = caseRecord({ source: '法院委托', court: court(), status: 'agreed', outcome: 'success', agreement: agreement() });
    expect(remindersFor(done, '2026-11-26').map((r) => r.kind)).toContain('courtReturn');
    expect(remindersFor({ ...done, court: court({ returnedOn: '2026-11-25' }) }, '2026-11-26').map((r) => r.kind)).not.toContain('courtReturn');
  });

  it('调解结果告知函 is addressed to the court with its 案号 and the agreement; 调解终结说明 gives the reason', () => {
    const c = completeCase({ source: '法院委派', court: court({ returnedOn: '2026-11-12' }) });
    const result = buildDocument('court-result', c.record, c.events, { today: '2026-12-20' });
    if (!result.ok) throw new Error(result.missing.map((m) => m.field).join());
    const text = canonicalJson(result.doc.content);
    expect(result.doc.title).toBe('调解结果告知函');
    expect(text).toContain('示例县人民法院：');
    expect(text).toContain('（2026）蒙0523民诉前调123号');
    expect(text).toContain('委派本委员会调解');
    expect(text).toContain('排水沟改道');
    expect(text).toContain('三十日内共同向你院申请司法确认');
    expect(text).toContain('2026年11月12日');
    expect(buildDocument('court-ending', c.record, c.events, { today: '2026-12-20' }).ok).toBe(false);
    // In the 卷宗, required; a case that is not the court's has none.
    expect(caseFile(c.record, c.events, { today: '2026-12-20' }).find((e) => e.kind === 'court-result')?.isRequired).toBe(true);
    expect(caseFile(completeCase().record, [], { today: '2026-12-20' }).some((e) => e.kind === 'court-result' || e.kind === 'court-ending')).toBe(false);

    const failed = caseRecord({
      source: '法院委托', court: court(), status: 'terminated', outcome: 'failure', termination: { reason: '双方对赔偿数额分歧过大', otherRoutesTold: true },
    });
    const ending = buildDocument('court-ending', failed, [], { today: '2026-12-20' });
    if (!ending.ok) throw new Error(ending.missing.map((m) => m.field).join());
    const endingText = canonicalJson(ending.doc.content);
    expect(ending.doc.title).toBe('调解终结说明');
    expect(endingText).toContain('委托本委员会调解的（2026）蒙0523民诉前调123号');
    expect(endingText).toContain('退回你院依法处理');
    expect(endingText).toContain('双方对赔偿数额分歧过大');
    expect(caseFile(failed, [], { today: '2026-12-20' }).find((e) => e.kind === 'court-ending')?.isRequired).toBe(true);
  });
});

describe('诉调对接 figures', () => {
  it('counts court cases by source and outcome; 调解不成 is the 退回法院 figure; the report prints them with a total', () => {
    const cases = [
      caseRecord({ source: '法院委派', court: court(), status: 'agreed', outcome: 'success', agreement: agreement() }),
      caseRecord({ source: '法院委派', court: court(), status: 'terminated', outcome: 'failure', termination: { reason: '不同意', otherRoutesTold: true } }),
      caseRecord({ source: '法院委托', court: court() }),
      caseRecord({ source: '法院移送' }),
      caseRecord({ source: '申请' }),
    ].map(toStatCase);
    const r = rollup(cases);
    expect(r.court).toEqual({
      法院委派: { accepted: 2, succeeded: 1, failed: 1, open: 0 },
      法院委托: { accepted: 1, succeeded: 0, failed: 0, open: 1 },
    });
    expect(courtTable(r)).toEqual([
      ['诉调对接', '受理', '调解成功', '调解不成退回法院', '未结'],
      ['法院委派（诉前）', 2, 1, 1, 0],
      ['法院委托（诉中）', 1, 0, 0, 1],
      ['诉调对接合计', 3, 1, 1, 1],
    ]);
  });
});
