// The statistics view of the local cases, apart from queries.ts so the roll-up code loads with
// the statistics screen, not with the case list.

import { toStatCase, type StatCase } from '../shared/stats.ts';
import type { ShuoheDb } from './schema.ts';

/** The statistics view of every local case, streamed (StatCase is small: no personal data). */
export async function statCases(db: ShuoheDb): Promise<StatCase[]> {
  const out: StatCase[] = [];
  await db.cases.each((c) => out.push(toStatCase(c)));
  return out;
}
