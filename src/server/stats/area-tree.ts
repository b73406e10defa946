// Areas as the statistics see them: the one asked about, the path from the county down to it
// (the breadcrumb), and its children valid during the period (a code retired mid-year still
// shows, with its cases, for the months it existed).
import type { Kysely } from 'kysely';
import type { Period } from '../../shared/stats.ts';
import type { AreaRef } from '../../shared/stats-api.ts';
import { t } from '../../shared/i18n/index.ts';
import type { DB } from '../store/schema.ts';
import { ApiError } from '../http/errors.ts';
import { nationalArea } from '../divisions/national.ts';

export async function areaInfo(db: Kysely<DB>, code: string): Promise<AreaRef> {
  if (code === '') return { code: '', name: t('server.allAreas'), level: 'all' };
  const row = await db.selectFrom('areas').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
  if (row) return row;
  // A province this server holds counties of without a row of its own (the nation's table links it).
  const under = code.length === 2 ? await db.selectFrom('areas').select(['code', 'name', 'level']).where('code', 'like', `${code}%`).limit(1).executeTakeFirst() : undefined;
  if (!under) throw new ApiError(404, 'area.notFound');
  return provincesOf([under])[0] ?? { code, name: code, level: 'province' };
}

/** The chain of areas from the widest known one down to `code` (inclusive). */
export async function areaPath(db: Kysely<DB>, code: string): Promise<AreaRef[]> {
  if (code === '') return [];
  const prefixes = [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
  const rows = await db.selectFrom('areas').select(['code', 'name', 'level']).where('code', 'in', prefixes).execute();
  return rows.sort((a, b) => a.code.length - b.code.length);
}

export async function childAreas(db: Kysely<DB>, code: string, period: Period): Promise<AreaRef[]> {
  let q = db.selectFrom('areas').select(['code', 'name', 'level'])
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<', period.to)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', period.from)]));
  if (code === '') return provincesOf(await q.where('parent', 'is', null).orderBy('code').execute());
  else if (code.length < 6) q = q.where('level', '=', 'county').where('code', 'like', `${code}%`);
  else if (code.length === 12) return [];
  else q = q.where('parent', '=', code);
  return q.orderBy('code').execute();
}

/**
 * The nation's children are its provinces (the roll-ups group by the first two digits), but a
 * server set up for one county holds that county without its province as a top area: each top
 * area stands for its province, named from its own row or the national list.
 */
function provincesOf(tops: readonly AreaRef[]): AreaRef[] {
  const byCode = new Map<string, AreaRef>();
  for (const a of tops) {
    const code = a.code.slice(0, 2);
    if (a.code.length === 2) byCode.set(code, a);
    else if (!byCode.has(code)) byCode.set(code, { code, name: nationalArea(code)?.name ?? code, level: 'province' });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}
