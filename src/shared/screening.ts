// 矛盾纠纷排查: a village or town committee's scheduled round of looking for disputes before they
// are brought (人民调解法 Art 22 "及时、就地"; 若干规定 expects it on a schedule; domain.md §3.2 and §9
// count 排查次数, 排查发现纠纷 and 预防纠纷). A round is its own record, not a case (domain.md §3.2):
// each dispute it found is either turned into a case (linked by caseId) or 已化解 on the spot with
// a note — the latter is what the report counts as 预防纠纷.

export const findingStates = ['open', 'case', 'resolved'] as const;
export type FindingState = (typeof findingStates)[number];

export interface ScreeningFinding {
  id: string;
  /** What was found (sensitive: names and facts). */
  summary: string;
  /** People involved, for the 上报 grade and the report. */
  persons: number;
  state: FindingState;
  /** The case it became (state 'case'). */
  caseId: string | null;
  /** How it was settled on the spot (state 'resolved'). */
  note: string;
}

export interface ScreeningRecord {
  id: string;
  /** The area whose committee held the round: a village (12 digits) or a town (9). */
  areaCode: string;
  townCode: string;
  countyCode: string;
  /** YYYY-MM-DD, Beijing date. */
  heldOn: string;
  /** Who took part (sensitive). */
  participants: string;
  /** Where, or which 组/片 were covered (sensitive). */
  place: string;
  findings: ScreeningFinding[];
  /** 重点人员 noted (sensitive). */
  keyPersons: string;
  /** 隐患 noted (sensitive). */
  hazards: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  /** Server version (0 = never synced). */
  version: number;
}

/** The report's counts of a set of rounds: 排查次数, 发现纠纷, 预防纠纷 (found and 已化解 on the spot). */
export interface ScreeningCounts {
  rounds: number;
  found: number;
  prevented: number;
}

export const noScreening = (): ScreeningCounts => ({ rounds: 0, found: 0, prevented: 0 });

export function countScreening(records: readonly Pick<ScreeningRecord, 'findings'>[]): ScreeningCounts {
  const out = noScreening();
  for (const r of records) {
    out.rounds++;
    out.found += r.findings.length;
    out.prevented += r.findings.filter((f) => f.state === 'resolved').length;
  }
  return out;
}

/** Columns kept beside the JSON on the server, derived from the record. */
export const screeningFound = (r: Pick<ScreeningRecord, 'findings'>) => r.findings.length;
export const screeningPrevented = (r: Pick<ScreeningRecord, 'findings'>) => r.findings.filter((f) => f.state === 'resolved').length;

/** One village's line in a town's month coverage. */
export interface CoverageRow {
  code: string;
  name: string;
  rounds: number;
  found: number;
  prevented: number;
  /** Latest round of the month, or null: the village did not report. */
  lastOn: string | null;
}

export interface ScreeningCoverage {
  area: string;
  areaName: string;
  month: string;
  /** The town committee's own rounds this month. */
  own: ScreeningCounts;
  villages: CoverageRow[];
  reported: number;
  missing: number;
}
