// The server's tables as Kysely sees them. One shape for SQLite and PostgreSQL: booleans are 0/1
// integers, JSON is text and times are ISO strings, so both databases return the same values and
// one code path serves both (pg's int8 strings are parsed to numbers in open.ts).
import type { Generated } from 'kysely';
import type { CommitteesTable, NetworkTables } from '../registry/tables.ts';
import type { SubsidyTables } from '../subsidy/tables.ts';
import type { CaseColumn } from '../../shared/fields/stat-sums.ts';
import type { FederationTables } from '../federation/migration.ts';

export interface SyncClockTable {
  id: number;
  seq: number;
}

export interface SyncClientsTable {
  client_id: string;
  user_id: string;
  last_seq: number;
  revoked: number;
  created_at: string;
  last_seen_at: string;
  /** 0050: the newest pull cursor the device has shown it applied (sync/cursors.ts). */
  pull_cursor: Generated<number>;
  /** 0050: the clock at the device's last pull from cursor 0; up to it, pulls send latest rows only. */
  snapshot_seq: Generated<number>;
}

export interface DevicesTable {
  client_id: string;
  user_id: string;
  user_agent: string;
  registered_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  /** The phone's last DeviceReport (protocol.ts); null until a phone that reports syncs. */
  app_version: string | null;
  pending_changes: number | null;
  storage_bytes: number | null;
  /** Phone clock minus server clock when it last reported, in ms. */
  clock_skew_ms: number | null;
  reported_at: string | null;
  revoke_reason: string | null;
}

export interface MutationLogTable {
  client_id: string;
  seq: number;
  /** Null only for a replay of an already-logged mutationId under another (clientId, seq). */
  mutation_id: string | null;
  /** "userId:mutationId" for a mutation processed (applied or rejected): a repeat is recognised per account. */
  owner_mutation_id: string | null;
  user_id: string;
  name: string;
  case_id: string;
  result: 'applied' | 'rejected' | 'duplicate';
  /** Rejections: the catalogue code, and the sentence as it was sent (with its parameters filled). */
  reason: string | null;
  message: string | null;
  payload: string;
  /** The clock value when the batch committed: the pull reports this seq as processed from here on. */
  server_seq: number;
  received_at: string;
}

export interface ChangeLogTable {
  server_seq: number;
  /** The last server_seq of the same commit: a pull page never ends before it (pull.ts). */
  commit_seq: number;
  entity: 'case' | 'event' | 'review' | 'screening' | 'alert' | 'referral';
  entity_id: string;
  village_code: string;
  town_code: string;
  county_code: string;
  /** 0170: the committee holding the case (null: a row from before, or one with no committee). */
  committee_id: string | null;
  op: 'upsert' | 'evict';
  data: string | null;
}

/** The summed columns (is_difficult, amount_yuan, prev_*, …) are those of shared/fields/stat-sums.ts. */
export interface CasesTable extends Record<CaseColumn, number> {
  id: string;
  version: number;
  village_code: string;
  town_code: string;
  county_code: string;
  /** 0170: the committee that holds the case (shared/committee-area.ts). */
  committee_id: string | null;
  status: string;
  outcome: string | null;
  category_code: string;
  source: string;
  accepted_on: string;
  case_no: string | null;
  voided: number;
  needs_review: number;
  agreement_form: string | null;
  /** 司法确认's result (shared/case.ts ConfirmationResult); null when never applied for. */
  judicial_result: string | null;
  data: string;
  /** {field: userId}: who wrote each field's current value, shown as "kept by" in a conflict. */
  field_authors: string;
  created_at: string;
  updated_at: string;
}

export interface EventsTable {
  id: string;
  case_id: string;
  village_code: string;
  town_code: string;
  county_code: string;
  committee_id: string | null;
  kind: string;
  at: string;
  data: string;
  created_at: string;
}

export interface ReviewItemsTable {
  id: string;
  case_id: string;
  village_code: string;
  town_code: string;
  county_code: string;
  committee_id: string | null;
  kind: 'conflict' | 'rejected';
  field: string | null;
  status: 'open' | 'resolved';
  data: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export type Role = 'mediator' | 'town' | 'county' | 'admin';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  /** Area prefix: 12 digits for a mediator, 9 for town staff, 6 for county staff, '' for admin. */
  scope_code: string;
  disabled: number;
  created_at: string;
  /** 0009: 1 after someone else set the password; the owner must replace it before signing in. */
  must_change_password: Generated<number>;
}

/** 0009: who did what to which account (created, password reset or changed, disabled, enabled). */
export interface AccountLogTable {
  id: string;
  at: string;
  /** The acting user; null for the command line on the server (npm run account). */
  actor_id: string | null;
  user_id: string;
  action: 'create' | 'reset' | 'disable' | 'enable' | 'password' | 'device.revoke';
  /** JSON of what changed (never a password). */
  detail: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The device (clientId) the session was opened on (0031); sessions from before have none and are refused. */
  client_id: string | null;
}

export interface CaseNumbersTable {
  /** The counter's key: a village's code for its own committee (as before 0170), else `committee:<id>`. */
  village_code: string;
  year: number;
  last: number;
}

export interface AreasTable {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  /** 0002: when the code came into / went out of use (null = always / still valid). */
  valid_from: string | null;
  valid_to: string | null;
}

export type { CommitteesTable };

/** 0170: the committees an account belongs to (a mediator's; staff have none). */
export interface UserCommitteesTable {
  user_id: string;
  committee_id: string;
}

/** A complete photo, stored once per content hash (server/blobs). */
export interface BlobsTable {
  sha256: string;
  size: number;
  mime: string;
  bytes: Uint8Array;
  created_at: string;
  /** The user whose upload completed it. */
  created_by: string;
  /**
   * The case whose attachment the completing upload named (0032). The bytes are served through
   * that case only (or to their uploader): naming the hash in another case's attachment event
   * grants nothing.
   */
  home_case_id: string | null;
}

/** One received piece of an upload under way. */
export interface BlobPartsTable {
  sha256: string;
  start_byte: number;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}

/** 0005: a resident's 申请调解 request (server/requests). */
export interface MediationRequestsTable {
  id: string;
  village_code: string;
  town_code: string;
  county_code: string;
  applicant_name: string;
  phone: string;
  other_party: string;
  category_code: string;
  facts: string;
  status: 'new' | 'accepted' | 'refused';
  refuse_reason: string | null;
  /** The phone's time of filling it in; received_at is the server's. */
  created_at: string;
  received_at: string;
  decided_at: string | null;
  decided_by: string | null;
  /** SHA-256 (hex) of the sending phone's secret (0080); null for requests sent before it. */
  secret_hash: string | null;
  /** 0181: the 评理说事点 the resident named (its name); null when none. */
  intake_point: string | null;
}

/** 0040: one row, the id of this database's timeline (ops/epoch.ts). */
export interface ServerEpochTable {
  id: number;
  epoch: string;
}

/** 0041: who viewed or exported which personal data, when (ops/audit.ts). */
export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string;
  username: string;
  role: string;
  action: string;
  target: string;
  detail: string | null;
  area_code: string;
  ip: string;
}

/** 0020: the fingerprint of the ledger row a case was last imported from (server/import). */
export interface LedgerRowsTable {
  case_id: string;
  fingerprint: string;
  imported_by: string;
  imported_at: string;
}

/** NetworkTables: the registry and statistics tables of migration 0002_network. */
import type { IntakePointsTable } from '../registry/intake-points.ts';
import type { FormNumbersTable } from '../stats/form-number.ts';

/** 矛盾纠纷排查 rounds (0180): columns derived from `data`, a ScreeningRecord. */
export interface ScreeningsTable {
  id: string;
  area_code: string;
  town_code: string;
  county_code: string;
  held_on: string;
  found: number;
  prevented: number;
  version: number;
  data: string;
  updated_at: string;
}

/** 上报 of 重大/疑难 disputes (0180): columns derived from `data`, an AlertRecord. */
export interface AlertsTable {
  id: string;
  area_code: string;
  town_code: string;
  county_code: string;
  grade: string;
  case_id: string | null;
  screening_id: string | null;
  reported_at: string;
  acked_at: string | null;
  acked_by: string | null;
  version: number;
  data: string;
}

/** 移交 of a case (0240): columns derived from `data`, a ReferralRecord. */
export interface ReferralsTable {
  id: string;
  case_id: string;
  from_committee_id: string;
  from_area: string;
  to_committee_id: string;
  to_area: string;
  county_code: string;
  status: string;
  sent_at: string;
  due_on: string;
  decided_at: string | null;
  version: number;
  data: string;
}

/** 0240: a county's working days to 接收 or 退回 a 移交 (none: DEFAULT_DUE_WORKING_DAYS). */
export interface ReferralSettingsTable {
  county_code: string;
  due_working_days: number;
  updated_at: string;
  updated_by: string | null;
}

export interface DB extends NetworkTables, FederationTables, SubsidyTables {
  referrals: ReferralsTable;
  referral_settings: ReferralSettingsTable;
  intake_points: IntakePointsTable;
  form_numbers: FormNumbersTable;
  screenings: ScreeningsTable;
  alerts: AlertsTable;
  sync_clock: SyncClockTable;
  sync_clients: SyncClientsTable;
  devices: DevicesTable;
  mutation_log: MutationLogTable;
  change_log: ChangeLogTable;
  cases: CasesTable;
  events: EventsTable;
  review_items: ReviewItemsTable;
  users: UsersTable;
  sessions: SessionsTable;
  case_numbers: CaseNumbersTable;
  areas: AreasTable;
  committees: CommitteesTable;
  user_committees: UserCommitteesTable;
  blobs: BlobsTable;
  blob_parts: BlobPartsTable;
  mediation_requests: MediationRequestsTable;
  account_log: AccountLogTable;
  server_epoch: ServerEpochTable;
  audit_log: AuditLogTable;
  ledger_rows: LedgerRowsTable;
}
