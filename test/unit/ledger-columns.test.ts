// The columns clerks' ledgers really have: a 12-digit code decides the village and the name and
// 所属镇(街道) are checked against it; without a code the town tells apart a village name that
// repeats across towns; sources as clerks spell them; a day the calendar lacks is named.
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/shared/ledger.ts';
import '../../src/shared/i18n/later.ts';

const villages = [
  { code: '150404102209', name: '马架子村委会' },
  { code: '150404107205', name: '马架子村委会' },
  { code: '150404102200', name: '大庙村委会' },
];
const towns = [{ code: '150404102', name: '大庙镇' }, { code: '150404107', name: '穆家营子镇' }];
const ctx = { villages, towns, today: '2026-03-10' };
const base = ['2025-03-05', '邻里纠纷', '张三', '李四', '成功', '口头', '0'];
const tail = ['受理日期', '纠纷类型', '申请人', '被申请人', '调解结果', '协议形式', '金额'];

describe('ledger village columns', () => {
  it('a code column decides the village; a mismatching name or town is an error naming both', () => {
    const header = ['序号', '所属镇(街道)', '村(社区)', '村(社区)代码', ...tail];
    const ok = checkLedger([header, ['1', '穆家营子镇', '马架子村委会', '150404107205', ...base]], ctx);
    expect(ok.ok && ok.cases[0]?.villageCode).toBe('150404107205');
    const wrong = checkLedger([header, ['7', '大庙镇', '大庙村委会', '150404102209', ...base], ['8', '大庙镇', '马架子村', '150404107205', ...base]], ctx);
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.errors.map((e) => [e.row, e.ledgerNo, e.code])).toEqual([[2, '7', 'ledger.village.mismatch'], [3, '8', 'ledger.town.mismatch']]);
    expect(wrong.errors[0]?.params).toMatchObject({ value: '大庙村委会', code: '150404102209', name: '马架子村委会' });
  });

  it('without a code column the town tells a repeated village name apart', () => {
    const header = ['编号', '镇(街道)', '村', ...tail];
    const checked = checkLedger([header, ['1', '大庙镇', '马架子', ...base], ['2', '穆家营子', '马架子村委会', ...base]], ctx);
    expect(checked.ok && checked.cases.map((c) => c.villageCode)).toEqual(['150404102209', '150404107205']);
    const ambiguous = checkLedger([['编号', '村', ...tail], ['1', '马架子', ...base]], ctx);
    expect(!ambiguous.ok && ambiguous.errors[0]?.code).toBe('ledger.village.ambiguous');
  });

  it('maps the usual source spellings and names an impossible date', () => {
    const header = ['登记号', '村(社区)代码', '案件来源', ...tail];
    const spelled = ['信访转办', '检察院移送', '人民法院委托', '人民法院委派', '派出所'];
    const checked = checkLedger([header, ...spelled.map((s, i) => [String(i + 1), '150404102200', s, ...base])], ctx);
    expect(checked.ok && checked.cases.map((c) => c.source)).toEqual(['信访移送', '其他移送', '法院移送', '法院移送', '公安移送']);
    const bad = checkLedger([header, ['9', '150404102200', '信访转办', '2022年2月30日', ...base.slice(1)]], ctx);
    expect(!bad.ok && bad.errors[0]).toMatchObject({ row: 2, ledgerNo: '9', code: 'ledger.date.impossible', params: { value: '2022年2月30日' } });
  });
});
