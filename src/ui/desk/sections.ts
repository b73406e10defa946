// The desk's side navigation: every section a staff role has, in the order an office works
// through its day. One list, read by the navigation and by the tests that walk it.

import type { MessageKey } from '../../shared/i18n/index.ts';
import type { Role } from '../../state/session.ts';
import { auditRoute } from '../audit/route.ts';

export interface DeskSection {
  href: string;
  label: MessageKey;
  /** Which paths light this entry up (the most specific entry wins; see activeSection). */
  prefix: string;
  roles: readonly Role[];
  /** data-testid; the phone's own ids where the phone has the same section (nav-review, nav-stats…). */
  testId: string;
  /** Counted on the entry: the 待核对 inbox. */
  badge?: 'review';
}

const staff: readonly Role[] = ['town', 'county', 'admin'];

export const deskSections: readonly DeskSection[] = [
  { href: '/', testId: 'nav-today', label: 'desk.nav.today', prefix: '/', roles: ['town'] },
  { href: '/cases', testId: 'nav-cases', label: 'desk.nav.cases', prefix: '/cases', roles: staff },
  { href: '/review', testId: 'nav-review', label: 'nav.review', prefix: '/review', roles: staff, badge: 'review' },
  { href: '/alerts', testId: 'nav-alerts', label: 'alert.title', prefix: '/alerts', roles: staff },
  { href: '/referrals', testId: 'nav-referrals', label: 'referral.title', prefix: '/referrals', roles: staff },
  { href: '/screening', testId: 'nav-screening', label: 'nav.screening', prefix: '/screening', roles: staff },
  { href: '/requests', testId: 'nav-requests', label: 'desk.nav.requests', prefix: '/requests', roles: staff },
  { href: '/dashboard', testId: 'nav-stats', label: 'desk.nav.dashboard', prefix: '/dashboard', roles: staff },
  { href: '/subsidy', testId: 'nav-subsidy', label: 'desk.nav.subsidy', prefix: '/subsidy', roles: staff },
  { href: '/appraisal', testId: 'nav-appraisal', label: 'desk.nav.appraisal', prefix: '/appraisal', roles: staff },
  { href: '/network', testId: 'nav-network', label: 'desk.nav.network', prefix: '/network', roles: staff },
  { href: '/import', testId: 'nav-import', label: 'desk.nav.import', prefix: '/import', roles: staff },
  { href: '/network/areas', testId: 'nav-areas', label: 'desk.nav.areas', prefix: '/network/areas', roles: staff },
  { href: '/devices', testId: 'nav-devices', label: 'desk.nav.devices', prefix: '/devices', roles: staff },
  { href: '/accounts', testId: 'nav-accounts', label: 'nav.accounts', prefix: '/accounts', roles: staff },
  // 审计日志 (ops): its own route file says where it lives and who may open it.
  { href: auditRoute.path, testId: 'nav-audit', label: 'desk.nav.audit', prefix: auditRoute.path, roles: auditRoute.roles },
];

export function sectionsFor(role: Role): DeskSection[] {
  return deskSections.filter((s) => s.roles.includes(role));
}

/** The entry a path belongs to: the longest matching prefix ('/' only for '/' itself). */
export function activeSection(sections: readonly DeskSection[], path: string): DeskSection | undefined {
  let best: DeskSection | undefined;
  for (const s of sections) {
    const hit = s.prefix === '/' ? path === '/' : path === s.prefix || path.startsWith(`${s.prefix}/`);
    if (hit && (!best || s.prefix.length > best.prefix.length)) best = s;
  }
  return best;
}
