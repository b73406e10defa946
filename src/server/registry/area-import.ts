// Importing a county's 统计用区划代码 as valid from a date. Codes are republished yearly, so the
// import compares with the codes valid now: new codes start on `validFrom`, vanished codes end
// the day before it (valid_to = validFrom, exclusive) and keep their rows and cases; a vanished
// village whose name reappears under a new code in the same town is a re-coding — the history
// links the two and the village's committee and 法律明白人 move to the new code.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Area } from '../../shared/areas.ts';
import { villageBaseName } from '../../shared/ledger.ts';
import type { DB } from '../store/schema.ts';
import { ApiError } from '../http/errors.ts';

export interface AreaImportResult {
  added: number;
  renamed: number;
  retired: number;
  recoded: { oldCode: string; newCode: string; name: string }[];
  unchanged: number;
}

export async function importDivisions(tx: Kysely<DB>, county: string, incoming: readonly Area[], validFrom: string, by: string, now: string): Promise<AreaImportResult> {
  const current = await tx.selectFrom('areas').select(['code', 'name', 'level', 'parent', 'valid_to'])
    .where((eb) => eb.or([eb('code', '=', county), eb('code', 'like', `${county}%`)])).execute();
  const byCode = new Map(current.map((a) => [a.code, a]));
  const incomingCodes = new Set(incoming.map((a) => a.code));
  if (!incomingCodes.has(county) && !byCode.has(county)) throw new ApiError(400, 'divisions.countyMissing', { county });
  for (const a of incoming) {
    if (a.parent !== null && !incomingCodes.has(a.parent) && !byCode.has(a.parent)) throw new ApiError(400, 'divisions.parentMissing', { value: a.code });
  }

  const result: AreaImportResult = { added: 0, renamed: 0, retired: 0, recoded: [], unchanged: 0 };
  const log = (oldCode: string, newCode: string | null, kind: 'recoded' | 'renamed' | 'retired' | 'added', note: string | null) =>
    tx.insertInto('area_changes').values({ id: uuidv7(), old_code: oldCode, new_code: newCode, kind, changed_on: validFrom, note, created_at: now, created_by: by }).execute();

  const added: Area[] = [];
  for (const a of incoming) {
    const existing = byCode.get(a.code);
    if (!existing) {
      await tx.insertInto('areas').values({ code: a.code, name: a.name, level: a.level, parent: a.parent, valid_from: validFrom, valid_to: null }).execute();
      await log(a.code, a.code, 'added', a.name);
      added.push(a);
      result.added++;
    } else if (existing.valid_to !== null || existing.name !== a.name) {
      await tx.updateTable('areas').set({ name: a.name, valid_to: null }).where('code', '=', a.code).execute();
      if (existing.name !== a.name) await log(a.code, a.code, 'renamed', `${existing.name} → ${a.name}`);
      else await log(a.code, a.code, 'added', a.name);
      result.renamed++;
    } else result.unchanged++;
  }

  const vanished = current.filter((a) => a.valid_to === null && !incomingCodes.has(a.code) && a.code !== county);
  for (const old of vanished) {
    await tx.updateTable('areas').set({ valid_to: validFrom }).where('code', '=', old.code).execute();
    const successor = old.level === 'village'
      ? added.find((a) => a.level === 'village' && a.parent === old.parent && villageBaseName(a.name) === villageBaseName(old.name))
      : undefined;
    if (!successor) {
      await log(old.code, null, 'retired', old.name);
      result.retired++;
      continue;
    }
    await log(old.code, successor.code, 'recoded', old.name);
    result.recoded.push({ oldCode: old.code, newCode: successor.code, name: successor.name });
    const taken = await tx.selectFrom('committees').select('id').where('area_code', '=', successor.code).executeTakeFirst();
    if (!taken) await tx.updateTable('committees').set({ area_code: successor.code, updated_at: now, updated_by: by }).where('area_code', '=', old.code).execute();
    await tx.updateTable('legal_persons').set({ village_code: successor.code, updated_at: now, updated_by: by }).where('village_code', '=', old.code).execute();
  }
  return result;
}
