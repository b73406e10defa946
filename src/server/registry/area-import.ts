// Importing a county's 统计用区划代码 as valid from a date. Codes are republished yearly, so the
// import compares with the codes valid now: new codes start on `validFrom`, vanished codes end
// the day before it (valid_to = validFrom, exclusive) and keep their rows and cases; a vanished
// village whose name reappears under a new code in the same town is a re-coding — the history
// links the two and the village's committee, 法律明白人, mediator accounts and residents' open
// requests move to the new code. Cases keep the code they were recorded under: they are history.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Area } from '../../shared/areas.ts';
import type { AreaChangeItem, AreaImportResult } from '../../shared/divisions.ts';
import { villageBaseName } from '../../shared/ledger.ts';
import type { DB } from '../store/schema.ts';
import { ApiError } from '../http/errors.ts';
import { moveMediatorScope } from '../auth/users.ts';

type Level = AreaChangeItem['level'];

export async function importDivisions(tx: Kysely<DB>, county: string, incoming: readonly Area[], validFrom: string, by: string, now: string): Promise<AreaImportResult> {
  const current = await tx.selectFrom('areas').select(['code', 'name', 'level', 'parent', 'valid_to'])
    .where((eb) => eb.or([eb('code', '=', county), eb('code', 'like', `${county}%`)])).execute();
  const byCode = new Map(current.map((a) => [a.code, a]));
  const incomingCodes = new Set(incoming.map((a) => a.code));
  if (!incomingCodes.has(county) && !byCode.has(county)) throw new ApiError(400, 'divisions.countyMissing', { county });
  for (const a of incoming) {
    if (a.parent !== null && !incomingCodes.has(a.parent) && !byCode.has(a.parent)) throw new ApiError(400, 'divisions.parentMissing', { value: a.code });
  }
  // History runs forwards: a date before the county's last import would end codes before they began.
  const last = await tx.selectFrom('area_changes').select((eb) => eb.fn.max('changed_on').as('on'))
    .where((eb) => eb.or([eb('old_code', '=', county), eb('old_code', 'like', `${county}%`)])).executeTakeFirst();
  if (last?.on && validFrom < last.on) throw new ApiError(400, 'divisions.validFromBefore', { date: last.on });

  const result: AreaImportResult = { added: 0, renamed: 0, retired: 0, recoded: [], unchanged: 0, changes: [], movedAccounts: [], movedRequests: 0, dryRun: false };
  const log = (oldCode: string, newCode: string | null, kind: 'recoded' | 'renamed' | 'retired' | 'added', note: string | null) =>
    tx.insertInto('area_changes').values({ id: uuidv7(), old_code: oldCode, new_code: newCode, kind, changed_on: validFrom, note, created_at: now, created_by: by }).execute();

  const added: Area[] = [];
  const renamed: AreaChangeItem[] = [];
  for (const a of incoming) {
    const existing = byCode.get(a.code);
    if (!existing) {
      await tx.insertInto('areas').values({ code: a.code, name: a.name, level: a.level, parent: a.parent, valid_from: validFrom, valid_to: null }).execute();
      added.push(a);
    } else if (existing.name !== a.name) {
      await tx.updateTable('areas').set({ name: a.name, valid_to: null }).where('code', '=', a.code).execute();
      await log(a.code, a.code, 'renamed', `${existing.name} → ${a.name}`);
      renamed.push({ kind: 'renamed', level: a.level as Level, code: a.code, name: a.name, oldName: existing.name });
    } else if (existing.valid_to !== null) {
      // A code that had ended comes back: it is valid again from this date.
      await tx.updateTable('areas').set({ valid_to: null }).where('code', '=', a.code).execute();
      added.push(a);
    } else result.unchanged++;
  }

  // Only the levels the file holds can vanish: the national lists bring towns (streets.csv) and
  // villages (villages.csv) in separate files, and a towns-only file must not end every village.
  const levels = new Set<string>(incoming.map((a) => a.level));
  const vanished = current.filter((a) => a.valid_to === null && !incomingCodes.has(a.code) && a.code !== county && levels.has(a.level));
  const successors = new Set<string>();
  const recoded: AreaChangeItem[] = [];
  const retired: AreaChangeItem[] = [];
  for (const old of vanished) {
    await tx.updateTable('areas').set({ valid_to: validFrom }).where('code', '=', old.code).execute();
    const successor = old.level === 'village'
      ? added.find((a) => a.level === 'village' && a.parent === old.parent && !successors.has(a.code) && villageBaseName(a.name) === villageBaseName(old.name))
      : undefined;
    if (!successor) {
      await log(old.code, null, 'retired', old.name);
      retired.push({ kind: 'retired', level: old.level as Level, code: old.code, name: old.name });
      continue;
    }
    successors.add(successor.code);
    await log(old.code, successor.code, 'recoded', old.name);
    result.recoded.push({ oldCode: old.code, newCode: successor.code, name: successor.name });
    recoded.push({ kind: 'recoded', level: 'village', code: successor.code, name: successor.name, oldCode: old.code, ...(old.name === successor.name ? {} : { oldName: old.name }) });
    const taken = await tx.selectFrom('committees').select('id').where('area_code', '=', successor.code).executeTakeFirst();
    if (!taken) await tx.updateTable('committees').set({ area_code: successor.code, updated_at: now, updated_by: by }).where('area_code', '=', old.code).execute();
    await tx.updateTable('legal_persons').set({ village_code: successor.code, updated_at: now, updated_by: by }).where('village_code', '=', old.code).execute();
    result.movedAccounts.push(...await moveMediatorScope(tx, old.code, successor.code));
    const requests = await tx.updateTable('mediation_requests')
      .set({ village_code: successor.code, town_code: successor.code.slice(0, 9), county_code: successor.code.slice(0, 6) })
      .where('village_code', '=', old.code).where('status', '=', 'new').executeTakeFirst();
    result.movedRequests += Number(requests.numUpdatedRows);
  }
  // A re-coded village's new code is logged and reported once, as re-coded, not also as added.
  const addedItems: AreaChangeItem[] = [];
  for (const a of added.filter((x) => !successors.has(x.code))) {
    await log(a.code, a.code, 'added', a.name);
    addedItems.push({ kind: 'added', level: a.level as Level, code: a.code, name: a.name });
  }
  result.changes = [...addedItems, ...renamed, ...recoded, ...retired];
  result.added = added.length;
  result.renamed = renamed.length;
  result.retired = retired.length;
  return result;
}
