// Where the 审计日志 screen lives, for the desk navigation to link (county staff and admin only).
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { AccountRole } from '../../shared/accounts-api.ts';

export const auditRoute = { path: '/audit', label: 'audit.title' as MessageKey, roles: ['county', 'admin'] as readonly AccountRole[] };
