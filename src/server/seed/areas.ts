// The area tree and one 人民调解委员会 per village (村/居委会) and per town (镇调委会), for the demo
// seed and the tests: the same idempotent insert a county's set-up uses (divisions/add-county.ts).
import type { Kysely } from 'kysely';
import { committeeNameOf, type Area } from '../../shared/areas.ts';
import type { DB } from '../store/schema.ts';
import { addAreas } from '../divisions/add-county.ts';

export function committeeName(area: Pick<Area, 'name'>): string {
  return committeeNameOf(area.name);
}

export async function seedAreas(db: Kysely<DB>, areas: readonly Area[]): Promise<number> {
  return db.transaction().execute((tx) => addAreas(tx, areas));
}
