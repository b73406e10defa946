// The audit log's wire format (GET /api/audit, POST /api/audit/print), shared by the server and
// the 审计日志 screen.
export const AUDIT_PATH = '/api/audit';
export const AUDIT_PRINT_PATH = '/api/audit/print';

export const auditActions = ['case.view', 'case.list', 'document.print', 'report.export', 'blob.view'] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  id: string;
  at: string;
  userId: string;
  username: string;
  role: string;
  action: AuditAction;
  /** A case id, a photo's hash, a report's area: what was seen, never its content. */
  target: string;
  detail: string | null;
  areaCode: string;
  ip: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditQuery {
  /** Beijing dates, inclusive. */
  from?: string;
  to?: string;
  username?: string;
  action?: AuditAction;
  area?: string;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;
/** PIPL / 等保 2.0: access records are kept at least six months; nothing younger is ever purged. */
export const AUDIT_MIN_KEEP_DAYS = 183;
