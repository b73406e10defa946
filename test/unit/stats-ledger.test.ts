// Ledger rows checked before import: what is accepted, and what each wrong cell is told.
import { describe, expect, it } from 'vitest';
import { checkLedger, parseLedgerDate, villageBaseName } from '../../src/shared/ledger.ts';
import { t } from '../../src/shared/i18n/index.ts';

const villages = [
  { code: '150523100200', name: '五家村委会' },
  { code: '150523100204', name: '民主村委会' },
  { code: '150523100001', name: '民主社区居委会' },
  { code: '150523101204', name: '民主村委会' },
];
const ctx = { villages, today: '2026-03-10' };
const header = ['受理日期', '村', '纠纷类型', '当事人', '调解结果', '协议形式', '金额'];

describe('ledger check', () => {
  it('reads dates, village names, category names and parties written the usual ways', () => {
    const result = checkLedger([header,
      ['2023年3月5日', '五家村', '邻里', '张三与李四', '成功', '口头协议', '1,200元'],
      ['2023/3/6', '民主社区', '10.1', '王五、赵六、钱七', '不成', '', ''],
      ['2023-03-07', '150523100204', '婚姻家庭纠纷', '孙八 周九', '未结', '', ''],
    ], ctx);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.cases.map((c) => [c.acceptedOn, c.villageCode, c.categoryCode, c.applicants, c.respondents, c.result, c.form, c.amountYuan])).toEqual([
      ['2023-03-05', '150523100200', '02', ['张三'], ['李四'], '成功', '口头', 1200],
      ['2023-03-06', '150523100001', '10.1', ['王五'], ['赵六', '钱七'], '不成', null, 0],
      ['2023-03-07', '150523100204', '01', ['孙八'], ['周九'], '未结', null, 0],
    ]);
  });

  it('reports every problem with its row and column, in words a clerk can act on', () => {
    const result = checkLedger([header,
      ['2023-02-30', '民主村', '吵架', '张三', '成功', '', '-5'],
      ['2027-01-01', '不知村', '邻里纠纷', '张三与李四', '未结', '书面', '100'],
    ], ctx);
    if (result.ok) throw new Error('should fail');
    const lines = result.errors.map((e) => `${e.row}|${e.field}|${t(e.code, e.params)}`);
    expect(lines).toEqual([
      '2|受理日期|2023年2月30日不存在，请核对日期',
      '2|村|辖区内有多个名为“民主村”的村（社区）（150523100204、150523101204），请改填 12 位区划代码',
      '2|纠纷类型|纠纷类型“吵架”不在统计表的类型中，请填写如“邻里纠纷”“婚姻家庭纠纷”',
      '2|当事人|请填写被申请人姓名（当事人一栏可写“张三与李四”）',
      '2|协议形式|调解成功的案件请填写协议形式：口头 或 书面',
      '2|金额|金额“-5”应为数字（元），例如 1200 或 1200.50',
      '3|受理日期|受理日期 2027-01-01 还没到，请核对',
      '3|村|辖区内找不到名为“不知村”的村（社区），请核对名称或改填 12 位区划代码',
      '3|协议形式|只有调解成功的案件才有协议形式，请删除或改正调解结果',
      '3|金额|只有调解成功的案件才有协议涉及金额，请删除或改正调解结果',
    ]);
  });

  it('names missing columns and refuses a locked month', () => {
    const missing = checkLedger([['受理日期', '村'], ['2023-01-01', '五家村']], ctx);
    expect(missing.ok ? [] : missing.errors.map((e) => e.params?.column)).toEqual(['纠纷类型', '调解结果', '申请人', '被申请人']);
    const locked = checkLedger([header, ['2023-01-09', '五家村', '邻里纠纷', '甲与乙', '未结', '', '']], { ...ctx, isLocked: (v, d) => v === '150523100200' && d.startsWith('2023-01') });
    expect(locked.ok ? [] : locked.errors.map((e) => e.code)).toEqual(['ledger.locked']);
  });

  it('gives the same row the same key, and two identical rows different keys', () => {
    const row = ['2023-03-05', '五家村', '邻里纠纷', '张三与李四', '成功', '书面', '0'];
    const a = checkLedger([header, row, row], ctx);
    const b = checkLedger([header, ['x'], row], ctx);
    if (!a.ok) throw new Error('ok expected');
    expect(a.cases[0]?.key).not.toBe(a.cases[1]?.key);
    expect(b.ok).toBe(false);
    const c = checkLedger([header, row], ctx);
    expect(c.ok && c.cases[0]?.key).toBe(a.cases[0]?.key);
    const numbered = checkLedger([['编号', ...header], ['7', ...row], ['7', ...row]], ctx);
    expect(numbered.ok ? [] : numbered.errors.map((e) => `${e.row}|${e.code}`)).toEqual(['3|ledger.number.duplicate']);
  });

  it('reads 履行 and 司法确认 where a ledger notes them, and refuses them where they cannot be', () => {
    const withFacts = [...header, '履行情况', '司法确认'];
    const ok = checkLedger([withFacts,
      ['2023-03-05', '五家村', '邻里纠纷', '张三与李四', '成功', '书面', '100', '履行完毕', '已确认'],
      ['2023-03-06', '五家村', '邻里纠纷', '王五与赵六', '成功', '口头', '', '部分履行', ''],
      ['2023-03-07', '五家村', '邻里纠纷', '孙八与周九', '成功', '书面', '', '', '审查中'],
    ], ctx);
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(ok.cases.map((c) => [c.performance, c.confirmation])).toEqual([['已履行', '确认有效'], ['部分履行', null], [null, '审查中']]);

    const bad = checkLedger([withFacts,
      ['2023-03-05', '五家村', '邻里纠纷', '张三与李四', '不成', '', '', '已履行', ''],
      ['2023-03-06', '五家村', '邻里纠纷', '王五与赵六', '成功', '口头', '', '', '确认有效'],
      ['2023-03-07', '五家村', '邻里纠纷', '孙八与周九', '成功', '书面', '', '差不多', '可能'],
    ], ctx);
    if (bad.ok) throw new Error('should fail');
    expect(bad.errors.map((e) => `${e.row}|${e.field}|${t(e.code, e.params)}`)).toEqual([
      '2|履行情况|只有调解成功的案件才有履行情况，请删除或改正调解结果',
      '3|司法确认|只有达成书面协议的案件才能申请司法确认，请核对调解结果和协议形式',
      '4|履行情况|履行情况“差不多”应填写 已履行、部分履行 或 未履行，没有回访的留空',
      '4|司法确认|司法确认“可能”应填写 确认有效、驳回、撤回 或 审查中，没有申请的留空',
    ]);
  });

  it('keeps a row\'s key when 履行 and 司法确认 are added to the ledger later', () => {
    const row = ['2023-03-05', '五家村', '邻里纠纷', '张三与李四', '成功', '书面', '0'];
    const before = checkLedger([header, row], ctx);
    const after = checkLedger([[...header, '履行情况', '司法确认'], [...row, '已履行', '确认有效']], ctx);
    expect(before.ok && after.ok && after.cases[0]?.key === before.cases[0]?.key).toBe(true);
  });

  it('parses date spellings and village name forms', () => {
    expect(parseLedgerDate('2023.3.5')).toBe('2023-03-05');
    expect(parseLedgerDate('2023-13-01')).toBeUndefined();
    expect(villageBaseName('五家村委会')).toBe('五家');
    expect(villageBaseName('五家村')).toBe('五家');
    expect(villageBaseName('民主社区居委会')).toBe('民主社区');
  });
});
