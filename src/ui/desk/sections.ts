// The desk's side navigation: every section a staff role has, in the order an office works
// through its day. One list, read by the navigation and by the tests that walk it.

import type { MessageKey } from '../../shared/i18n/index.ts';
import type { Role } from '../../state/session.ts';

export interface DeskSection {
  href: string;
  label: MessageKey;
  /** Which paths light this entry up (the most specific entry wins; see activeSection). */
  prefix: string;
  roles: readonly Role[];
  /** Counted on the entry: the 待核对 inbox. */
  badge?: 'review';
}

const staff: readonly Role[] = ['town', 'county', 'admin'];

export const deskSections: readonly DeskSection[] = [
  { href: '/', label: 'desk.nav.today', prefix: '/', roles: ['town'] },
  { href: '/cases', label: 'desk.nav.cases', prefix: '/cases', roles: staff },
  { href: '/review', label: 'nav.review', prefix: '/review', roles: staff, badge: 'review' },
  { href: '/requests', label: 'desk.nav.requests', prefix: '/requests', roles: staff },
  { href: '/dashboard', label: 'desk.nav.dashboard', prefix: '/dashboard', roles: staff },
  { href: '/network', label: 'desk.nav.network', prefix: '/network', roles: staff },
  { href: '/import', label: 'desk.nav.import', prefix: '/import', roles: staff },
  { href: '/network/areas', label: 'desk.nav.areas', prefix: '/network/areas', roles: staff },
  { href: '/devices', label: 'desk.nav.devices', prefix: '/devices', roles: staff },
  { href: '/accounts', label: 'nav.accounts', prefix: '/accounts', roles: staff },
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
