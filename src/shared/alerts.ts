// 上报 of 重大/疑难 disputes: a case or a 排查 finding reported upward with a grade. The grade rules
// are written in the catalogue (alert.rule.*) and applied here to suggest the grade: 人民调解法
// Art 25 (a dispute that may turn into a 治安/刑事 case is reported at once; one that may escalate
// gets targeted prevention), the report's 防止民转刑 / 群体性上访 / 群体性械斗 lines (domain.md §3.2),
// and 若干规定 Art 21 (a hard case goes to the town). A red alert stays on top of the town's 待办
// until someone there acknowledges it (who and when are recorded by the server).

export const alertGrades = ['red', 'orange', 'yellow'] as const;
export type AlertGrade = (typeof alertGrades)[number];

/** The facts a reporter ticks; the grade follows from them (gradeFor). */
export const alertReasons = ['criminal', 'safety', 'group', 'petition', 'difficult', 'escalating'] as const;
export type AlertReason = (typeof alertReasons)[number];

/** 群体性: this many people or more makes a dispute red (the catalogue's rule says the same). */
export const GROUP_RED = 5;
/** 3 or 4 people: orange. */
export const GROUP_ORANGE = 3;

export interface AlertAck {
  by: string;
  byName: string;
  at: string;
}

export interface AlertRecord {
  id: string;
  grade: AlertGrade;
  reasons: AlertReason[];
  /** People involved. */
  persons: number;
  /** What is happening, in a sentence or two (sensitive). */
  summary: string;
  caseId: string | null;
  screeningId: string | null;
  findingId: string | null;
  /** Set by the server from the case or the 排查 it names. */
  areaCode: string;
  townCode: string;
  countyCode: string;
  reportedBy: string;
  /** Sensitive: a person's name. */
  reportedByName: string;
  reportedAt: string;
  /** Sensitive: a person's name inside. */
  ack: AlertAck | null;
  version: number;
}

/**
 * The grade the rules give: red for 可能民转刑, 涉及人身安全 or a 群体性 dispute of ≥ 5 people;
 * orange for 可能引发群体性上访, a group of 3–4, or a dispute that is escalating; else yellow
 * (疑难复杂). A reporter may raise the grade, never lower it (the server checks the same).
 */
export function gradeFor(reasons: readonly AlertReason[], persons: number): AlertGrade {
  if (reasons.includes('criminal') || reasons.includes('safety') || (reasons.includes('group') && persons >= GROUP_RED)) return 'red';
  if (reasons.includes('petition') || reasons.includes('escalating') || (reasons.includes('group') && persons >= GROUP_ORANGE)) return 'orange';
  return 'yellow';
}

const rank: Record<AlertGrade, number> = { red: 0, orange: 1, yellow: 2 };

/** True when `grade` is at least as severe as the rules require. */
export const gradeAllowed = (grade: AlertGrade, reasons: readonly AlertReason[], persons: number): boolean => rank[grade] <= rank[gradeFor(reasons, persons)];

/** Most severe first, then oldest first: the inbox's and 待办's order. */
export function compareAlerts(a: Pick<AlertRecord, 'grade' | 'reportedAt'>, b: Pick<AlertRecord, 'grade' | 'reportedAt'>): number {
  return rank[a.grade] - rank[b.grade] || a.reportedAt.localeCompare(b.reportedAt);
}

/** Whole hours since it was reported (the inbox shows the age). */
export const alertAgeHours = (reportedAt: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - Date.parse(reportedAt)) / 3_600_000));
