// The statistics roll-up, one pure function used by the device (over its local cases) and the
// server (over SQL rows), so both give the same numbers for the same cases (domain.md §3–§4).
// 调解成功率 is kept as numerator and denominator and only formatted for display.

import type { CaseRecord } from './case.ts';
import { statisticsRowOf } from './categories.ts';
import { isOpen } from './lifecycle.ts';

/** The fields of a case the statistics need; a server SQL row has exactly these. */
export type StatCase = Pick<CaseRecord, 'categoryCode' | 'acceptedOn' | 'status' | 'outcome' | 'source' | 'isDifficult' | 'prevention'> & {
  voided: boolean;
  agreementForm: '书面' | '口头' | null;
  amountYuan: number;
};

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

export interface Rollup extends Counts {
  successRate: Ratio;
  byRow: Record<string, Counts>;
  oral: number;
  written: number;
  amountYuan: number;
  difficult: number;
  prevention: { suicide: Prevented; criminal: Prevented; groupPetition: Prevented; groupFight: Prevented };
}

export interface Prevented {
  cases: number;
  persons: number;
}

export interface Period {
  from: string;
  /** Exclusive end date. */
  to: string;
}

export function toStatCase(record: CaseRecord): StatCase {
  return {
    categoryCode: record.categoryCode, acceptedOn: record.acceptedOn, status: record.status, outcome: record.outcome,
    source: record.source, isDifficult: record.isDifficult, prevention: record.prevention, voided: record.voided !== null,
    agreementForm: record.agreement?.form ?? null, amountYuan: record.agreement?.amountYuan ?? 0,
  };
}

export function countsAccepted(c: StatCase, period?: Period): boolean {
  if (c.voided || c.status === 'rejected') return false;
  return !period || (c.acceptedOn >= period.from && c.acceptedOn < period.to);
}

const emptyCounts = (): Counts => ({ accepted: 0, succeeded: 0, failed: 0, open: 0 });
const prevented = (): Prevented => ({ cases: 0, persons: 0 });

export function rollup(cases: Iterable<StatCase>, period?: Period): Rollup {
  const total: Rollup = {
    ...emptyCounts(), successRate: { numerator: 0, denominator: 0 }, byRow: {}, oral: 0, written: 0, amountYuan: 0, difficult: 0,
    prevention: { suicide: prevented(), criminal: prevented(), groupPetition: prevented(), groupFight: prevented() },
  };
  for (const c of cases) {
    if (!countsAccepted(c, period)) continue;
    const row = (total.byRow[statisticsRowOf(c.categoryCode)] ??= emptyCounts());
    for (const counts of [total, row]) {
      counts.accepted++;
      if (c.outcome === 'success') counts.succeeded++;
      else if (c.outcome === 'failure') counts.failed++;
      else if (isOpen(c.status)) counts.open++;
    }
    if (c.outcome === 'success') {
      if (c.agreementForm === '口头') total.oral++;
      if (c.agreementForm === '书面') total.written++;
      total.amountYuan += c.amountYuan;
    }
    if (c.isDifficult) total.difficult++;
    for (const key of ['suicide', 'criminal', 'groupPetition', 'groupFight'] as const) {
      if (c.prevention[key] > 0) {
        total.prevention[key].cases++;
        total.prevention[key].persons += c.prevention[key];
      }
    }
  }
  total.successRate = { numerator: total.succeeded, denominator: total.accepted };
  return total;
}

const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 58 of 62 → "93.55%"; no cases → "—". */
export function formatRate(r: Ratio): string {
  return r.denominator === 0 ? '—' : percent.format(r.numerator / r.denominator);
}
