// The desk's online reads: the case table (GET /api/cases with the URL's filters) and its export,
// the phones of the area (设备) and revoking one.
import type { CaseListPage } from '../shared/case-list-api.ts';
import type { DeviceList } from '../shared/devices-api.ts';
import { download, getJson, postJson } from './dashboard.ts';

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

export const loadDevices = () => getJson<DeviceList>('/api/devices');
/** This account's own phones as the server last heard from them (我的 → 本机状态). */
export const loadMyDevices = () => getJson<DeviceList>('/api/devices?mine=1');
export const revokeDevice = (clientId: string, reason: string) => postJson<{ ok: true }>(`/api/devices/${encodeURIComponent(clientId)}/revoke`, { reason });
