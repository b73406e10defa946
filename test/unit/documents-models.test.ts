import { describe, it, expect } from 'vitest';
import { buildDocument, caseFile, parseDocId } from '../../src/shared/documents/build.ts';
import type { BuildResult, DocKind, DocumentModel, DocumentOf, DocumentOptions } from '../../src/shared/documents/types.ts';
import { canonicalJson } from '../../src/shared/documents/integrity.ts';
import { caseRecord } from '../support/case-factory.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { completeCase, incompleteCase, oralCase, type SampleCase } from '../support/document-cases.ts';

const options: DocumentOptions = { today: '2026-12-20' };

function doc<K extends DocKind>(kind: K, c: SampleCase, extra: Partial<DocumentOptions> = {}): DocumentOf<K> {
  const result = buildDocument(kind, c.record, c.events, { ...options, ...extra });
  if (!result.ok) throw new Error(`${kind} missing: ${result.missing.map((m) => m.field).join(', ')}`);
  expect(result.doc.kind).toBe(kind);
  return result.doc as DocumentOf<K>;
}

/** Every printed string of a document, for "contains" checks. */
const text = (d: DocumentModel) => canonicalJson(d.content);

describe('document models of a complete case', () => {
  const c = completeCase();

  it('人民调解申请书 has both sides with every particular, the facts, numbered claims and the date', () => {
    const d = doc('application', c);
    expect(d.content.applicants.map((p) => p.name)).toEqual(['张三']);
    expect(d.content.respondents.map((p) => p.name)).toEqual(['李四', '李五']);
    expect(d.content.respondents[0]).toMatchObject({ gender: '女', ethnicity: '蒙古族', age: '47岁', occupation: '个体经营', phone: '13947598765' });
    expect(d.content.facts).toContain('前后院邻居');
    expect(d.content.claims).toHaveLength(2);
    expect(d.content.declaration).toContain('自愿申请');
    expect(d.content.date).toBe('2026年11月2日');
  });

  it('人民调解受理登记表 ticks the source and names every party', () => {
    const d = doc('registration', { ...c, record: { ...c.record, source: '公安移送' } });
    expect(d.content.opening).toBe('2026年11月2日，本人民调解委员会经当事人同意，调解张三、李四、李五之间的纠纷。');
    expect(d.content.category).toBe('邻里纠纷');
    expect(d.content.sources.filter((s) => s.checked).map((s) => s.label)).toEqual(['③其他：公安移送']);
  });

  it('权利义务告知书 prints Art 23 rights and Art 24 duties word for word, and one signature per party', () => {
    const d = doc('notice', c);
    const rights = d.content.sections.find((s) => s.heading.includes('权利'));
    const duties = d.content.sections.find((s) => s.heading.includes('义务'));
    expect(rights?.items).toEqual(['（一）选择或者接受人民调解员；', '（二）接受调解、拒绝调解或者要求终止调解；', '（三）要求调解公开进行或者不公开进行；', '（四）自主表达意愿、自愿达成调解协议。']);
    expect(duties?.items).toEqual(['（一）如实陈述纠纷事实；', '（二）遵守调解现场秩序，尊重人民调解员；', '（三）尊重对方当事人行使权利。']);
    expect(d.content.signers).toEqual(['张三', '李四', '李五']);
  });

  it('调查记录: one per investigation, with time (Beijing), place, investigators, subject and content', () => {
    const d = doc('investigation', c);
    expect(d.id).toBe('investigation-1');
    expect(d.content).toMatchObject({ at: '2026年11月3日 09时30分', place: '张三家院内', investigators: ['王建国', '刘桂兰'], subject: '赵福（邻居）' });
    expect(d.content.content).toContain('墙根');
    expect(buildDocument('investigation', c.record, c.events, { ...options, index: 2 }).ok).toBe(false);
  });

  it('人民调解记录: one per session in time order; the last one says how it ended', () => {
    const first = doc('session', c, { index: 1 });
    const second = doc('session', c, { index: 2 });
    expect(first.content.at).toBe('2026年11月5日 14时30分');
    expect(first.content.participants).toEqual(['赵福']);
    expect(first.content.statements.map((s) => s.partyName)).toEqual(['张三', '李四']);
    expect(first.content.closing).toEqual([]);
    expect(second.content.closing[0]).toContain('（2026）开鲁调字第42号');
    expect(second.content.opening).toContain('王建国、刘桂兰');
  });

  it('人民调解协议书: 编号 = case number, full party blocks, numbered terms, 一式四份 and one signature block per party', () => {
    const d = doc('agreement', c);
    expect(d.content.number).toBe('（2026）开鲁调字第42号');
    expect(d.content.parties).toHaveLength(3);
    for (const p of d.content.parties) {
      for (const field of ['name', 'gender', 'ethnicity', 'age', 'occupation', 'phone', 'address'] as const) expect(p[field], `${p.name} ${field}`).not.toBe('');
    }
    expect(d.content.terms).toHaveLength(3);
    expect(d.content.performanceMethod).toContain('现金');
    expect(d.content.performanceDeadline).toBe('于2026年12月31日前履行完毕。');
    expect(d.content.copies).toBe('本协议一式四份，当事人、人民调解委员会各持一份。');
    // Art 29: 签名、盖章或者按指印 — the seal is printed so a legal-person party is not left without one.
    expect(d.content.signers.map((s) => [s.role, s.name, s.mark])).toEqual([
      ['申请人', '张三', '签名（盖章）或按指印'], ['被申请人', '李四', '签名（盖章）或按指印'], ['被申请人', '李五', '签名（盖章）或按指印'],
    ]);
    // Each payment: who pays whom, the sum in figures and 大写, the way, the time, the place (若干规定 Art 35).
    expect(d.content.money).toEqual(['李四于2026年11月10日前向张三支付人民币3,000.00元（大写：人民币叁仟元整）；履行方式：现金一次付清；履行地点：示例村村委会调解室。']);
    expect(d.content.amount).toBe('协议涉及金额：人民币3,000.00元（大写：人民币叁仟元整）');
    expect(d.content.liability).toBe('被申请人李四、李五对排水沟渗水负主要责任。');
    expect(d.content.date).toBe('2026年11月10日');
  });

  it('copies follow the number of parties (two parties: 一式三份)', () => {
    const two = completeCase();
    two.record.private.parties = two.record.private.parties.slice(0, 2);
    expect(doc('agreement', two).content.copies).toContain('一式三份');
  });

  it('回访记录 carries the agreement number, the dispute, performance and satisfaction', () => {
    const d = doc('visit', c);
    expect(d.content).toMatchObject({ person: '张三', number: '（2026）开鲁调字第42号', matter: '张三与李四、李五邻里纠纷', date: '2026年12月5日' });
    expect(d.content.situation).toEqual(['协议履行情况：部分履行。', '当事人满意程度：基本满意。', '赔偿款已当场付清；排水沟正在施工，预计月底完工。']);
  });

  it('卷宗封面: 卷号, mediators, 调解日期 from 受理 to the agreement, default 保管期限 10年', () => {
    const d = doc('cover', c);
    expect(d.content).toMatchObject({
      committee: '示例村人民调解委员会', volumeName: '张三与李四、李五邻里纠纷', volumeNo: '（2026）开鲁调字第42号', mediators: '王建国、刘桂兰',
      from: '2026年11月2日', to: '2026年11月10日', archivist: '王建国', archivedOn: '2026年12月20日', retention: '10年', remarks: '',
    });
    expect(doc('cover', c, { retention: '30年', archivist: '刘桂兰' }).content).toMatchObject({ retention: '30年', archivist: '刘桂兰' });
  });

  it('卷宗封面 of a case not yet numbered shows the provisional label and says so', () => {
    const d = doc('cover', { ...c, record: { ...c.record, caseNo: null } });
    expect(d.content.volumeNo).toBe('临TEST-0001');
    expect(d.content.remarks).toContain('临时编号');
  });

  it('卷内目录 numbers pages from the first paper, ID copies one page per party unless told', () => {
    const d = doc('contents', c);
    expect(d.content.rows.map((r) => [r.title, r.pages])).toEqual([
      ['人民调解申请书', '1'],
      ['人民调解当事人权利义务告知书', '2'],
      ['当事人身份证明', '3-5'],
      ['人民调解调查记录', '6'],
      ['人民调解记录（一）', '7-8'],
      ['人民调解记录（二）', '9-10'],
      ['人民调解协议书', '11-12'],
      ['人民调解回访记录', '13'],
      ['封底', '14'],
    ]);
    const withPapers = doc('contents', c, { attachmentPages: { identity: 2, evidence: 4, receipts: 1 } });
    expect(withPapers.content.rows.map((r) => [r.title, r.pages])).toContainEqual(['人民调解证据材料', '6-9']);
    expect(withPapers.content.rows.map((r) => [r.title, r.pages])).toContainEqual(['收条或汇款单等履行凭证', '16']);
  });

  it('司法确认材料: agreement, 主持调解证明 and unmasked identities, addresses and phones', () => {
    const d = doc('confirmation', c);
    expect(d.content.agreement.number).toBe('（2026）开鲁调字第42号');
    expect(d.content.certificate.body).toContain('申请人张三与被申请人李四、李五之间的邻里纠纷');
    expect(d.content.certificate.body).toContain('于2026年11月10日自愿达成人民调解协议');
    expect(d.content.identities.map((p) => [p.name, p.idNumber, p.phone])).toEqual([
      ['张三', '150523197403150019', '13847512345'],
      ['李四', '150523197908220027', '13947598765'],
      ['李五', '150523198101050033', '0475-6212345'],
    ]);
    expect(d.content.identities[1]?.birthDate).toBe('1979年8月22日');
    expect(d.content.deadline).toContain('2026年12月10日');
    expect(d.warnings).toEqual(['doc.confirmation.late']);
    expect(doc('confirmation', c, { today: '2026-11-20' }).warnings).toEqual([]);
  });

  it('warns only where the agreement disposes of 身份关系 or 物权确权, not for a whole category', () => {
    const withConcerns = (categoryCode: string, concerns: NonNullable<CaseRecord['agreement']>['concerns']) =>
      ({ ...c, record: { ...c.record, categoryCode, agreement: c.record.agreement && { ...c.record.agreement, concerns } } });
    // A 赡养费 agreement of a 婚姻家庭 case is confirmable: no warning.
    expect(doc('confirmation', withConcerns('01', []), { today: '2026-11-20' }).warnings).toEqual([]);
    expect(doc('confirmation', withConcerns('01', ['身份关系']), { today: '2026-11-20' }).warnings).toEqual(['reminder.confirmationRisk.status']);
    expect(doc('confirmation', withConcerns('03', ['物权确权']), { today: '2026-11-20' }).warnings).toEqual(['reminder.confirmationRisk.title']);
  });

  it('the 司法确认 package starts with the joint 申请书 and lists the property proof where 物权 is involved', () => {
    const plain = doc('confirmation', c, { today: '2026-11-20' }).content;
    expect(plain.application.applicants.map((a) => a.name)).toEqual(['张三', '李四', '李五']);
    expect(plain.application.request).toContain('（2026）开鲁调字第42号');
    expect(plain.application.signers).toHaveLength(3);
    expect(plain.materials[0]).toBe('司法确认申请书（双方当事人共同申请）');
    expect(plain.materials.some((m) => m.includes('财产权利证明'))).toBe(false);
    const house = { ...c, record: { ...c.record, agreement: c.record.agreement && { ...c.record.agreement, concerns: ['物权' as const] } } };
    expect(doc('confirmation', house, { today: '2026-11-20' }).content.materials.at(-1)).toContain('财产权利证明');
  });

  it('every document carries the case label and an integrity code like 3F2A-91C0', () => {
    for (const entry of caseFile(c.record, c.events, options)) {
      expect(entry.result.ok, entry.id).toBe(true);
      if (!entry.result.ok) continue;
      expect(entry.result.doc.caseLabel).toBe('（2026）开鲁调字第42号');
      expect(entry.result.doc.integrityCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    }
  });
});

describe('the case file', () => {
  it('lists the 卷宗 in binding order, 申请书 for an application and 登记表 otherwise', () => {
    const c = completeCase();
    expect(caseFile(c.record, c.events, options).map((e) => e.id)).toEqual([
      'cover', 'contents', 'application', 'notice', 'investigation-1', 'session-1', 'session-2', 'agreement', 'visit-1', 'back-cover', 'confirmation',
    ]);
    const o = oralCase();
    expect(caseFile(o.record, o.events, options).map((e) => e.id)).toEqual([
      'cover', 'contents', 'registration', 'notice', 'investigation-1', 'session-1', 'session-2', 'oral-agreement', 'back-cover',
    ]);
  });

  it('an oral agreement prints the 口头协议登记表, and the 协议书 points there', () => {
    const o = oralCase();
    const d = doc('oral-agreement', o);
    expect(d.content.terms).toEqual(['李四当面向张三赔礼道歉', '李四于12月31日前疏通排水沟']);
    expect(d.content.performance).toContain('2026年12月31日');
    const written = buildDocument('agreement', o.record, o.events, options);
    expect(written.ok).toBe(false);
    if (!written.ok) expect(written.missing).toEqual([expect.objectContaining({ messageKey: 'doc.missing.agreement.isOral', fixPath: `/cases/${o.record.id}/documents/oral-agreement` })]);
  });

  it('a terminated case records the reason and the routes left (Art 26) and expects no agreement', () => {
    const c = completeCase({ status: 'terminated', outcome: 'failure', agreement: null, termination: { reason: '赔偿数额差距过大', otherRoutesTold: true } });
    const events = c.events.filter((e) => e.kind !== 'visit');
    const last = buildDocument('session', c.record, events, { ...options, index: 2 });
    expect(last.ok && last.doc.kind === 'session' && last.doc.content.closing).toEqual(['调解不成，终止调解。原因：赔偿数额差距过大', '人民调解员已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。']);
    expect(caseFile(c.record, events, options).map((e) => e.kind)).not.toContain('agreement');
  });

  it('a correction replaces the record it supersedes', () => {
    const c = completeCase();
    const original = c.events.find((e) => e.kind === 'investigation');
    const fixed = { ...original!, id: 'fix-1', supersedes: original!.id, data: { ...(original!.data as object), subject: '赵福（邻居，72岁）' } } as typeof original & object;
    const d = doc('investigation', { ...c, events: [...c.events, fixed] });
    expect(d.content.subject).toBe('赵福（邻居，72岁）');
  });

  it('parses document ids', () => {
    expect(parseDocId('session-2')).toEqual({ kind: 'session', index: 2 });
    expect(parseDocId('oral-agreement')).toEqual({ kind: 'oral-agreement', index: 1 });
    expect(parseDocId('session')).toBeUndefined();
    expect(parseDocId('agreement-2')).toBeUndefined();
    expect(parseDocId('session-0')).toBeUndefined();
    expect(parseDocId('nonsense')).toBeUndefined();
  });
});

describe('missing fields of an incomplete case', () => {
  const c = incompleteCase();
  const missingOf = (r: BuildResult) => (r.ok ? [] : r.missing);

  it('申请书 lists each party particular it lacks, in Chinese, with the edit screen', () => {
    const missing = missingOf(buildDocument('application', c.record, c.events, options));
    expect(missing.map((m) => m.field)).toEqual([
      'private.parties.0.gender', 'private.parties.0.age', 'private.parties.0.address',
      'private.parties.1.gender', 'private.parties.1.age', 'private.parties.1.address',
    ]);
    expect(missing[0]).toMatchObject({ messageKey: 'doc.missing.party.gender', params: { role: '申请人', name: '张三' }, fixPath: `/cases/${c.record.id}/edit?field=parties.0.gender` });
  });

  it('协议书 without an agreement says so and links to the agreement form', () => {
    expect(missingOf(buildDocument('agreement', c.record, c.events, options))).toEqual([
      { field: 'agreement', messageKey: 'doc.missing.agreement', fixPath: `/cases/${c.record.id}/agreement` },
    ]);
  });

  it('人民调解记录 without any session links to the session form', () => {
    expect(missingOf(buildDocument('session', c.record, c.events, options))).toEqual([
      { field: 'sessions', messageKey: 'doc.missing.session', fixPath: `/cases/${c.record.id}/session` },
    ]);
  });

  it('司法确认 needs 身份证号, 住址 and 电话 of every party', () => {
    const r = caseRecord({ status: 'agreed', agreement: completeCase().record.agreement });
    const fields = missingOf(buildDocument('confirmation', r, [], options)).map((m) => m.field);
    for (const f of ['private.parties.0.idNumber', 'private.parties.0.phone', 'private.parties.0.address', 'private.parties.1.idNumber']) expect(fields).toContain(f);
  });

  it('卷内目录 points at each incomplete document', () => {
    const missing = missingOf(buildDocument('contents', c.record, c.events, options));
    expect(missing.map((m) => m.params?.title)).toEqual(['人民调解申请书', '人民调解记录', '人民调解协议书']);
    expect(missing[0]?.fixPath).toBe(`/cases/${c.record.id}/documents/application`);
  });

  it('derives 性别 and 年龄 from the 身份证号 so they need not be typed twice', () => {
    const r = caseRecord();
    r.private.parties = r.private.parties.map((p, i) => ({ ...p, address: '示例村', idNumber: i === 0 ? '150523197403150019' : '150523197908220027' }));
    const d = buildDocument('application', r, [], options);
    expect(d.ok).toBe(true);
    if (d.ok && d.doc.kind === 'application') {
      expect(d.doc.content.applicants[0]).toMatchObject({ gender: '男', age: '52岁' });
      expect(d.doc.content.respondents[0]).toMatchObject({ gender: '女', age: '47岁' });
    }
  });

  it('the printed text of a complete case never shows placeholders', () => {
    for (const entry of caseFile(completeCase().record, completeCase().events, options)) {
      if (entry.result.ok) expect(text(entry.result.doc)).not.toMatch(/undefined|NaN|\{\w+\}/);
    }
  });
});
