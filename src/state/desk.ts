// The desk's online reads: the case table (GET /api/cases with the URL's filters) and its export.
import type { CaseListPage } from '../shared/case-list-api.ts';
import { download, getJson } from './dashboard.ts';

/** The query keys the case table keeps in its URL; each is a GET /api/cases parameter. */
export const caseListKeys = ['no', 'party', 'area', 'category', 'source', 'from', 'to', 'status', 'mediator', 'review', 'sort', 'dir', 'page', 'pageSize'] as const;
export type CaseListKey = (typeof caseListKeys)[number];
export type CaseListParams = Partial<Record<CaseListKey, string>>;

export function caseListQuery(p: CaseListParams): string {
  const q = new URLSearchParams();
  for (const key of caseListKeys) {
    const value = p[key];
    if (value !== undefined && value !== '') q.set(key, value);
  }
  return q.toString();
}

export const loadCaseList = (p: CaseListParams) => getJson<CaseListPage>(`/api/cases?${caseListQuery(p)}`);

/** The whole filtered, sorted list (every page) as an XLSX download. */
export const downloadCaseList = (p: CaseListParams) => download(`/api/cases.xlsx?${caseListQuery({ ...p, page: '', pageSize: '' })}`, 'cases.xlsx');
