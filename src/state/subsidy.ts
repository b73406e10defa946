// 以案定补 and 调解员考核 on the desk: online reads and writes of /api/subsidy and /api/appraisal
// (an office has a connection; nothing here is kept on the device).
import type { CaseFileScore, Difficulty, ScoreView, StoredRules, SubsidyPart, SubsidyRules, SubsidySheet } from '../shared/subsidy.ts';
export type { ScoreView };
import type { AppraisalPage, AppraisalTable } from '../shared/appraisal.ts';
import { download, getJson } from './dashboard.ts';
import { session } from './session.ts';
import { RemoteError } from './dashboard.ts';
import { t } from '../shared/i18n/index.ts';

export interface RulesLogEntry {
  at: string;
  by: string;
  target: string;
}


async function put<T>(path: string, body: unknown): Promise<T> {
  const token = session.value?.token;
  let res: Response;
  try {
    res = await fetch(path, { method: 'PUT', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  } catch {
    throw new RemoteError(0, t('error.offline'));
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!res.ok) throw new RemoteError(res.status, json?.error?.message ?? t('error.status', { status: res.status }));
  return json as T;
}

export const loadRules = (county?: string) => getJson<{ rules: StoredRules; log: RulesLogEntry[] }>(`/api/subsidy/rules${county ? `?county=${county}` : ''}`);
export const saveRules = (county: string, rules: SubsidyRules) => put<{ ok: true; version: number }>('/api/subsidy/rules', { county, rules });
export const loadScore = (caseId: string) => getJson<ScoreView>(`/api/subsidy/scores/${encodeURIComponent(caseId)}`);
export const saveScore = (caseId: string, body: { met: string[]; difficulty: Difficulty; note: string | null }) => put<ScoreView>(`/api/subsidy/scores/${encodeURIComponent(caseId)}`, body);
export const loadSheet = (area: string, month: string) => getJson<SubsidySheet>(`/api/subsidy/sheet?area=${area}&month=${month}`);
export const downloadSheet = (area: string, month: string, format: 'xlsx' | 'csv', part?: SubsidyPart) =>
  download(`/api/subsidy/sheet.${format}?area=${area}&month=${month}${part ? `&part=${part}` : ''}`, `subsidy.${format}`);

export const loadAppraisal = (year: number, town: string) => getJson<AppraisalTable>(`/api/appraisal?year=${year}${town ? `&town=${town}` : ''}`);
export const loadAppraisalPage = (id: string, year: number) => getJson<AppraisalPage>(`/api/appraisal/mediators/${encodeURIComponent(id)}?year=${year}`);
export const downloadAppraisal = (year: number, town: string, format: 'xlsx' | 'csv') =>
  download(`/api/appraisal.${format}?year=${year}${town ? `&town=${town}` : ''}`, `appraisal.${format}`);
