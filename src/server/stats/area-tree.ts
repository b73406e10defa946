// Areas as the statistics see them: the one asked about, the path from the county down to it
// (the breadcrumb), and its children valid during the period (a code retired mid-year still
// shows, with its cases, for the months it existed).
import type { Kysely } from 'kysely';
import type { Period } from '../../shared/stats.ts';
import type { AreaRef } from '../../shared/stats-api.ts';
import { t } from '../../shared/i18n/index.ts';
import type { DB } from '../store/schema.ts';
import { ApiError } from '../http/errors.ts';

export async function areaInfo(db: Kysely<DB>, code: string): Promise<AreaRef> {
  if (code === '') return { code: '', name: t('server.allAreas'), level: 'all' };
  const row = await db.selectFrom('areas').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
  if (!row) throw new ApiError(404, 'area.notFound');
  return row;
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
  if (code === '') q = q.where('parent', 'is', null);
  else if (code.length < 6) q = q.where('level', '=', 'county').where('code', 'like', `${code}%`);
  else if (code.length === 12) return [];
  else q = q.where('parent', '=', code);
  return q.orderBy('code').execute();
}
