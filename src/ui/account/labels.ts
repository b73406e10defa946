// How roles read on the account screens (the login screen's labels: 调解员, 司法所, 司法局, 管理员).
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { AccountRole } from '../../shared/accounts-api.ts';

export const roleLabel: Record<AccountRole, MessageKey> = {
  mediator: 'login.role.mediator', town: 'login.role.town', county: 'login.role.county', admin: 'login.role.admin',
};
