// The statistics API's answers, defined once for the server and the dashboard.

import type { Coverage, OrgTable } from './network.ts';
import type { CommitteeTypeRollup, Period, Rollup } from './stats.ts';
import type { ScreeningCounts } from './screening.ts';
import type { ReferralCounts } from './referral.ts';

export interface AreaRef {
  code: string;
  name: string;
  level: string;
}

/** The time up to which the devices of an area have synced (sync_clients.last_seen_at). */
export interface Completeness {
  /** Mediators' devices still in use. */
  devices: number;
  /** Villages with at least one device. */
  villagesWithDevice: number;
  villages: number;
  /** Every device has synced at least up to here: the figures are complete to this time. */
  completeUpTo: string | null;
  lastSeenAt: string | null;
}

export interface AreaStats extends AreaRef {
  rollup: Rollup;
  completeness: Completeness;
}

export interface TrendPoint {
  month: string;
  accepted: number;
  succeeded: number;
  failed: number;
  open: number;
}

export interface StatsSummary {
  area: AreaRef;
  /** County → town → village, ending with `area`. */
  path: AreaRef[];
  period: Period;
  /** 'cells' = pre-aggregated (as of `asOf`); 'live' = read from the cases now. */
  source: 'live' | 'cells';
  asOf: string | null;
  total: Rollup;
  /** 环比 */
  previous: { period: Period; rollup: Rollup };
  /** 同比 */
  lastYear: { period: Period; rollup: Rollup };
  children: AreaStats[];
  completeness: Completeness;
  trend: TrendPoint[];
  org: OrgTable;
  coverage: Coverage;
  /**
   * The same cases by 调解主体, the type of the committee that holds each (issue #14): every case
   * once, so these add up to `total`. '' = cells from another server that do not say.
   */
  byCommitteeType: CommitteeTypeRollup[];
  /** 排查次数, 排查发现纠纷 and 预防纠纷 (当场化解) in the area and period, from the 排查 records. */
  screening: ScreeningCounts;
  /** 移交 in and out of the area's committees in the period (never counted as 受理; referral.ts). */
  referrals: ReferralCounts;
}

export type SignoffState = 'open' | 'signed';

export interface MonthSignoff {
  month: string;
  state: SignoffState;
  signedAt: string | null;
  signedBy: string | null;
  /** The signer's display name (the person), falling back to the account name. */
  signedByName?: string | null;
  /** For a county: its towns' sign-offs of the month. */
  towns?: { code: string; name: string; state: SignoffState }[];
}

export interface SignoffLogEntry {
  areaCode: string;
  month: string;
  action: 'sign' | 'unlock';
  at: string;
  by: string;
  reason: string | null;
}
