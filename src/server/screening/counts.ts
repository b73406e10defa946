// 排查 figures of an area and period, read from the screenings table: 排查次数 (rounds), 排查发现
// 矛盾纠纷 (findings) and 预防纠纷 (findings 已化解 on the spot). Used by /api/stats and the 司法部
// report (report.ts screeningTable). A town committee's own rounds count in its town and county.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { noScreening, type ScreeningCounts } from '../../shared/screening.ts';

/** `to` is exclusive, as the stats API's periods are. */
export async function screeningCounts(db: Kysely<DB>, area: string, from: string, to: string): Promise<ScreeningCounts> {
  const column = area.length === 12 ? 'area_code' : area.length === 9 ? 'town_code' : 'county_code';
  const row = await db.selectFrom('screenings')
    .select((eb) => [eb.fn.countAll<number>().as('rounds'), eb.fn.sum<number>('found').as('found'), eb.fn.sum<number>('prevented').as('prevented')])
    .where('held_on', '>=', from).where('held_on', '<', to)
    .$if(area.length === 12 || area.length === 9 || area.length === 6, (q) => q.where(column, '=', area))
    // Provinces (2 digits) and cities (4): every county under them.
    .$if(area.length === 2 || area.length === 4, (q) => q.where('county_code', 'like', `${area}%`))
    .executeTakeFirst();
  if (!row) return noScreening();
  return { rounds: Number(row.rounds ?? 0), found: Number(row.found ?? 0), prevented: Number(row.prevented ?? 0) };
}
