// Every screen the tap-target and overflow sweep (sweep.test.ts) opens, per role, at 360 px. One
// data list: a session adding a screen adds a line here. `path` may hold `:case` (a case of the
// role's area, the first on its case list); `ready` is a selector that is there once the screen
// has drawn its content (default: an <h1> inside <main>).

export type SweepRole = 'resident' | 'mediator' | 'town' | 'county' | 'admin';

export interface SweepRoute {
  readonly path: string;
  readonly roles: readonly SweepRole[];
  readonly ready?: string;
}

const WORK: readonly SweepRole[] = ['mediator', 'town', 'county', 'admin'];
const STAFF: readonly SweepRole[] = ['town', 'county', 'admin'];
const EVERYONE: readonly SweepRole[] = ['resident', ...WORK];

export const SWEEP_ROUTES: readonly SweepRoute[] = [
  // The public side, on anyone's phone.
  { path: '/', roles: ['resident'], ready: '[data-testid="public-home"]' },
  { path: '/guides', roles: EVERYONE },
  { path: '/guides/caili-fanhuan', roles: EVERYONE },
  { path: '/guides/?group=01', roles: ['resident'] },
  { path: '/help', roles: EVERYONE, ready: '[data-testid="request-form"]' },
  { path: '/contacts', roles: EVERYONE, ready: '[data-testid="contacts-screen"]' },
  // The work side.
  { path: '/?tab=all', roles: ['mediator', 'town'], ready: '[data-testid="case-row"]' },
  { path: '/new', roles: ['mediator', 'town'] },
  { path: '/cases/:case', roles: ['mediator', 'town'], ready: '[data-testid="case-label"]' },
  { path: '/cases/:case/edit', roles: ['mediator'] },
  { path: '/cases/:case/documents', roles: ['mediator'] },
  { path: '/cases/:case/note', roles: ['mediator'] },
  { path: '/cases/:case/session', roles: ['mediator'] },
  { path: '/todo', roles: WORK },
  // With items in them: sweep-seed.ts sends a request and a refused change into the mediator's
  // village first (the admin's account has no area of its own, so its inboxes stay empty).
  { path: '/review', roles: ['mediator', 'town', 'county'], ready: '[data-testid="review-case"]' },
  { path: '/review', roles: ['admin'] },
  { path: '/requests', roles: ['mediator', 'town', 'county'], ready: '[data-testid="request"]' },
  { path: '/requests', roles: ['admin'] },
  { path: '/stats', roles: ['mediator'] },
  { path: '/me', roles: WORK },
  { path: '/login', roles: WORK },
  { path: '/password', roles: WORK },
  { path: '/dashboard', roles: STAFF, ready: '[data-testid="area-table"]' },
  // The published year: every figure block filled (协议与履行, 防止激化, 群众满意度, 案件来源).
  { path: '/dashboard?area=150523&from=2023-01-01&to=2023-12-31', roles: ['county'], ready: '[data-testid="satisfaction"]' },
  { path: '/dashboard/cases?area=150523100&from=2023-01-01&to=2023-12-31&measure=accepted', roles: ['town', 'county'], ready: '[data-testid="drill-list"], .empty' },
  { path: '/accounts', roles: STAFF },
  { path: '/accounts/new', roles: STAFF },
  { path: '/network', roles: STAFF },
  { path: '/network/areas', roles: ['county'] },
  { path: '/import', roles: ['county'] },
  // The desk's own sections, on a phone-sized window too (desk/sections.ts).
  { path: '/cases', roles: STAFF },
  { path: '/devices', roles: STAFF },
  { path: '/audit', roles: ['county', 'admin'] },
  // 排查 and 上报 (sweep-seed.ts sends a round and a red 上报 into the mediator's village).
  { path: '/screening', roles: ['mediator'], ready: '[data-testid="screening-item"]' },
  { path: '/screening', roles: ['town'], ready: '[data-testid="coverage-row"]' },
  { path: '/screening/new', roles: ['mediator', 'town'] },
  { path: '/alerts', roles: ['mediator', 'town', 'county'], ready: '[data-testid="alert-item"]' },
  { path: '/alerts/new?case=:case', roles: ['mediator'] },
  // 移交: the demo seeds one waiting at the town, one accepted and one returned (seed/demo-referrals.ts).
  { path: '/referrals', roles: ['mediator'], ready: '[data-testid="referral-item"]' },
  { path: '/referrals', roles: ['town'], ready: '[data-testid="referral-item"]' },
  { path: '/referrals', roles: ['county', 'admin'] },
  { path: '/referrals/new?case=:case', roles: ['mediator'] },
  // 以案定补 and 调解员考核 (ui/subsidy/), with the demo's scored December 2023.
  { path: '/subsidy?month=2023-12', roles: ['town', 'county'], ready: '[data-testid="subsidy-cases"]' },
  { path: '/subsidy/rules', roles: ['town', 'county'], ready: '[data-testid="rules-form"]' },
  { path: '/appraisal?year=2023', roles: ['town', 'county'], ready: '[data-testid="appraisal-table"]' },
];

/**
 * The desk (≥ 1024 px) is swept at 1366×768 over every section of desk/sections.ts for each desk
 * role, plus these screens that open from a section.
 */
export const DESK_EXTRA_ROUTES: readonly SweepRoute[] = [
  { path: '/cases/:case', roles: ['town', 'county'], ready: '[data-testid="case-label"]' },
  { path: '/cases/:case/documents', roles: ['town', 'county'] },
  { path: '/accounts/new', roles: ['town', 'county'] },
  { path: '/me', roles: ['town', 'county'] },
  { path: '/password', roles: ['town', 'county'] },
  { path: '/subsidy?month=2023-12', roles: ['town', 'county'], ready: '[data-testid="subsidy-cases"]' },
  { path: '/subsidy/rules', roles: ['town', 'county'], ready: '[data-testid="rules-form"]' },
  { path: '/appraisal?year=2023', roles: ['town', 'county'], ready: '[data-testid="appraisal-table"]' },
];
