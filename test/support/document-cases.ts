// Sample cases for the 卷宗 document tests (unit and browser): a complete written-agreement case
// with three parties and every kind of record, an oral-agreement case, a long one that spills
// over several pages, and the bare factory case that lacks most particulars.
import { uuidv7 } from 'uuidv7';
import type { CaseRecord, Party } from '../../src/shared/case.ts';
import type { CaseEvent, EventBody } from '../../src/shared/events.ts';
import { agreement, caseRecord, VILLAGE } from './case-factory.ts';

export function fullParty(overrides: Partial<Party> & Pick<Party, 'role' | 'name'>): Party {
  return {
    id: uuidv7(), gender: '男', ethnicity: '汉族', age: 52, occupation: '农民', phone: '13847512345',
    address: '内蒙古自治区通辽市开鲁县开鲁镇示例村三组', idNumber: '150523197403150019', ...overrides,
  };
}

export function event(caseId: string, body: EventBody, at: string): CaseEvent {
  return { id: uuidv7(), caseId, villageCode: VILLAGE, townCode: VILLAGE.slice(0, 9), countyCode: VILLAGE.slice(0, 6), at, author: '王建国', ...body } as CaseEvent;
}

export interface SampleCase {
  record: CaseRecord;
  events: CaseEvent[];
}

/** 张三 v. 李四 and 李五 over a 院墙 and its drain: written agreement, 2 sessions, 1 investigation, 1 visit. */
export function completeCase(overrides: Partial<CaseRecord> = {}): SampleCase {
  const parties = [
    fullParty({ role: '申请人', name: '张三' }),
    fullParty({ role: '被申请人', name: '李四', gender: '女', ethnicity: '蒙古族', age: 47, occupation: '个体经营', phone: '13947598765', address: '开鲁县开鲁镇示例村四组', idNumber: '150523197908220027' }),
    fullParty({ role: '被申请人', name: '李五', age: 45, phone: '0475-6212345', address: '开鲁县开鲁镇示例村四组', idNumber: '150523198101050033' }),
  ];
  const record = caseRecord({
    caseNo: '（2026）开鲁调字第42号', status: 'visited', outcome: 'success', mediators: ['王建国', '刘桂兰'],
    agreement: agreement({
      terms: ['李四、李五于2026年12月31日前将院墙东侧排水沟改道至本户院内，费用自理。', '李四、李五赔偿张三墙体修缮费（见下列款项）。', '双方今后和睦相处，不得再因此事发生争执。'],
      performanceMethod: '现金当场支付；排水沟由被申请人自行施工', amountYuan: 3000, liability: '被申请人李四、李五对排水沟渗水负主要责任。',
      money: [{ payer: '李四', payee: '张三', amountYuan: 3000, method: '现金一次付清', deadline: '2026-11-10', place: '示例村村委会调解室' }],
    }),
    ...overrides,
    private: {
      parties,
      facts: '申请人张三与被申请人李四、李五系前后院邻居。2026年夏季多次降雨，被申请人院墙东侧排水沟的雨水流入申请人院内，致申请人院墙墙根浸泡、墙体开裂。双方多次协商未果，张三于2026年11月2日向本委员会申请调解。',
      claims: ['被申请人改造排水沟，不再向申请人院内排水', '被申请人赔偿墙体修缮费3000元'],
      place: '开鲁镇示例村三组',
      ...overrides.private,
    },
  });
  const id = record.id;
  const events = [
    event(id, { kind: 'investigation', data: { at: '2026-11-03T01:30:00.000Z', place: '张三家院内', investigators: ['王建国', '刘桂兰'], subject: '赵福（邻居）', content: '赵福称：今年七、八月下雨时，亲眼看到李家排水沟的水顺着墙根流进张家院子，张家东墙根有两处裂缝，以前没有。' } }, '2026-11-03T01:30:00.000Z'),
    event(id, { kind: 'session', data: { at: '2026-11-05T06:30:00.000Z', place: '示例村村委会调解室', participants: ['赵福'], statements: [{ partyName: '张三', text: '李家排水沟的水流进我家院子，墙都泡裂了，要求改沟并赔偿。' }, { partyName: '李四', text: '沟是老沟，以前没事，墙裂不一定是水泡的。' }], result: '双方对改沟无异议，赔偿数额分歧较大，约定11月10日再调。', recorder: '刘桂兰' } }, '2026-11-05T06:30:00.000Z'),
    event(id, { kind: 'session', data: { at: '2026-11-10T02:00:00.000Z', place: '示例村村委会调解室', participants: [], statements: [{ partyName: '李五', text: '同意改沟，赔偿三千元可以接受。' }], result: '双方自愿达成协议：被申请人改沟并赔偿3000元。', recorder: '刘桂兰' } }, '2026-11-10T02:00:00.000Z'),
    event(id, { kind: 'transition', data: { from: 'mediating', to: 'agreed' } }, '2026-11-10T03:00:00.000Z'),
    event(id, { kind: 'visit', data: { on: '2026-12-05', visitedPerson: '张三', performance: '部分履行', satisfaction: '基本满意', notes: '赔偿款已当场付清；排水沟正在施工，预计月底完工。' } }, '2026-12-05T02:00:00.000Z'),
  ];
  return { record, events };
}

/** The same dispute settled by an oral agreement (Art 28) and accepted on the committee's own initiative. */
export function oralCase(): SampleCase {
  const base = completeCase({ source: '主动调解', caseNo: '（2026）开鲁调字第43号', status: 'agreed' });
  return {
    record: { ...base.record, agreement: agreement({ form: '口头', terms: ['李四当面向张三赔礼道歉', '李四于12月31日前疏通排水沟'] }) },
    events: base.events.filter((e) => e.kind !== 'visit'),
  };
}

/** Long facts and many terms: several printed pages. */
export function longCase(): SampleCase {
  const base = completeCase({ caseNo: '（2026）开鲁调字第44号', categoryCode: '07' });
  const facts = Array.from({ length: 9 }, (_, i) =>
    `第${i + 1}段：双方就承包地地界、灌溉水渠使用和地头树木归属发生争执，申请人称被申请人于2026年春耕时越界耕种约0.3亩，并砍伐地头杨树两棵；被申请人称地界以1998年二轮承包时埋设的界桩为准，树木系其父亲栽种。编号1505231002000${i}号承包合同载明面积为12.6亩。`,
  ).join('\n');
  const terms = Array.from({ length: 14 }, (_, i) => `第${i + 1}项：双方同意按村委会2026年11月8日现场测量结果确定地界，被申请人退还越界耕种的土地并赔偿相应损失，具体数额以实际测量面积乘以每亩800元计算。`);
  // An unbreakable run (a parcel number) that only `overflow-wrap: anywhere` can fold in a narrow cell.
  const parties = base.record.private.parties.map((p, i) => (i === 2 ? { ...p, address: '开鲁县开鲁镇示例村四组，宗地代码150523100200JC00012GB00345F0006789012345678901234567890123456789012' } : p));
  return {
    record: { ...base.record, private: { ...base.record.private, facts, parties }, agreement: base.record.agreement && { ...base.record.agreement, terms, concerns: ['物权确权'] } },
    events: base.events,
  };
}

/** The factory case: names only, no agreement, no records — most documents cannot print yet. */
export function incompleteCase(): SampleCase {
  return { record: caseRecord(), events: [] };
}
