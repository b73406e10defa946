// The area tree and one 人民调解委员会 per village (村/居委会) and per town (镇调委会),
// loaded once into an empty database.
import type { Kysely } from 'kysely';
import { committeeNameOf, type Area } from '../../shared/areas.ts';
import type { DB } from '../store/schema.ts';

export function committeeName(area: Pick<Area, 'name'>): string {
  return committeeNameOf(area.name);
}

export async function seedAreas(db: Kysely<DB>, areas: readonly Area[]): Promise<number> {
  const existing = await db.selectFrom('areas').select('code').limit(1).execute();
  if (existing.length > 0) return 0;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < areas.length; i += 200) {
      const slice = areas.slice(i, i + 200);
      await tx.insertInto('areas').values(slice.map((a) => ({ code: a.code, name: a.name, level: a.level, parent: a.parent }))).execute();
      const committees = slice.filter((a) => a.level === 'village' || a.level === 'town');
      if (committees.length > 0) {
        await tx.insertInto('committees').values(committees.map((a) => ({ id: `committee-${a.code}`, area_code: a.code, name: committeeName(a) }))).execute();
      }
    }
  });
  return areas.length;
}
