// The audit log's client calls: reporting a document sent to the printer (best effort — a print
// made offline or without an account reaches no server), and the 审计日志 screen's pages.
import { createApiClient } from '../sync/http.ts';
import { session } from './session.ts';
import { AUDIT_PATH, AUDIT_PRINT_PATH, type AuditPage, type AuditQuery } from '../shared/audit-api.ts';

const api = () => createApiClient(fetch.bind(globalThis), '', () => session.value?.token);

/** Tells the server a case's document is being printed; never blocks or fails the print. */
export function reportPrint(caseId: string, document: string): void {
  if (!session.value?.token) return;
  api().post(AUDIT_PRINT_PATH, { caseId, document }).catch(() => undefined);
}

export function auditQueryString(q: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function fetchAudit(q: AuditQuery): Promise<AuditPage> {
  return api().get<AuditPage>(`${AUDIT_PATH}${auditQueryString(q)}`);
}
