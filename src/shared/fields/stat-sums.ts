// The statistics' summed measures, each declared once: the per-case column the server keeps on
// `cases` (derived from the record, as the device derives it), how a group sums it, the
// `stat_cells` column that holds the sum, which cases add it, and where it is shown. Everything
// that adds up a case — the device's groups of one, the SQL GROUP BY, the cells refresh, the
// report's columns — walks these two tables in their one order, by name (stats.ts, server/stats).
// Which case field feeds which sum is said in case-fields.ts; a field with a sum is month-locked.

import type { CaseRecord } from '../case.ts';
import type { MessageKey } from '../i18n/index.ts';

export type SqlNumber = 'integer' | 'double precision';

export interface CaseColumnSpec {
  /** The column's value for a record: the device adds exactly this, the server stores it. */
  of: (r: CaseRecord) => number;
  type: SqlNumber;
}

/** Numeric columns of `cases` kept for the statistics (server/sync/records.ts writes them). */
export const caseColumns = {
  is_difficult: { of: (r) => (r.isDifficult ? 1 : 0), type: 'integer' },
  parties_involved: { of: (r) => r.partiesInvolved ?? 0, type: 'integer' },
  amount_yuan: { of: (r) => r.agreement?.amountYuan ?? 0, type: 'double precision' },
  prev_suicide: { of: (r) => r.prevention.suicide, type: 'integer' },
  prev_criminal: { of: (r) => r.prevention.criminal, type: 'integer' },
  prev_group_petition: { of: (r) => r.prevention.groupPetition, type: 'integer' },
  prev_group_fight: { of: (r) => r.prevention.groupFight, type: 'integer' },
} as const satisfies Record<string, CaseColumnSpec>;
export type CaseColumn = keyof typeof caseColumns;
export const caseColumnNames = Object.keys(caseColumns) as CaseColumn[];

export const preventionKeys = ['suicide', 'criminal', 'groupPetition', 'groupFight'] as const;
export type PreventionKey = (typeof preventionKeys)[number];

/** The report's case measures that are not sums of a column (counted from a group's attributes). */
export type CountedColumn = 'accepted' | 'succeeded' | 'rate' | 'failed' | 'open' | 'oral' | 'written' | 'performed' | 'confirmed' | 'performanceRate';

export interface SumSpec {
  column: CaseColumn;
  /** `value`: the column summed; `positive`: the cases whose column is above 0. */
  how: 'value' | 'positive';
  /** The stat_cells column of the sum (unique). */
  cell: string;
  /** Added for every 受理 case of a group, or only when the group's mediation succeeded. */
  counted: 'accepted' | 'succeeded';
  /** A column of the official table, per row (RowCounts), printed after `after`. */
  report?: { label: MessageKey; after: CountedColumn | SumName; decimals?: number; show?: (sum: number) => number };
  /** A line of the prevention block (Rollup.prevention, the total); per category it is a report column. */
  prevention?: { key: PreventionKey; part: 'cases' | 'persons' };
}

/** 协议涉及金额 in 万元, two decimals, as the reports print it. */
export const toWanYuan = (yuan: number): number => Math.round(yuan / 100) / 100;

// Explicitly typed names so `after` can refer to another sum without a circular inference.
export type SumName =
  | 'difficult' | 'amountYuan' | 'suicideCases' | 'suicidePersons' | 'criminalCases' | 'criminalPersons' | 'petitionCases' | 'petitionPersons'
  | 'fightCases' | 'fightPersons' | 'partiesInvolved';

/** Every sum, in the one order of the SQL select lists and the cells' columns. */
export const statSums = {
  difficult: { column: 'is_difficult', how: 'value', cell: 'difficult', counted: 'accepted', report: { label: 'report.col.difficult', after: 'confirmed' } },
  amountYuan: {
    column: 'amount_yuan', how: 'value', cell: 'amount_yuan', counted: 'succeeded',
    report: { label: 'report.col.amount', after: 'written', decimals: 2, show: toWanYuan },
  },
  suicideCases: { column: 'prev_suicide', how: 'positive', cell: 'suicide_cases', counted: 'accepted', report: { label: 'report.col.suicideCases', after: 'partiesInvolved' }, prevention: { key: 'suicide', part: 'cases' } },
  suicidePersons: { column: 'prev_suicide', how: 'value', cell: 'suicide_persons', counted: 'accepted', report: { label: 'report.col.suicidePersons', after: 'suicideCases' }, prevention: { key: 'suicide', part: 'persons' } },
  criminalCases: { column: 'prev_criminal', how: 'positive', cell: 'criminal_cases', counted: 'accepted', report: { label: 'report.col.criminalCases', after: 'suicidePersons' }, prevention: { key: 'criminal', part: 'cases' } },
  criminalPersons: { column: 'prev_criminal', how: 'value', cell: 'criminal_persons', counted: 'accepted', report: { label: 'report.col.criminalPersons', after: 'criminalCases' }, prevention: { key: 'criminal', part: 'persons' } },
  petitionCases: { column: 'prev_group_petition', how: 'positive', cell: 'petition_cases', counted: 'accepted', report: { label: 'report.col.petitionCases', after: 'criminalPersons' }, prevention: { key: 'groupPetition', part: 'cases' } },
  petitionPersons: { column: 'prev_group_petition', how: 'value', cell: 'petition_persons', counted: 'accepted', report: { label: 'report.col.petitionPersons', after: 'petitionCases' }, prevention: { key: 'groupPetition', part: 'persons' } },
  fightCases: { column: 'prev_group_fight', how: 'positive', cell: 'fight_cases', counted: 'accepted', report: { label: 'report.col.fightCases', after: 'petitionPersons' }, prevention: { key: 'groupFight', part: 'cases' } },
  fightPersons: { column: 'prev_group_fight', how: 'value', cell: 'fight_persons', counted: 'accepted', report: { label: 'report.col.fightPersons', after: 'fightCases' }, prevention: { key: 'groupFight', part: 'persons' } },
  partiesInvolved: {
    column: 'parties_involved', how: 'value', cell: 'parties_involved', counted: 'accepted', report: { label: 'report.col.partiesInvolved', after: 'difficult' },
  },
} as const satisfies Record<SumName, SumSpec>;

export const sumNames = Object.keys(statSums) as SumName[];
export type Sums = Record<SumName, number>;
export type CellColumn = (typeof statSums)[SumName]['cell'];
type ReportedSum = { [K in SumName]: (typeof statSums)[K] extends { report: object } ? K : never }[SumName];
/** The sums kept per row of the official table. */
export type RowSumName = ReportedSum;
export const rowSumNames = sumNames.filter((s): s is RowSumName => 'report' in statSums[s]);

export const noSums = (): Sums => Object.fromEntries(sumNames.map((s) => [s, 0])) as Sums;

/** One case's contribution to each sum (a group of one). */
export function sumsOf(r: CaseRecord): Sums {
  const values = Object.fromEntries(caseColumnNames.map((c) => [c, caseColumns[c].of(r)])) as Record<CaseColumn, number>;
  return Object.fromEntries(sumNames.map((s) => {
    const spec: SumSpec = statSums[s];
    const value = values[spec.column];
    return [s, spec.how === 'value' ? value : value > 0 ? 1 : 0];
  })) as Sums;
}
