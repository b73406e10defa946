// The statistics roll-up, one pure function used by the device (over its local cases) and the
// server (over SQL aggregates), so both give the same numbers for the same cases (domain.md §3–§4).
// The unit it adds up is a *group*: cases that share every attribute a measure looks at, with
// their count and sums. A device case is a group of one (toGroup); the server's SQL returns
// GROUP BY rows of the same shape (server/stats/sql.ts). Which cases count as 受理, 成功, 不成 and
// 未结 is decided here only, never in SQL. 调解成功率 is kept as numerator and denominator and only
// formatted for display.

import type { AgreementForm, CaseRecord, CaseSource, ConfirmationResult, PerformanceStatus } from './case.ts';
import { categoryByCode, statisticsRowOf } from './categories.ts';
import { caseStatuses, isOpen, type CaseOutcome, type CaseStatus } from './lifecycle.ts';
import { courtSources, isCourtSource, type CourtSource } from './court.ts';
import { caseColumns, rowSumNames, statSums, sumNames, sumsOf, type PreventionKey, type RowSumName, type SumSpec, type Sums } from './fields/stat-sums.ts';

export { preventionKeys, toWanYuan, type PreventionKey } from './fields/stat-sums.ts';

/** The fields of a case the statistics need; a server SQL row has exactly these. */
export type StatCase = Pick<CaseRecord, 'categoryCode' | 'acceptedOn' | 'status' | 'outcome' | 'source'> & {
  voided: boolean;
  agreementForm: AgreementForm | null;
  /** 履行: the latest 回访's finding. Absent where it is not known (the device's own list). */
  performance?: PerformanceStatus | null;
  /** 群众满意度: the latest 回访's answer. Absent where it is not known (the device's own list). */
  satisfaction?: Satisfaction | null;
  /** 司法确认: the court's answer, null when never applied for. */
  confirmation: ConfirmationResult | null;
  /** The case's contribution to every summed measure (fields/stat-sums.ts). */
  sums: Sums;
};

export interface Prevented {
  cases: number;
  persons: number;
}

/** Cases alike in everything the measures look at, counted and summed. */
export interface StatGroup {
  categoryCode: string;
  status: CaseStatus;
  outcome: CaseOutcome;
  source: CaseSource;
  voided: boolean;
  agreementForm: AgreementForm | null;
  performance: PerformanceStatus | null;
  /** The latest 回访's 满意程度, null for a case never visited. */
  satisfaction: Satisfaction | null;
  confirmation: ConfirmationResult | null;
  /** Only when the period is applied here (device); the server filters the period in SQL. */
  acceptedOn?: string;
  n: number;
  /** Each summed measure over the n cases, by name (fields/stat-sums.ts). */
  sums: Sums;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface Counts {
  /** 受理: accepted in the period (不予受理 and 作废 excluded). */
  accepted: number;
  succeeded: number;
  failed: number;
  open: number;
}

/**
 * One row of the official table (a category, or the total): the case measures. The summed ones
 * (疑难复杂, 协议涉及金额 in 元 — reports show 万元 — …) are the sums with a report column.
 */
export interface RowCounts extends Counts, Record<RowSumName, number> {
  oral: number;
  written: number;
  /** 协议履行: successful cases whose latest 回访 found the agreement 已履行. */
  performed: number;
  /** 司法确认: successful cases whose agreement the court confirmed valid (确认有效). */
  confirmed: number;
}

/** The 回访 answers (events.ts VisitData.satisfaction), in the form's order. */
export const satisfactionLevels = ['满意', '基本满意', '不满意', '未记载'] as const;
export type Satisfaction = (typeof satisfactionLevels)[number];

export interface Rollup extends RowCounts {
  successRate: Ratio;
  byRow: Record<string, RowCounts>;
  /** The later splits of an official row (拖欠农民工工资纠纷 under 劳动争议), by their own code: the report's "其中" lines. */
  bySplit: Record<string, RowCounts>;
  /** Successful 受理 cases by their latest 回访's 满意程度 (cases never visited are not counted). */
  satisfaction: Record<Satisfaction, number>;
  bySource: Partial<Record<CaseSource, number>>;
  /**
   * 诉调对接: the 受理 cases a court delegated (委派) or entrusted (委托), by how they ended. A
   * 调解不成 one goes back to the court (调解终结说明): `failed` is the 退回法院 figure.
   */
  court: Record<CourtSource, Counts>;
  prevention: Record<PreventionKey, Prevented>;
}

/** One 调解主体's roll-up (issue #14): type is a committee type, or '' for another county's cells that do not say. */
export interface CommitteeTypeRollup {
  type: string;
  rollup: Rollup;
}

export interface Period {
  from: string;
  /** Exclusive end date. */
  to: string;
}

export function toStatCase(record: CaseRecord): StatCase {
  return {
    categoryCode: record.categoryCode, acceptedOn: record.acceptedOn, status: record.status, outcome: record.outcome,
    source: record.source, voided: record.voided !== null, agreementForm: record.agreement?.form ?? null,
    confirmation: record.judicialConfirmation?.result ?? null, sums: sumsOf(record),
  };
}

const prevented = (): Prevented => ({ cases: 0, persons: 0 });
export const noPrevented = (): Record<PreventionKey, Prevented> => ({
  suicide: prevented(), criminal: prevented(), groupPetition: prevented(), groupFight: prevented(),
});

/** A single case as a group of one. */
export function toGroup(c: StatCase): StatGroup {
  return {
    categoryCode: c.categoryCode, status: c.status, outcome: c.outcome, source: c.source, voided: c.voided,
    agreementForm: c.agreementForm, performance: c.performance ?? null, satisfaction: c.satisfaction ?? null, confirmation: c.confirmation, acceptedOn: c.acceptedOn, n: 1,
    sums: { ...c.sums },
  };
}

/** 受理 = registered and neither 不予受理 (also once archived) nor 作废; with a period, accepted inside it. */
export function countsAccepted(c: Pick<StatGroup, 'voided' | 'status' | 'outcome' | 'acceptedOn'>, period?: Period): boolean {
  if (c.voided || c.status === 'rejected' || c.outcome === 'rejected') return false;
  if (!period || c.acceptedOn === undefined) return true;
  return c.acceptedOn >= period.from && c.acceptedOn < period.to;
}

/** The statuses counted 未结 when there is no outcome (for SQL that must agree with outcomeClass). */
export const openStatuses: readonly CaseStatus[] = caseStatuses.filter(isOpen);

/** How a 受理 case counts: exactly one of 成功, 不成, 未结 — or none (closed without outcome). */
export function outcomeClass(c: Pick<StatGroup, 'status' | 'outcome'>): 'succeeded' | 'failed' | 'open' | null {
  if (c.outcome === 'success') return 'succeeded';
  if (c.outcome === 'failure') return 'failed';
  return isOpen(c.status) ? 'open' : null;
}

const zeroRow: Readonly<RowCounts> = Object.freeze({
  accepted: 0, succeeded: 0, failed: 0, open: 0, oral: 0, written: 0, performed: 0, confirmed: 0,
  ...(Object.fromEntries(rowSumNames.map((s) => [s, 0])) as Record<RowSumName, number>),
});
/**
 * A row of zeros, copied from one made once: built afresh with Object.fromEntries it cost ~8 µs,
 * and a county's live roll-up by village makes thousands (a 200 ms event-loop stall, issue #13).
 */
export const emptyRow = (): RowCounts => ({ ...zeroRow });

export const noSatisfaction = (): Record<Satisfaction, number> => ({ 满意: 0, 基本满意: 0, 不满意: 0, 未记载: 0 });

const emptyCounts = (): Counts => ({ accepted: 0, succeeded: 0, failed: 0, open: 0 });
export const noCourt = (): Record<CourtSource, Counts> =>
  Object.fromEntries(courtSources.map((s) => [s, emptyCounts()])) as Record<CourtSource, Counts>;

/** Both court sources added up: 受理, 成功, 退回法院 (failed), 未结. */
export function courtTotal(r: Pick<Rollup, 'court'>): Counts {
  const total = emptyCounts();
  for (const s of courtSources) for (const k of ['accepted', 'succeeded', 'failed', 'open'] as const) total[k] += r.court[s][k];
  return total;
}

export function emptyRollup(): Rollup {
  return {
    ...emptyRow(), successRate: { numerator: 0, denominator: 0 }, byRow: {}, bySplit: {}, bySource: {}, court: noCourt(), prevention: noPrevented(),
    satisfaction: noSatisfaction(),
  };
}

/**
 * The row sums, each with whether every 受理 case adds it (else only a successful one), and the
 * sums of the prevention block: listed once, not looked up by name for every group (a province's
 * import adds up 36,000 cells a year, issue #15).
 */
const rowSumSpecs = rowSumNames.map((name) => ({ name, always: statSums[name].counted === 'accepted' }));
const preventionSpecs = sumNames.flatMap((name) => {
  const spec: SumSpec = statSums[name];
  return spec.prevention ? [{ name, always: spec.counted === 'accepted', key: spec.prevention.key, part: spec.prevention.part }] : [];
});
/** Sums of 元 with fen, kept to two decimals. */
const fenSums = rowSumNames.filter((x) => caseColumns[statSums[x].column].type === 'double precision');

/** Adds a group into a row; `cls` is its outcomeClass. */
function addGroup(row: RowCounts, g: StatGroup, cls: ReturnType<typeof outcomeClass>): void {
  row.accepted += g.n;
  if (cls) row[cls] += g.n;
  const succeeded = cls === 'succeeded';
  if (succeeded) {
    if (g.agreementForm === '口头') row.oral += g.n;
    if (g.agreementForm === '书面') row.written += g.n;
    if (g.performance === '已履行') row.performed += g.n;
    if (g.confirmation === '确认有效') row.confirmed += g.n;
  }
  const sums = g.sums;
  for (const s of rowSumSpecs) {
    if (s.always || succeeded) row[s.name] += sums[s.name];
  }
}

/** Adds up groups (server) or cases turned into groups (device); `period` filters by 受理日期. */
export function rollupGroups(groups: Iterable<StatGroup>, period?: Period): Rollup {
  const total = emptyRollup();
  for (const g of groups) {
    if (!countsAccepted(g, period)) continue;
    const cls = outcomeClass(g);
    addGroup(total, g, cls);
    addGroup((total.byRow[statisticsRowOf(g.categoryCode)] ??= emptyRow()), g, cls);
    if (categoryByCode(g.categoryCode)?.parent !== undefined) addGroup((total.bySplit[g.categoryCode] ??= emptyRow()), g, cls);
    // A 回访 follows an agreement (lifecycle.ts): only successful cases are asked.
    if (g.satisfaction !== null && cls === 'succeeded') total.satisfaction[g.satisfaction] += g.n;
    total.bySource[g.source] = (total.bySource[g.source] ?? 0) + g.n;
    if (isCourtSource(g.source)) {
      const court = total.court[g.source];
      court.accepted += g.n;
      if (cls) court[cls] += g.n;
    }
    for (const p of preventionSpecs) {
      if (p.always || cls === 'succeeded') total.prevention[p.key][p.part] += g.sums[p.name];
    }
  }
  // Sums of 元 with fen are summed in a different order on each side: keep two decimals.
  for (const s of fenSums) {
    total[s] = roundFen(total[s]);
    for (const row of [...Object.values(total.byRow), ...Object.values(total.bySplit)]) row[s] = roundFen(row[s]);
  }
  total.successRate = { numerator: total.succeeded, denominator: total.accepted };
  return total;
}

/** The device's roll-up over its own cases (我的统计). */
export function rollup(cases: Iterable<StatCase>, period?: Period): Rollup {
  const groups: StatGroup[] = [];
  for (const c of cases) groups.push(toGroup(c));
  return rollupGroups(groups, period);
}

/** Groups keyed by an area or month, rolled up per key. */
export function rollupByKey(groups: Iterable<StatGroup & { key: string }>, period?: Period): Map<string, Rollup> {
  const byKey = new Map<string, StatGroup[]>();
  for (const g of groups) {
    let list = byKey.get(g.key);
    if (!list) byKey.set(g.key, (list = []));
    list.push(g);
  }
  return new Map([...byKey].map(([key, list]) => [key, rollupGroups(list, period)]));
}

const roundFen = (yuan: number): number => Math.round(yuan * 100) / 100;

/** Adds every number of `from` into `into`, at any depth (objects made where missing). */
function addInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  // for…in over own JSON-parsed keys, not Object.entries: no array of pairs per object (the stored
  // totals of a refresh are added up on the main thread).
  for (const key in from) {
    const value = from[key];
    if (typeof value === 'number') into[key] = ((into[key] as number | undefined) ?? 0) + value;
    else if (value !== null && typeof value === 'object') addInto((into[key] ??= {}) as Record<string, unknown>, value as Record<string, unknown>);
  }
}

/**
 * The roll-up of the union of disjoint case sets, from their roll-ups: every figure of a Rollup
 * is a sum (the rate is kept as its two sums), so adding them gives what rollupGroups gives over
 * all the groups at once — the server's stored totals (server/stats/totals.ts) are added this way.
 * Added generically, so a figure added to Rollup is added here too; 元 are re-rounded to the fen as
 * rollupGroups rounds them.
 */
export function mergeRollups(rollups: Iterable<Rollup>): Rollup {
  const total = emptyRollup();
  for (const r of rollups) addInto(total as unknown as Record<string, unknown>, r as unknown as Record<string, unknown>);
  for (const s of fenSums) {
    total[s] = roundFen(total[s]);
    for (const row of [...Object.values(total.byRow), ...Object.values(total.bySplit)]) row[s] = roundFen(row[s]);
  }
  return total;
}

/** Rate of a row: 成功 ÷ 受理. */
export const successRateOf = (c: Counts): Ratio => ({ numerator: c.succeeded, denominator: c.accepted });

/** 协议履行率: 履行 ÷ 调解成功 (domain.md §4). */
export const performanceRateOf = (r: Pick<RowCounts, 'performed' | 'succeeded'>): Ratio => ({ numerator: r.performed, denominator: r.succeeded });

/**
 * 群众满意率: (满意 + 基本满意) ÷ the visits that recorded an answer. 未记载 (a 回访 that did not
 * ask, e.g. one entered from a paper ledger) is left out of the denominator, not counted as 不满意.
 */
export const satisfactionRateOf = (s: Record<Satisfaction, number>): Ratio => ({
  numerator: s.满意 + s.基本满意, denominator: s.满意 + s.基本满意 + s.不满意,
});

const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 58 of 62 → "93.55%"; no cases → "—". */
export function formatRate(r: Ratio): string {
  return r.denominator === 0 ? '—' : percent.format(r.numerator / r.denominator);
}

/** The rate as a number with two decimals (93.55), for exports; null when there is no denominator. */
export function ratePercent(r: Ratio): number | null {
  return r.denominator === 0 ? null : Math.round((r.numerator / r.denominator) * 10_000) / 100;
}


export interface Change {
  current: number;
  previous: number;
  /** current − previous */
  delta: number;
  /** delta ÷ previous; denominator 0 when there was nothing to compare with. */
  ratio: Ratio;
}

/** 同比 / 环比 of one measure. */
export function change(current: number, previous: number): Change {
  return { current, previous, delta: current - previous, ratio: { numerator: current - previous, denominator: previous } };
}

const signedPercent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** "+12.5%", "−3.0%", or "—" with nothing to compare with. */
export function formatChange(c: Change): string {
  return c.ratio.denominator === 0 ? '—' : signedPercent.format(c.ratio.numerator / c.ratio.denominator);
}
