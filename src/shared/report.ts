// The official 人民调解 statistics table (司法部 2010 layout as counties submit it, domain.md §3):
// dispute categories as rows, the case measures as columns, the prevention block below, and the
// organisation and staffing table on its own sheet. One layout serves the XLSX (server), the CSV
// and the dashboard, so all three print the same cells.

import { statisticsRows } from './categories.ts';
import { t, type MessageKey } from './i18n/index.ts';
import { committeeTypes, type OrgTable } from './network.ts';
import { emptyRow, preventionKeys, ratePercent, successRateOf, type Rollup, type RowCounts } from './stats.ts';
import { rowSumNames, statSums, type CountedColumn, type RowSumName } from './fields/stat-sums.ts';
import { toCsv } from './csv.ts';

export type Cell = string | number | null;

export interface ReportColumn {
  key: CountedColumn | RowSumName;
  label: MessageKey;
  value: (row: RowCounts) => number | null;
  /** Printed with this many decimals (93.60, 165.86); counts are whole numbers. */
  decimals?: number;
}

/** The measures counted from a group's attributes, in the table's order. */
const countedColumns: readonly ReportColumn[] = [
  { key: 'accepted', label: 'report.col.accepted', value: (r) => r.accepted },
  { key: 'succeeded', label: 'report.col.succeeded', value: (r) => r.succeeded },
  { key: 'rate', label: 'report.col.rate', value: (r) => ratePercent(successRateOf(r)), decimals: 2 },
  { key: 'failed', label: 'report.col.failed', value: (r) => r.failed },
  { key: 'open', label: 'report.col.open', value: (r) => r.open },
  { key: 'oral', label: 'report.col.oral', value: (r) => r.oral },
  { key: 'written', label: 'report.col.written', value: (r) => r.written },
  { key: 'performed', label: 'report.col.performed', value: (r) => r.performed },
  { key: 'confirmed', label: 'report.col.confirmed', value: (r) => r.confirmed },
];

/** The case table's columns: the counted ones, each summed measure placed after the column it names. */
export const reportColumns: readonly ReportColumn[] = (() => {
  const out = [...countedColumns];
  const pending = [...rowSumNames];
  while (pending.length > 0) {
    const i = pending.findIndex((s) => out.some((c) => c.key === statSums[s].report.after));
    if (i < 0) throw new Error(`report columns: nothing to place ${pending.join(', ')} after`);
    const [name] = pending.splice(i, 1) as [RowSumName];
    const spec: { label: MessageKey; after: string; decimals?: number; show?: (n: number) => number } = statSums[name].report;
    const show = spec.show ?? ((n: number) => n);
    out.splice(out.findIndex((c) => c.key === spec.after) + 1, 0, {
      key: name, label: spec.label, value: (r) => show(r[name]), ...(spec.decimals !== undefined ? { decimals: spec.decimals } : {}),
    });
  }
  return out;
})();

export interface ReportMeta {
  areaName: string;
  areaCode: string;
  /** Inclusive dates as printed. */
  from: string;
  toInclusive: string;
  generatedAt: string;
}


/**
 * Header + one line per official row (every row, zeros included) + 合计. Numbers for a
 * spreadsheet; `asText` prints the fixed decimals a CSV cannot format (93.60, not 93.6).
 */
export function caseTable(r: Rollup, options: { asText?: boolean } = {}): Cell[][] {
  const cell = (c: ReportColumn, row: RowCounts): Cell => {
    const value = c.value(row);
    return options.asText && value !== null && c.decimals !== undefined ? value.toFixed(c.decimals) : value;
  };
  const header: Cell[] = [t('report.col.category'), ...reportColumns.map((c) => t(c.label))];
  const lines = statisticsRows.map((row): Cell[] => [row.name, ...reportColumns.map((c) => cell(c, r.byRow[row.code] ?? emptyRow()))]);
  return [header, ...lines, [t('report.total'), ...reportColumns.map((c) => cell(c, r))]];
}

const preventionLabels: Record<(typeof preventionKeys)[number], MessageKey> = {
  suicide: 'flags.suicide', criminal: 'flags.criminal', groupPetition: 'flags.groupPetition', groupFight: 'flags.groupFight',
};

export function preventionTable(r: Rollup): Cell[][] {
  return [
    [t('report.prevention'), t('report.col.cases'), t('report.col.persons')],
    ...preventionKeys.map((key): Cell[] => [t(preventionLabels[key]), r.prevention[key].cases, r.prevention[key].persons]),
  ];
}

export function sourceTable(r: Rollup): Cell[][] {
  const sources = ['申请', '主动调解', '法院移送', '公安移送', '信访移送', '其他移送'] as const;
  return [[t('report.source'), t('report.col.cases')], ...sources.map((s): Cell[] => [s, r.bySource[s] ?? 0])];
}

export function orgTableCells(o: OrgTable): Cell[][] {
  return [
    [t('report.org.item'), t('report.org.count')],
    [t('report.org.committees'), o.committeesTotal],
    ...committeeTypes.map((type): Cell[] => [t('report.org.ofType', { type }), o.committees[type]]),
    [t('report.org.mediators'), o.mediators],
    [t('report.org.fullTime'), o.fullTime],
    [t('report.org.partTime'), o.mediators - o.fullTime],
    [t('report.org.women'), o.women],
    [t('report.org.legalPersons'), o.legalPersons],
    [t('report.org.households'), o.households],
  ];
}

export function reportTitle(meta: ReportMeta): Cell[][] {
  return [
    [t('report.title')],
    [t('report.subtitle', { area: meta.areaName, code: meta.areaCode, from: meta.from, to: meta.toInclusive })],
  ];
}

export const reportNotes = (): Cell[][] => [[t('report.note.rate')]];

/** The whole report as one CSV (UTF-8 with BOM, so Excel shows Chinese): the XLSX's sheets one after another. */
export function reportCsv(meta: ReportMeta, r: Rollup, org: OrgTable): string {
  const blank: Cell[] = [];
  return toCsv([
    ...reportTitle(meta), blank, ...caseTable(r, { asText: true }), blank, ...preventionTable(r), blank, ...sourceTable(r), blank,
    [t('report.sheet.org')], ...orgTableCells(org), blank, ...reportNotes(), [t('report.generatedAt', { at: meta.generatedAt })],
  ]);
}
