// 移交 in/out of an area and period, read from the referrals table (referral.ts ReferralCounts).
// A committee belongs to the area its 12-digit case area lies in (a prefix match, as everywhere):
// a village's referral to its own town's 镇调委会 is 移出 for the village and 移入 for the town's
// own row, and both inside the town's and the county's totals. Counted by the day it was sent.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { noReferrals, type ReferralCounts } from '../../shared/referral.ts';

/** `to` is exclusive, as the stats API's periods are. An empty area is everything. */
export async function referralCounts(db: Kysely<DB>, area: string, from: string, to: string): Promise<ReferralCounts> {
  const like = `${area}%`;
  const row = await db.selectFrom('referrals')
    .select([
      sql<number>`sum(case when from_area like ${like} then 1 else 0 end)`.as('out'),
      sql<number>`sum(case when to_area like ${like} and status = 'accepted' then 1 else 0 end)`.as('in'),
      sql<number>`sum(case when to_area like ${like} and status = 'returned' then 1 else 0 end)`.as('returned'),
      sql<number>`sum(case when to_area like ${like} and status = 'sent' then 1 else 0 end)`.as('waiting'),
    ])
    .where('sent_at', '>=', from).where('sent_at', '<', to)
    .where((eb) => eb.or([eb('from_area', 'like', like), eb('to_area', 'like', like)]))
    .executeTakeFirst();
  if (!row) return noReferrals();
  return { out: Number(row.out ?? 0), in: Number(row.in ?? 0), returned: Number(row.returned ?? 0), waiting: Number(row.waiting ?? 0) };
}
