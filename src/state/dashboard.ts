// The staff screens' data (统计, 网络, 台账导入): read from the server with the signed-in session.
// These are online screens — a town or county office has a connection — so nothing here is kept
// on the device; a failed request shows the server's Chinese message and a retry.

import type { ReportSheetKey } from '../shared/report.ts';
import { useEffect, useState } from 'preact/hooks';
import type { CaseRecord } from '../shared/case.ts';
import type { MonthSignoff, SignoffLogEntry, StatsSummary } from '../shared/stats-api.ts';
import type { AreaChangeRecord, AreaImportResult } from '../shared/divisions.ts';
import type { Funding, FundingInput, Committee, CommitteeInput, CommitteeSave, Coverage, LegalPerson, Mediator, MediatorInput, OrgTable, CommitteeWarning, TrainingInput, IntakePoint } from '../shared/network.ts';
import type { Period } from '../shared/stats.ts';
import { addDays } from '../shared/dates.ts';
import { t } from '../shared/i18n/index.ts';
import { session, forgetSession } from './session.ts';

export class RemoteError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const token = session.value?.token;
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers } });
  } catch {
    throw new RemoteError(0, t('error.offline'));
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; details?: unknown } } | null;
  if (res.status === 401) await forgetSession();
  throw new RemoteError(res.status, body?.error?.message ?? t('error.status', { status: res.status }), body?.error?.details);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await (await request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
}

async function putJson<T>(path: string, body: unknown): Promise<T> {
  return (await (await request(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
}

/** The API takes inclusive dates. */
const range = (p: Period) => `from=${p.from}&to=${addDays(p.to, -1)}`;

export interface Remote<T> {
  value: T | undefined;
  error: RemoteError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` whenever `key` changes; keeps the last value while the next one loads. */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> {
  const [state, setState] = useState<{ value?: T; error?: RemoteError; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => live && setState({ value, loading: false }),
      (error: unknown) => live && setState((s) => ({ ...s, loading: false, error: error instanceof RemoteError ? error : new RemoteError(0, String(error)) })),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  return { value: state.value, error: state.error, loading: state.loading, reload: () => setRound((n) => n + 1) };
}

export const loadStats = (area: string, period: Period) => getJson<StatsSummary>(`/api/stats?area=${area}&${range(period)}`);

export interface CaseFilter {
  area: string;
  period: Period;
  measure?: string;
  row?: string;
  source?: string;
  page: number;
}

export interface CasePage {
  cases: CaseRecord[];
  total: number;
  page: number;
  pageSize: number;
}

export function casesQuery(f: Omit<CaseFilter, 'page'>): string {
  const parts = [`area=${f.area}`, range(f.period)];
  if (f.measure) parts.push(`measure=${f.measure}`);
  if (f.row) parts.push(`row=${f.row}`);
  if (f.source) parts.push(`source=${encodeURIComponent(f.source)}`);
  return parts.join('&');
}

export const loadCases = (f: CaseFilter) => getJson<CasePage>(`/api/cases?${casesQuery(f)}&page=${f.page}&pageSize=50`);

export const loadSignoffs = (area: string, year: number) => getJson<{ months: MonthSignoff[]; log: SignoffLogEntry[] }>(`/api/stats/signoffs?area=${area}&year=${year}`);
export const signMonth = (area: string, month: string) => postJson<{ ok: true }>('/api/stats/signoffs', { area, month });
export const unlockMonth = (area: string, month: string, reason: string) => postJson<{ ok: true }>('/api/stats/signoffs/unlock', { area, month, reason });

/** Fetches the report with the session and hands it to the browser as a download. */
/** The report as XLSX, as one CSV, or one sheet's CSV twin (`sheet`: cases, org or areas). */
export const downloadReport = (area: string, period: Period, format: 'xlsx' | 'csv', sheet?: ReportSheetKey) =>
  download(`/api/stats/report.${format}?area=${area}&${range(period)}${sheet ? `&sheet=${sheet}` : ''}`, `report.${format}`);

/** Fetches a file with the session and hands it to the browser as a download, named as the server says. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request(path);
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type RegistryCommittee = Committee & { mediators: Mediator[]; warnings: CommitteeWarning[]; funding: Funding[] };

export interface Registry {
  area: string;
  committees: RegistryCommittee[];
  legalPersons: LegalPerson[];
  coverage: Coverage;
  org: OrgTable;
}

export const loadFormNumber = (area: string) => getJson<{ area: string; formNo: string }>(`/api/stats/form-number?area=${area}`);
export const saveFormNumber = (area: string, formNo: string) => putJson<{ ok: true }>('/api/stats/form-number', { area, formNo });
export const loadReferralDays = (county: string) => getJson<{ county: string; dueWorkingDays: number }>(`/api/referrals/settings?county=${county}`);
export const saveReferralDays = (county: string, dueWorkingDays: number) => putJson<{ county: string; dueWorkingDays: number }>('/api/referrals/settings', { county, dueWorkingDays });
export const loadRegistry = (area: string) => getJson<Registry>(`/api/registry?area=${area}`);
export const loadIntakePoints = (area: string, withClosed = false) => getJson<{ points: IntakePoint[] }>(`/api/registry/intake-points?area=${area}${withClosed ? '&all=1' : ''}`);
export const editIntakePoint = (id: string, body: { villageCode?: string; name?: string; keeper?: string; address?: string }) =>
  putJson<{ ok: true }>(`/api/registry/intake-points/${encodeURIComponent(id)}`, body);
export const closeIntakePoint = (id: string, closedOn: string) => postJson<{ ok: true }>(`/api/registry/intake-points/${encodeURIComponent(id)}/close`, { closedOn });
export const addIntakePoint = (body: { villageCode: string; name: string; keeper: string; address: string }) => postJson<{ id: string }>('/api/registry/intake-points', body);
export const addLegalPerson = (body: Omit<LegalPerson, 'id'>) => postJson<{ id: string }>('/api/registry/legal-persons', body);
export const addCommittee = (body: CommitteeInput) => postJson<{ id: string }>('/api/registry/committees', body);
/** The committee and its changed member rows, in one transaction; `memberIds` follow the rows' order. */
export const saveCommittee = (id: string, body: CommitteeSave) => putJson<{ ok: true; memberIds: string[] }>(`/api/registry/committees/${encodeURIComponent(id)}`, body);
export const addMediator = (body: MediatorInput) => postJson<{ id: string }>('/api/registry/mediators', body);
export const saveMediator = (id: string, body: MediatorInput) => putJson<{ ok: true }>(`/api/registry/mediators/${encodeURIComponent(id)}`, body);
export const saveFunding = (committeeId: string, body: FundingInput) => putJson<{ ok: true }>(`/api/registry/committees/${encodeURIComponent(committeeId)}/funding`, body);
export const addTraining = (mediatorId: string, body: TrainingInput) => postJson<{ id: string }>(`/api/registry/mediators/${encodeURIComponent(mediatorId)}/trainings`, body);

/** A county's 统计用区划代码 as `code,name,level,parent` CSV; `dryRun` previews without writing. A refused file throws RemoteError with `{line, message}` rows in `details`. */
/** `retire`: the user confirmed ending the towns and villages the file leaves out (the preview lists them). */
export async function importDivisions(county: string, validFrom: string, csv: string, dryRun: boolean, retire = false): Promise<AreaImportResult> {
  const res = await request(`/api/registry/areas/import?county=${county}&validFrom=${validFrom}${dryRun ? '&dryRun=1' : ''}${retire ? '&retire=1' : ''}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  return (await res.json()) as AreaImportResult;
}
export const loadAreaChanges = (area: string) => getJson<{ changes: AreaChangeRecord[] }>(`/api/registry/areas/changes?area=${area}`);

export interface LedgerReport {
  rows: number;
  imported?: number;
  updated?: number;
  unchanged?: number;
  skipped?: number;
  summary: { accepted: number; succeeded: number; failed: number; open: number; successRateText: string };
}

export interface LedgerProblem {
  row: number;
  /** The ledger's own 序号 of the row, when it has one. */
  ledgerNo?: string;
  field: string;
  message: string;
}

/** Uploads a ledger file; `check` only validates. A refused file throws RemoteError with the row report in `details`. */
export async function uploadLedger(file: Blob, check: boolean): Promise<LedgerReport> {
  const res = await request(`/api/import/ledger${check ? '?check=1' : ''}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
  return (await res.json()) as LedgerReport;
}
