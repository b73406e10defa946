// Row types of the registry and statistics tables (migration 0002_network), merged into the
// store's DB type in store/schema.ts.
import type { ColumnType, Generated } from 'kysely';
import type { GroupRow } from '../stats/sql.ts';

/** Computed by the database (generated columns): read, never written. */
type Computed<T> = ColumnType<T, never, never>;

export interface CommitteesTable {
  id: string;
  /** The 村/居/乡镇 whose own (statutory) committee this is; null for other kinds. */
  area_code: string | null;
  /** Where a committee without an area_code sits (6, 9 or 12 digits). */
  located_in: string | null;
  /** Null on rows the area seed made: the kind then follows from the area's level. */
  type: string | null;
  name: string;
  phone: string | null;
  address: string | null;
  founded_on: string | null;
  dissolved_on: string | null;
  updated_at: string | null;
  updated_by: string | null;
  /** 0170: the abbreviation in its case numbers (开鲁镇调 → （2026）开鲁镇调字第N号); null: made from the name. */
  short_name: string | null;
  /** coalesce(area_code, located_in) */
  location: Computed<string>;
  /** coalesce(type, 村/居 | 乡镇/街道 by the area's level) */
  kind: Computed<string>;
}

export interface AreaChangesTable {
  id: string;
  old_code: string;
  new_code: string | null;
  kind: 'recoded' | 'renamed' | 'retired' | 'added';
  changed_on: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface MediatorsTable {
  id: string;
  committee_id: string;
  name: string;
  gender: string;
  ethnicity: string;
  phone: string | null;
  phone_public: number;
  member_role: string | null;
  full_time: number;
  term_start: string | null;
  term_end: string | null;
  left_on: string | null;
  /** 0201: 学历 (shared/network.ts educationLevels); null = not recorded. */
  education: string | null;
  /** 0250 (subsidy/mediator-account.ts): the mediator's own sign-in account; null = not linked. */
  account_id?: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface MediatorTrainingsTable {
  id: string;
  mediator_id: string;
  on_date: string;
  title: string;
  hours: number;
}

export interface LegalPersonsTable {
  id: string;
  kind: string;
  village_code: string;
  name: string;
  phone: string | null;
  phone_public: number;
  certified_on: string | null;
  left_on: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface StatSignoffsTable {
  area_code: string;
  month: string;
  signed_at: string;
  signed_by: string;
}

export interface StatSignoffLogTable {
  id: string;
  area_code: string;
  month: string;
  action: 'sign' | 'unlock';
  at: string;
  by_user: string;
  reason: string | null;
}

/** One pre-aggregated cell: the same sums as a live group (stats/sql.ts GroupRow), per area and period. */
export interface StatCellsTable extends Omit<GroupRow, 'key' | 'voided'> {
  /** A town (9 digits), a county (6 digits) or a province (2 digits). */
  area_code: string;
  /** A month (YYYY-MM) or a year (YYYY). */
  period: string;
}

/** One area's finished roll-up for one period (stats/totals.ts). */
export interface StatTotalsTable {
  area_code: string;
  /** YYYY-MM or YYYY. */
  period: string;
  /** The shared roll-up (stats.ts Rollup) as JSON. */
  rollup: string;
}

/** Where each case was last counted in the cells, so a change can take it out of there. */
export interface StatCaseKeysTable {
  case_id: string;
  town_code: string;
  /** Null in rows written before 0340 (a first count follows it and fills every row). */
  village_code: string | null;
  /** YYYY-MM of its 受理日期. */
  month: string;
}

export interface StatCellsStateTable {
  id: Generated<number>;
  last_seq: number;
  refreshed_at: string | null;
  /** 0 until every case has been counted into the cells (then refreshes follow the changes). */
  counted: number;
}

export interface NetworkTables {
  area_changes: AreaChangesTable;
  mediators: MediatorsTable;
  mediator_trainings: MediatorTrainingsTable;
  legal_persons: LegalPersonsTable;
  stat_signoffs: StatSignoffsTable;
  stat_signoff_log: StatSignoffLogTable;
  stat_cells: StatCellsTable;
  stat_cells_state: StatCellsStateTable;
  stat_case_keys: StatCaseKeysTable;
  stat_totals: StatTotalsTable;
}
