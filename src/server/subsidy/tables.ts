// Row types of migrations 0200/0201 (subsidy/migration.ts).
export interface SubsidyRulesTable {
  county_code: string;
  version: number;
  /** shared/subsidy.ts SubsidyRules as JSON. */
  rules: string;
  updated_at: string;
  updated_by: string;
}

export interface SubsidyLogTable {
  id: string;
  county_code: string;
  at: string;
  by_user: string;
  /** 'rules' (a new version, detail = the rules) or 'score' (target = the case, detail = the score). */
  action: string;
  target: string;
  detail: string;
}

export interface CaseFileScoresTable {
  case_id: string;
  town_code: string;
  /** ScoredItem[] as JSON: the checklist with its points as it stood when scored. */
  items: string;
  difficulty: string;
  score: number;
  max_score: number;
  note: string | null;
  scored_at: string;
  scored_by: string;
}

export interface SubsidyFrozenTable {
  town_code: string;
  month: string;
  /** SubsidyLine[] as JSON, as computed at the town's sign-off. */
  lines: string;
  rules_version: number;
  frozen_at: string;
}

export interface CommitteeFundingTable {
  committee_id: string;
  year: number;
  funding_cents: number | string;
  subsidy_cents: number | string;
  updated_at: string;
  updated_by: string;
}

export interface SubsidyTables {
  subsidy_rules: SubsidyRulesTable;
  subsidy_log: SubsidyLogTable;
  case_file_scores: CaseFileScoresTable;
  subsidy_frozen: SubsidyFrozenTable;
  committee_funding: CommitteeFundingTable;
}
