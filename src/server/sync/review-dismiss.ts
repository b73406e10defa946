// review.dismiss on the server: a person read a refused change and marked it 知道了. The item is
// kept (status 'resolved', who and when recorded in the row and in its data) and travels to every
// device in scope like any review change; nothing about the case changes. Scope is the item's own
// area, so a refused 受理登记 with no case behind it is still guarded.
import type { Mutation } from '../../shared/mutations.ts';
import { assertCaseInScope } from '../auth/principal.ts';
import type { Applied } from './apply.ts';
import type { Batch } from './batch.ts';

export async function dismissReview(b: Batch, m: Extract<Mutation, { name: 'review.dismiss' }>): Promise<Applied> {
  const row = await b.tx.selectFrom('review_items').select(['village_code', 'town_code', 'county_code', 'committee_id'])
    .where('id', '=', m.args.reviewId).executeTakeFirst();
  // The most precise area the row knows ('' for a refusal filed under no area: admin only).
  if (row) assertCaseInScope(b.principal, { villageCode: row.village_code || row.town_code || row.county_code, committeeId: row.committee_id });
  const review = await b.review(m.args.reviewId);
  if (!row || !review || review.item.kind !== 'rejected' || review.item.caseId !== m.caseId) return { status: 'rejected', code: 'review.notFound' };
  // Said on another device first, or sent again: the item is already where this one would put it.
  if (review.item.status !== 'open') return { status: 'applied' };
  review.item = { ...review.item, status: 'resolved', dismissed: { by: m.userId, byName: await b.displayName(m.userId), at: b.now } };
  review.resolvedBy = m.userId;
  return { status: 'applied' };
}
