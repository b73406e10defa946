// The 待核对 nav badge's number, apart from the inbox (review.ts) because the shell shows it on
// the first screen: decisions queued on this device hide their items before the server confirms.

import type { ShuoheDb } from '../db/schema.ts';
import { db } from './app-state.ts';
import { useLive } from './live.ts';

interface Queued {
  /** conflict id → the value chosen for it. */
  resolutions: Map<string, unknown>;
  /** Refused changes marked 知道了. */
  dismissals: Set<string>;
}

/** Decisions queued on this device (optionally for one case), not yet confirmed by the server. */
export async function queuedDecisions(d: ShuoheDb, caseId?: string): Promise<Queued> {
  const queued: Queued = { resolutions: new Map(), dismissals: new Set() };
  const rows = caseId === undefined ? d.outbox.toCollection() : d.outbox.where('caseId').equals(caseId);
  await rows.each((m) => {
    if (m.name === 'conflict.resolve') queued.resolutions.set(m.args.conflictId, m.args.value);
    if (m.name === 'review.dismiss') queued.dismissals.add(m.args.reviewId);
  });
  return queued;
}

/** Items still waiting for a person on this device (a decision, or 知道了): the nav badge's number. */
export async function undecidedCount(d: ShuoheDb): Promise<number> {
  const open = await d.review.where('status').equals('open').primaryKeys();
  if (open.length === 0) return 0;
  const { resolutions, dismissals } = await queuedDecisions(d);
  return open.filter((id) => !resolutions.has(id) && !dismissals.has(id)).length;
}

export function useUndecidedCount(): number {
  return useLive(() => undecidedCount(db), []).value ?? 0;
}
