// 调解员考核: one line per mediator in office for a year — training hours against the county's
// requirement (subsidy rules), the cases they handled (named among the case's mediators, in their
// committee's village), how many succeeded, the 回访 due in the year and done on time (by the date
// reminders.ts asks for), and the average 卷宗 score. Shared by the server, the desk and the export.
import { t } from './i18n/index.ts';
import type { Cell } from './report.ts';
import type { Training } from './network.ts';
import { toCsv } from './csv.ts';

export interface AppraisalRow {
  mediatorId: string;
  name: string;
  committeeId: string;
  committeeName: string;
  townCode: string;
  townName: string;
  trainings: number;
  trainingHours: number;
  requiredHours: number;
  cases: number;
  succeeded: number;
  /** 成功 ÷ ended (成功 + 不成), percent; null with nothing ended. */
  successRate: number | null;
  visitsDue: number;
  visitsOnTime: number;
  /** Average 卷宗 score as a percent of full marks; null with no file scored. */
  averageScore: number | null;
  scoredFiles: number;
}

export interface AppraisalTable {
  year: number;
  area: { code: string; name: string };
  requiredHours: number;
  towns: { code: string; name: string }[];
  rows: AppraisalRow[];
}

export interface AppraisalCase {
  id: string;
  caseNo: string | null;
  acceptedOn: string;
  status: string;
  outcome: string | null;
  visitDue: string | null;
  visitedOn: string | null;
  score: { score: number; maxScore: number } | null;
}

export interface AppraisalPage {
  year: number;
  row: AppraisalRow;
  trainings: Training[];
  cases: AppraisalCase[];
}

export const appraisalColumns = ['name', 'committee', 'hours', 'cases', 'succeeded', 'rate', 'visitsOnTime', 'score'] as const;
export type AppraisalColumn = (typeof appraisalColumns)[number];

/** The value a column sorts by (nulls last). */
export function sortValue(r: AppraisalRow, column: AppraisalColumn): string | number | null {
  switch (column) {
    case 'name':
      return r.name;
    case 'committee':
      return r.committeeName;
    case 'hours':
      return r.trainingHours;
    case 'cases':
      return r.cases;
    case 'succeeded':
      return r.succeeded;
    case 'rate':
      return r.successRate;
    case 'visitsOnTime':
      return r.visitsDue === 0 ? null : r.visitsOnTime / r.visitsDue;
    case 'score':
      return r.averageScore;
  }
}

export function sortRows(rows: readonly AppraisalRow[], column: AppraisalColumn, dir: 'asc' | 'desc'): AppraisalRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (typeof x === 'string' ? x.localeCompare(String(y), 'zh-CN') : x - Number(y));
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function appraisalCells(table: AppraisalTable, options: { asText?: boolean } = {}): Cell[][] {
  const num = (n: number | null): Cell => (n === null ? t('appraisal.na') : options.asText ? round2(n).toFixed(2) : round2(n));
  return [
    [t('appraisal.col.name'), t('appraisal.town'), t('appraisal.col.committee'), t('appraisal.col.hours'), t('appraisal.col.required'), t('appraisal.col.cases'),
      t('appraisal.col.succeeded'), t('appraisal.col.rate'), t('appraisal.col.visits'), t('appraisal.col.visitsOnTime'), t('appraisal.col.score')],
    ...table.rows.map((r): Cell[] => [
      r.name, r.townName, r.committeeName, r.trainingHours, r.requiredHours, r.cases, r.succeeded, num(r.successRate), r.visitsDue, r.visitsOnTime, num(r.averageScore),
    ]),
  ];
}

export function appraisalHeading(table: AppraisalTable): Cell[][] {
  return [[t('appraisal.sheetTitle', { area: table.area.name, year: String(table.year) })]];
}

export function appraisalCsv(table: AppraisalTable, generated: Cell[]): string {
  return toCsv([...appraisalHeading(table), generated, [], ...appraisalCells(table, { asText: true })]);
}
