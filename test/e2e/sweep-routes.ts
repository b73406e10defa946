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
  { path: '/review', roles: WORK },
  { path: '/requests', roles: WORK },
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
];
