// The subsidy sheet as printed: three tables (按调解员, 按调委会, 案件明细) with a title, the
// rules line and the sheet's state — the cells of the XLSX's worksheets and of the CSV twins, so
// both print the same. Amounts in 元 with two decimals (exact: they come from 分).
import { categoryByCode } from './categories.ts';
import { t } from './i18n/index.ts';
import { beijingTime } from './report.ts';
import type { Cell } from './report.ts';
import { yuanOf, type StoredRules, type SubsidyPart, type SubsidySheet } from './subsidy.ts';
import { toCsv } from './csv.ts';

export interface SubsidyTable {
  part: SubsidyPart;
  name: string;
  rows: Cell[][];
  /** Columns holding 元 (two decimals). */
  money: number[];
}

const yuan = (c: number, asText: boolean): Cell => (asText ? yuanOf(c).toFixed(2) : yuanOf(c));
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export function subsidyHeading(sheet: SubsidySheet, rules: StoredRules, generatedAt: string): Cell[][] {
  return [
    [t('subsidy.sheetTitle', { area: sheet.area.name, month: monthLabel(sheet.month) })],
    [t('subsidy.sheetRules', { version: rules.version, pass: rules.passPercent, payment: t(rules.payment === 'full' ? 'subsidy.payment.full' : 'subsidy.payment.proportional') })],
    [t(sheet.locked ? 'subsidy.sheetState.locked' : 'subsidy.sheetState.open')],
    [t('report.generatedAt', { at: beijingTime(generatedAt) })],
  ];
}

export function subsidyTables(sheet: SubsidySheet, options: { asText?: boolean } = {}): SubsidyTable[] {
  const asText = options.asText === true;
  const cases = sheet.lines.length;
  return [
    {
      part: 'mediators', name: t('subsidy.sheet.mediators'), money: [3],
      rows: [
        [t('subsidy.col.mediator'), t('subsidy.col.committee'), t('subsidy.col.cases'), t('subsidy.col.amount')],
        ...sheet.byMediator.map((p): Cell[] => [p.name === '' ? t('subsidy.noName') : p.name, p.committeeName, p.cases, yuan(p.amount, asText)]),
        [t('subsidy.total'), '', cases, yuan(sheet.total, asText)],
      ],
    },
    {
      part: 'committees', name: t('subsidy.sheet.committees'), money: [3],
      rows: [
        [t('subsidy.col.committee'), t('subsidy.col.cases'), t('subsidy.col.scored'), t('subsidy.col.amount')],
        ...sheet.byCommittee.map((c): Cell[] => [c.name, c.cases, c.scored, yuan(c.amount, asText)]),
        [t('subsidy.total'), cases, cases - sheet.unscored, yuan(sheet.total, asText)],
      ],
    },
    {
      part: 'cases', name: t('subsidy.sheet.cases'), money: [8, 9],
      rows: [
        [t('subsidy.col.caseNo'), t('subsidy.col.acceptedOn'), t('subsidy.col.village'), t('subsidy.col.mediators'), t('subsidy.col.category'),
          t('subsidy.col.difficulty'), t('subsidy.col.score'), t('subsidy.col.scored'), t('subsidy.col.base'), t('subsidy.col.amount')],
        ...sheet.lines.map((l): Cell[] => [
          l.caseNo ?? '', l.acceptedOn, l.villageName, l.mediators.join('、'), categoryByCode(l.categoryCode)?.name ?? l.categoryCode,
          l.score?.difficulty ?? '', l.score ? t('subsidy.scoreOf', { score: l.score.score, max: l.score.maxScore }) : t('subsidy.unscored'),
          l.score?.scoredByName ?? '', yuan(l.base, asText), yuan(l.amount, asText),
        ]),
        [t('subsidy.total'), '', '', '', '', '', '', '', '', yuan(sheet.total, asText)],
      ],
    },
  ];
}

/** One table's CSV twin (UTF-8 with BOM), under the sheet's heading. */
export function subsidyCsv(sheet: SubsidySheet, rules: StoredRules, generatedAt: string, part?: SubsidyPart): string {
  const tables = subsidyTables(sheet, { asText: true }).filter((x) => part === undefined || x.part === part);
  return toCsv([...subsidyHeading(sheet, rules, generatedAt), ...tables.flatMap((x) => [[], [x.name], ...x.rows])]);
}
