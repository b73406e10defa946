// The official 人民调解 statistics report (司法部 2010 layout as counties submit it, domain.md §3
// and §9): three sheets — 调解案件 (dispute categories as rows, the case measures as columns, the
// same measures by 调解主体, the 排查/预防, prevention, source and 满意度 blocks, the notes and
// the form footer), 组织队伍 (the organisation and staffing table) and 分乡镇 (one row per child
// area, exact 元). One model
// (reportSheets) serves the XLSX (server), the CSV twins and the tests, so all print the same cells.

import { categories, statisticsRows } from './categories.ts';
import { caseSources } from './case.ts';
import { courtSources } from './court.ts';
import { t, type MessageKey } from './i18n/index.ts';
import { committeeTypes, type OrgTable } from './network.ts';
import {
  courtTotal, emptyRow, performanceRateOf, type CommitteeTypeRollup, preventionKeys, ratePercent, satisfactionLevels, satisfactionRateOf, successRateOf, type Rollup, type RowCounts,
} from './stats.ts';
import { rowSumNames, statSums, type CountedColumn, type RowSumName } from './fields/stat-sums.ts';
import { BOM, toCsv } from './csv.ts';
import { noScreening, type ScreeningCounts } from './screening.ts';
import { noReferrals, type ReferralCounts } from './referral.ts';

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
  { key: 'performanceRate', label: 'report.col.performanceRate', value: (r) => ratePercent(performanceRateOf(r)), decimals: 2 },
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

/** The form's footer: who made the table and when it was reported (the signed-off month). */
export interface ReportFooter {
  /** 表号: the province's number for the form, as the county set it (server/stats/form-number.ts); '' = not set. */
  formNo?: string;
  /** 制表机关: the area's 司法局 or 司法所. */
  office: string;
  /** 单位负责人: the display name of who signed off the period's latest signed month; null when none is signed. */
  head: string | null;
  /** 填表人: the display name of who exported the report. */
  preparer: string;
  /** 报出日期: the day (Beijing) that month was signed off. */
  reportedOn: string | null;
  /** The signed month the footer is taken from (YYYY-MM). */
  signedMonth: string | null;
}

export interface ReportMeta {
  areaName: string;
  areaCode: string;
  /** Inclusive dates as printed. */
  from: string;
  toInclusive: string;
  /** An instant (ISO); printed in Beijing time, in Chinese. */
  generatedAt: string;
  footer?: ReportFooter;
  /** 排查 rounds, findings and 预防纠纷 of the area and period (server/screening/counts.ts); absent = none recorded. */
  screening?: ScreeningCounts;
  /** 移交 in and out (server/referrals/counts.ts); absent = none recorded. */
  referrals?: ReferralCounts;
  /** The same cases by 调解主体 (server/stats/summary.ts), each once; absent = not split (no 按调解主体 block). */
  byCommitteeType?: readonly CommitteeTypeRollup[];
}

/** One child area's roll-up for the 分乡镇 sheet. */
export interface ChildRollup {
  code: string;
  name: string;
  rollup: Rollup;
}

const cellOf = (c: ReportColumn, row: RowCounts, asText: boolean): Cell => {
  const value = c.value(row);
  return asText && value !== null && c.decimals !== undefined ? value.toFixed(c.decimals) : value;
};

/** The later splits the form prints as "其中" lines under their row (拖欠农民工工资纠纷). */
export const reportedSplits = categories.filter((c) => c.reportedAsSplit === true);

/**
 * Header + one line per official row (every row, zeros included, each reported split as a
 * "其中" line under its row) + 合计. Numbers for a spreadsheet; `asText` prints the fixed decimals
 * a CSV cannot format (93.60, not 93.6).
 */
export function caseTable(r: Rollup, options: { asText?: boolean } = {}): Cell[][] {
  const asText = options.asText === true;
  const line = (label: string, row: RowCounts): Cell[] => [label, ...reportColumns.map((c) => cellOf(c, row, asText))];
  const header: Cell[] = [t('report.col.category'), ...reportColumns.map((c) => t(c.label))];
  const lines = statisticsRows.flatMap((row): Cell[][] => [
    line(row.name, r.byRow[row.code] ?? emptyRow()),
    ...reportedSplits.filter((s) => s.row === row.code).map((s) => line(t('report.ofWhich', { name: s.name }), r.bySplit[s.code] ?? emptyRow())),
  ]);
  return [header, ...lines, line(t('report.total'), r)];
}

/**
 * 按调解主体: the case table's measures for each committee type (every type, zeros included) and,
 * when there are any, the figures another county sent without a type as their own row; 合计 is
 * the sheet's total, which the rows add up to because each case is counted under one type only.
 */
export function committeeTypeTable(byType: readonly CommitteeTypeRollup[], total: Rollup, options: { asText?: boolean } = {}): Cell[][] {
  const asText = options.asText === true;
  const line = (label: string, row: RowCounts): Cell[] => [label, ...reportColumns.map((c) => cellOf(c, row, asText))];
  const of = (type: string) => byType.find((r) => r.type === type)?.rollup;
  const unknown = of('');
  return [
    [t('stats.committeeType'), ...reportColumns.map((c) => t(c.label))],
    ...committeeTypes.map((type) => line(type, of(type) ?? emptyRow())),
    ...(unknown ? [line(t('stats.committeeType.unknown'), unknown)] : []),
    line(t('report.total'), total),
  ];
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

/**
 * 矛盾纠纷排查 and 预防纠纷, from the 排查 records (排查 is its own record, not a case; domain.md
 * §3.2): rounds held, disputes found, and those 已化解 on the spot — the 预防纠纷 line.
 */
export function screeningTable(counts: ScreeningCounts = noScreening()): Cell[][] {
  return [
    [t('report.screening'), t('report.org.count')],
    [t('report.screening.rounds'), counts.rounds],
    [t('report.screening.found'), counts.found],
    [t('report.screening.prevented'), counts.prevented],
  ];
}

/** 移交: sent up by the area's committees, accepted, returned and waiting at them; the rule beneath. */
export function referralTable(counts: ReferralCounts = noReferrals()): Cell[][] {
  return [
    [t('report.referral'), t('report.org.count')],
    [t('stats.referral.out'), counts.out],
    [t('stats.referral.in'), counts.in],
    [t('report.referral.returned'), counts.returned],
    [t('report.referral.waiting'), counts.waiting],
  ];
}

export function sourceTable(r: Rollup): Cell[][] {
  return [[t('report.source'), t('report.col.cases')], ...caseSources.map((s): Cell[] => [s, r.bySource[s] ?? 0])];
}

/**
 * 诉调对接: the cases courts delegated (委派, before filing) or entrusted (委托, after filing), by how
 * they ended; 调解不成 ones went back to the court with a 调解终结说明.
 */
export function courtTable(r: Rollup): Cell[][] {
  const line = (label: string, c: ReturnType<typeof courtTotal>): Cell[] => [label, c.accepted, c.succeeded, c.failed, c.open];
  return [
    [t('report.court'), t('report.court.received'), t('report.court.succeeded'), t('report.court.returned'), t('report.court.open')],
    ...courtSources.map((s) => line(t(`source.${s}`), r.court[s])),
    // Its own name: a reader (and a county's macro) finds the sheet's 合计 by its first cell.
    line(t('report.court.total'), courtTotal(r)),
  ];
}

/** 群众满意度 from the latest 回访 of each case; 满意率 leaves 未记载 out of the denominator. */
export function satisfactionTable(r: Rollup, options: { asText?: boolean } = {}): Cell[][] {
  const rate = ratePercent(satisfactionRateOf(r.satisfaction));
  return [
    [t('report.satisfaction'), t('report.col.cases')],
    ...satisfactionLevels.map((level): Cell[] => [level, r.satisfaction[level]]),
    [t('report.satisfaction.rate'), options.asText && rate !== null ? rate.toFixed(2) : rate],
  ];
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
    [t('report.org.minority'), o.minority],
    [t('report.org.members'), o.members],
    [t('report.org.appointed'), o.mediators - o.members],
    [t('report.org.college'), o.college],
    [t('report.org.educationUnknown'), o.educationUnknown],
    [t('report.org.trainings'), o.trainings],
    [t('report.org.trainingHours'), o.trainingHours],
    // 万元 to two places, as the form prints money (exact: the 分 divided once).
    [t('report.org.funding'), Math.round(o.fundingCents / 10_000) / 100],
    [t('report.org.subsidy'), Math.round(o.subsidyCents / 10_000) / 100],
    [t('report.org.legalPersons'), o.legalPersons],
    [t('report.org.households'), o.households],
  ];
}

/** 专职/兼职 by the level of the committee the mediator serves on. */
export function staffingByLevel(o: OrgTable): Cell[][] {
  const total = { mediators: 0, fullTime: 0 };
  const lines = committeeTypes.map((type): Cell[] => {
    total.mediators += o.mediatorsByType[type];
    total.fullTime += o.fullTimeByType[type];
    return [type, o.mediatorsByType[type], o.fullTimeByType[type], o.mediatorsByType[type] - o.fullTimeByType[type]];
  });
  return [
    [t('report.org.level'), t('report.org.mediatorsCol'), t('report.org.fullTimeCol'), t('report.org.partTimeCol')],
    ...lines,
    [t('report.total'), total.mediators, total.fullTime, total.mediators - total.fullTime],
  ];
}

/** The by-area sheet's measures: exact 元 (two decimals), where the case sheet has 万元. */
const childColumns: readonly ReportColumn[] = [
  ...countedColumns.filter((c) => c.key !== 'performanceRate'),
  { key: 'amountYuan', label: 'report.col.amountYuan', value: (r) => r.amountYuan, decimals: 2 },
  { key: 'difficult', label: 'report.col.difficult', value: (r) => r.difficult },
  { key: 'partiesInvolved', label: 'report.col.partiesInvolved', value: (r) => r.partiesInvolved },
];

/** One row per child area (every one, zeros included) + 合计 = the area's own total. */
export function childTable(children: readonly ChildRollup[], total: Rollup, options: { asText?: boolean } = {}): Cell[][] {
  const asText = options.asText === true;
  const satisfaction = (r: Rollup): Cell => {
    const rate = ratePercent(satisfactionRateOf(r.satisfaction));
    return asText && rate !== null ? rate.toFixed(2) : rate;
  };
  const line = (name: string, code: string, r: Rollup): Cell[] => [name, code, ...childColumns.map((c) => cellOf(c, r, asText)), satisfaction(r)];
  return [
    [t('report.col.area'), t('report.col.areaCode'), ...childColumns.map((c) => t(c.label)), t('report.satisfaction.rate')],
    ...children.map((c) => line(c.name, c.code, c.rollup)),
    line(t('report.total'), '', total),
  ];
}

export const childColumnDecimals = (): (number | undefined)[] => [undefined, undefined, ...childColumns.map((c) => c.decimals), 2];

export function reportTitle(meta: ReportMeta): Cell[][] {
  return [
    [t('report.title')],
    [t('report.subtitle', { area: meta.areaName, code: meta.areaCode, from: meta.from, to: meta.toInclusive })],
  ];
}

export const reportNotes = (): Cell[][] => [[t('report.note.rate')], [t('report.note.satisfaction')], [t('report.screening.fromRecords')], [t('stats.referral.rule')]];

const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** "2026年12月7日 10:28（北京时间）"; a value that is not an instant is printed as given. */
export function beijingTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : t('report.beijingTime', { at: beijing.format(at) });
}

const longDate = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });

/** The form's footer lines: 表号, 制表机关, 单位负责人, 填表人, 报出日期, then 生成时间. */
export function reportFooter(meta: ReportMeta): Cell[][] {
  const f = meta.footer;
  const none = t('report.footer.notSigned');
  return [
    [t('report.footer.formNo', { formNo: f?.formNo ?? '' }), t('report.footer.office', { office: f?.office ?? meta.areaName })],
    [t('report.footer.head', { name: f?.head ?? none }), t('report.footer.preparer', { name: f?.preparer ?? '' })],
    [t('report.footer.reportedOn', { date: f?.reportedOn ? longDate.format(new Date(`${f.reportedOn}T00:00:00Z`)) : none })],
    [t('report.generatedAt', { at: beijingTime(meta.generatedAt) })],
  ];
}

/** A block of a sheet: a bordered table (its first row the header, its 合计 row bold) or plain lines. */
export interface SheetBlock {
  rows: Cell[][];
  table: boolean;
  /** Per column, the decimals numbers print with (a table's numeric columns). */
  decimals?: readonly (number | undefined)[];
  /** Repeated at the top of every printed page (the main table's header). */
  printTitle?: boolean;
}

export const reportSheetKeys = ['cases', 'org', 'areas'] as const;
export type ReportSheetKey = (typeof reportSheetKeys)[number];

export interface ReportSheet {
  key: ReportSheetKey;
  name: string;
  blocks: SheetBlock[];
}

const childSheetNames: Record<number, MessageKey> = { 0: 'report.sheet.provinces', 2: 'report.sheet.counties', 4: 'report.sheet.counties', 6: 'report.sheet.towns', 9: 'report.sheet.villages' };

/** The whole report: every sheet, every block, in print order. `asText` for the CSV twins. */
export function reportSheets(meta: ReportMeta, r: Rollup, org: OrgTable, children: readonly ChildRollup[], options: { asText?: boolean } = {}): ReportSheet[] {
  const title: SheetBlock = { rows: reportTitle(meta), table: false };
  const footer: SheetBlock = { rows: reportFooter(meta), table: false };
  return [
    {
      key: 'cases', name: t('report.sheet.cases'), blocks: [
        title,
        { rows: caseTable(r, options), table: true, decimals: [undefined, ...reportColumns.map((c) => c.decimals)], printTitle: true },
        ...(meta.byCommitteeType ? [{ rows: committeeTypeTable(meta.byCommitteeType, r, options), table: true, decimals: [undefined, ...reportColumns.map((c) => c.decimals)] }] : []),
        { rows: screeningTable(meta.screening), table: true },
        { rows: referralTable(meta.referrals), table: true },
        { rows: preventionTable(r), table: true },
        { rows: sourceTable(r), table: true },
        { rows: courtTable(r), table: true },
        { rows: satisfactionTable(r, options), table: true, decimals: [undefined, 0] },
        { rows: reportNotes(), table: false },
        footer,
      ],
    },
    {
      key: 'org', name: t('report.sheet.org'), blocks: [
        title,
        { rows: orgTableCells(org), table: true, printTitle: true },
        { rows: staffingByLevel(org), table: true },
        { rows: [[t('report.note.org')]], table: false },
        footer,
      ],
    },
    {
      key: 'areas', name: t(childSheetNames[meta.areaCode.length] ?? 'report.sheet.towns'), blocks: [
        title,
        { rows: childTable(children, r, options), table: true, decimals: childColumnDecimals(), printTitle: true },
        footer,
      ],
    },
  ];
}

const sheetRows = (sheet: ReportSheet): Cell[][] => sheet.blocks.flatMap((b, i) => (i === 0 ? b.rows : [[], ...b.rows]));

/** One sheet as CSV (UTF-8 with BOM, so Excel shows Chinese): the CSV twin of that sheet. */
export function sheetCsv(sheet: ReportSheet): string {
  return toCsv(sheetRows(sheet));
}

/** The whole report as one CSV: the XLSX's sheets one after another, each under its name. */
export function reportCsv(meta: ReportMeta, r: Rollup, org: OrgTable, children: readonly ChildRollup[] = []): string {
  const sheets = reportSheets(meta, r, org, children, { asText: true });
  return toCsv(sheets.flatMap((s, i) => [...(i === 0 ? [] : [[], [s.name]]), ...sheetRows(s)]));
}

export { BOM };
