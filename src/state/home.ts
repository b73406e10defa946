// Where a role lands on a phone when the app opens at `/`. A mediator's home is the case list;
// town, county and admin staff land on their work: 待核对 when items wait there, else the
// dashboard. The laptop layout (desk) chooses its own homes and may reuse the same answer.

import { db } from './app-state.ts';
import { undecidedCount } from './review-count.ts';
import type { Role } from './session.ts';

export async function phoneLanding(role: Role): Promise<string | undefined> {
  if (role === 'mediator') return undefined;
  return (await undecidedCount(db)) > 0 ? '/review' : '/dashboard';
}
