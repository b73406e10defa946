// Registry checks (人民调解法 Art 8–9), coverage, the report layout, CSV and division files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { committeeTypes, committeeWarnings, coverage, emptyOrgTable, type Mediator } from '../../src/shared/network.ts';
import { BOM, parseCsv, toCsv } from '../../src/shared/csv.ts';
import { caseTable, committeeTypeTable, orgTableCells, reportCsv, reportedSplits, satisfactionTable } from '../../src/shared/report.ts';
import { mergeRollups, rollup, toStatCase } from '../../src/shared/stats.ts';
import { parseDivisions } from '../../src/shared/divisions.ts';
import { statisticsRows } from '../../src/shared/categories.ts';
import { agreement, caseRecord } from '../support/case-factory.ts';

const person = (over: Partial<Mediator>): Mediator => ({
  id: 'm', committeeId: 'c', name: '甲', gender: '男', ethnicity: '汉族', phone: null, isPhonePublic: false, memberRole: '委员', isFullTime: false,
  termStart: '2024-01-01', termEnd: '2027-01-01', leftOn: null, education: null, trainings: [], ...over,
});

describe('committee warnings', () => {
  it('a lawful committee has none', () => {
    expect(committeeWarnings([person({ memberRole: '主任' }), person({ gender: '女' }), person({})], '2026-01-01')).toEqual([]);
  });

  it('counts members only (not appointed mediators or those who left), and flags each rule', () => {
    const members = [person({ memberRole: '主任', name: '甲', termEnd: '2025-12-31' }), person({ memberRole: null, gender: '女' }), person({ gender: '女', leftOn: '2025-01-01' })];
    expect(committeeWarnings(members, '2026-01-01')).toEqual([
      { code: 'network.warn.tooFew', count: 1 }, { code: 'network.warn.noWoman' }, { code: 'network.warn.termExpired', names: ['甲'] },
    ]);
    const ten = Array.from({ length: 10 }, (_, i) => person({ gender: i === 0 ? '女' : '男' }));
    expect(committeeWarnings(ten, '2026-01-01').map((w) => w.code)).toEqual(['network.warn.tooMany', 'network.warn.noChair']);
  });

  it('coverage counts 村委会 and 居委会, not farm living areas', () => {
    const c = coverage(['150523100200', '150523100001', '150523402500'], new Set(['150523100200']), new Map([['150523100200', 4], ['150523100001', 1]]));
    expect(c.committees).toEqual({ numerator: 1, denominator: 2 });
    expect(c.legalPersons).toEqual({ numerator: 1, denominator: 2 });
    expect(c.legalPersonsPerVillage).toEqual({ numerator: 5, denominator: 2 });
    expect(c.shortVillages).toEqual([{ villageCode: '150523100001', count: 1 }]);
  });
});

describe('report layout and CSV', () => {
  it('CSV round-trips any text, quotes and line breaks included', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
      const kept = rows.filter((r) => !r.every((f) => f.trim() === ''));
      fc.pre(kept.length === rows.length);
      expect(parseCsv(toCsv(rows))).toEqual(rows);
    }));
  });

  it('the case table has every official row, the total, and rates with two decimals in CSV', () => {
    const r = rollup(Array.from({ length: 62 }, (_, i) =>
      toStatCase(i < 58 ? caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ amountYuan: 1000 }) }) : caseRecord({ status: 'terminated', outcome: 'failure' }))));
    const table = caseTable(r);
    // Every official row, the "其中" lines the form asks for (拖欠农民工工资纠纷), and 合计.
    expect(table).toHaveLength(statisticsRows.length + reportedSplits.length + 2);
    expect(table[table.length - 1]?.slice(0, 4)).toEqual(['合计', 62, 58, 93.55]);
    const csv = reportCsv({ areaName: '测试村', areaCode: '150523100200', from: '2026-01-01', toInclusive: '2026-12-31', generatedAt: 'x' }, r, emptyOrgTable());
    expect(csv.startsWith(BOM)).toBe(true);
    const total = parseCsv(csv).find((row) => row[0] === '合计');
    expect(total?.slice(0, 9)).toEqual(['合计', '62', '58', '93.55', '4', '0', '0', '58', '5.80']);
    expect(orgTableCells(emptyOrgTable())[1]).toEqual(['人民调解委员会（个）', 0]);
  });
});

describe('report lines the form asks for', () => {
  it('拖欠农民工工资纠纷 is its own 其中 line under 劳动争议纠纷; 履行率 and 满意率 leave out what has no answer', () => {
    const wages = Array.from({ length: 3 }, () => toStatCase(caseRecord({ categoryCode: '10.1', status: 'agreed', outcome: 'success', agreement: agreement({ amountYuan: 5000 }) })));
    const other = toStatCase(caseRecord({ categoryCode: '10.2', status: 'terminated', outcome: 'failure' }));
    const r = rollup([
      { ...wages[0]!, performance: '已履行', satisfaction: '满意' }, { ...wages[1]!, performance: '未履行', satisfaction: '不满意' },
      { ...wages[2]!, satisfaction: '未记载' }, other,
    ]);
    const table = caseTable(r);
    const labour = table.findIndex((row) => row[0] === '劳动争议纠纷');
    expect(table[labour]?.slice(0, 3)).toEqual(['劳动争议纠纷', 4, 3]);
    expect(table[labour + 1]?.slice(0, 3)).toEqual(['　其中：拖欠农民工工资纠纷', 3, 3]);
    const performanceRate = table[0]?.indexOf('协议履行率（%）') ?? -1;
    expect(table[labour + 1]?.[performanceRate]).toBe(33.33);
    expect(r.satisfaction).toEqual({ 满意: 1, 基本满意: 0, 不满意: 1, 未记载: 1 });
    expect(satisfactionTable(r).at(-1)).toEqual(['群众满意率（%）', 50]);
  });
});

describe('report by 调解主体', () => {
  it('every type a row, another county\'s untyped figures their own 未分 row, 合计 the total; absent split = no block', () => {
    const ok = (n: number) => rollup(Array.from({ length: n }, () => toStatCase(caseRecord({ status: 'agreed', outcome: 'success', agreement: agreement({ amountYuan: 20_000 }) }))));
    const village = ok(3);
    const town = ok(1);
    const imported = ok(2);
    const total = mergeRollups([village, town, imported]);
    const table = committeeTypeTable([{ type: '村/居', rollup: village }, { type: '乡镇/街道', rollup: town }, { type: '', rollup: imported }], total);
    expect(table.map((r) => r[0])).toEqual(['调解主体', ...committeeTypes, '未分（外县报送）', '合计']);
    expect(table.slice(1).map((r) => r.slice(1, 4))).toEqual([[3, 3, 100], [1, 1, 100], [0, 0, null], [0, 0, null], [0, 0, null], [0, 0, null], [2, 2, 100], [6, 6, 100]]);
    const amount = table[0]?.indexOf('协议涉及金额（万元）') ?? -1;
    expect(table.map((r) => r[amount]).slice(1)).toEqual([6, 2, 0, 0, 0, 0, 4, 12]);
    // Without a 未分 figure there is no such row.
    expect(committeeTypeTable([{ type: '村/居', rollup: total }], total).map((r) => r[0])).not.toContain('未分（外县报送）');
    const meta = { areaName: '测试县', areaCode: '150523', from: '2026-01-01', toInclusive: '2026-12-31', generatedAt: 'x' };
    expect(parseCsv(reportCsv(meta, total, emptyOrgTable())).some((r) => r[0] === '调解主体')).toBe(false);
    expect(parseCsv(reportCsv({ ...meta, byCommitteeType: [{ type: '村/居', rollup: total }] }, total, emptyOrgTable())).filter((r) => r[0] === '村/居')[0]?.slice(1, 4)).toEqual(['6', '6', '100.00']);
  });
});

describe('division files', () => {
  it('reads the county extract and the national lists, skipping other counties', () => {
    const extract = parseDivisions('code,name,level,parent\n150523,开鲁县,county,\n150523100,开鲁镇,town,150523\n150523100200,五家村委会,village,150523100\n', '150523');
    expect(extract).toEqual({ problems: [], areas: [
      { code: '150523', name: '开鲁县', level: 'county', parent: null },
      { code: '150523100', name: '开鲁镇', level: 'town', parent: '150523' },
      { code: '150523100200', name: '五家村委会', level: 'village', parent: '150523100' },
    ] });
    const national = parseDivisions('code,name,streetCode,provinceCode,cityCode,areaCode\n150523100200,"五家村委会",150523100,15,1505,150523\n110101001001,"多福巷社区居委会",110101001,11,1101,110101\n', '150523');
    expect(national.areas).toEqual([{ code: '150523100200', name: '五家村委会', level: 'village', parent: '150523100' }]);
    const wrong = parseDivisions('code,name,level,parent\n150523100200,五家村委会,town,150523\n', '150523');
    expect(wrong.problems.map((p) => p.code)).toEqual(['divisions.level', 'divisions.parent']);
  });
});
