// Setting up a county from the national list: its towns and villages, and the default
// 人民调解委员会 of every 村/居委会 and 乡镇 (人民调解法 Art 8, 34), in one transaction. Idempotent:
// rows already there (an earlier set-up, or a later 区划变更 import) are left as they are.
import type { Kysely } from 'kysely';
import { committeeNameOf, type Area } from '../../shared/areas.ts';
import type { CountySetUp } from '../../shared/areas-api.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { ApiError } from '../http/errors.ts';
import { nationalCounty } from './national.ts';


/** Inserts the areas and their committees that are not there yet. */
export async function addAreas(tx: Kysely<DB>, areas: readonly Area[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < areas.length; i += 200) {
    const slice = areas.slice(i, i + 200);
    const result = await tx.insertInto('areas').values(slice.map((a) => ({ code: a.code, name: a.name, level: a.level, parent: a.parent })))
      .onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
    const committees = slice.filter((a) => a.level === 'village' || a.level === 'town');
    if (committees.length > 0) {
      await tx.insertInto('committees').values(committees.map((a) => ({ id: `committee-${a.code}`, area_code: a.code, name: committeeNameOf(a.name) })))
        .onConflict((oc) => oc.doNothing()).execute();
    }
  }
  return added;
}

export async function addCounty(store: Store, county: string): Promise<CountySetUp> {
  const areas = nationalCounty(county);
  if (!areas) throw new ApiError(404, 'county.unknown', { county });
  const added = await store.write((tx) => addAreas(tx, areas));
  return {
    county,
    name: areas[0]?.name ?? county,
    towns: areas.filter((a) => a.level === 'town').length,
    villages: areas.filter((a) => a.level === 'village').length,
    added,
  };
}
