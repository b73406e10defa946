// Where the 审计日志 screen lives and who may open it, for the desk navigation to link (its label
// is the screen's title key, loaded later: this file is in the first bundle, so it names no key).
import type { AccountRole } from '../../shared/accounts-api.ts';

export const auditRoute = { path: '/audit', roles: ['county', 'admin'] as readonly AccountRole[] };
