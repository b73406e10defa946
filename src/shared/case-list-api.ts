// GET /api/cases: the columns a desk case list sorts by and the answer's shape (shared by the
// server and the desk screen).
import type { CaseRecord } from './case.ts';

export const caseListSorts = ['no', 'party', 'village', 'category', 'source', 'accepted', 'status', 'mediator', 'review'] as const;
export type CaseListSort = (typeof caseListSorts)[number];

export const casePageSizes = [20, 50, 100, 200] as const;

export interface CaseListPage {
  cases: CaseRecord[];
  total: number;
  page: number;
  pageSize: number;
  /** Names of the villages and towns on this page, by code: a repeated village name is told apart by its town. */
  areaNames: Record<string, string>;
}

/** "村名（镇名）": the town beside the village, since farms repeat village names. */
export function villageWithTown(c: Pick<CaseRecord, 'villageCode' | 'townCode' | 'committeeName'>, names: Record<string, string>): string {
  const village = names[c.villageCode] ?? c.committeeName;
  const town = names[c.townCode];
  return town ? `${village}（${town}）` : village;
}
