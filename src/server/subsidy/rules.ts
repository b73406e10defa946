// A county's subsidy rules: read (the defaults until the county saves its own), saved as a new
// version by county staff, every version kept in subsidy_log with who saved it and when.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { emptyRules, type StoredRules, type SubsidyRules } from '../../shared/subsidy.ts';
import type { DB } from '../store/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { assertInScope } from '../auth/principal.ts';

export async function rulesOf(db: Kysely<DB>, county: string): Promise<StoredRules> {
  const row = await db.selectFrom('subsidy_rules').selectAll().where('county_code', '=', county).executeTakeFirst();
  if (!row) return { ...emptyRules(), countyCode: county, version: 0, updatedAt: null, updatedBy: null };
  const name = await db.selectFrom('users').select('display_name').where('username', '=', row.updated_by).executeTakeFirst();
  return { ...emptyRules(), ...(JSON.parse(row.rules) as SubsidyRules), countyCode: county, version: Number(row.version), updatedAt: row.updated_at, updatedBy: name?.display_name ?? row.updated_by };
}

export async function saveRules(ctx: Ctx, p: Principal, county: string, rules: SubsidyRules): Promise<number> {
  if (p.role !== 'county' && p.role !== 'admin') throw new ApiError(403, 'subsidy.err.countyOnly');
  assertInScope(p, county);
  if (county.length !== 6) throw new ApiError(400, 'subsidy.err.level');
  const at = ctx.now().toISOString();
  const json = JSON.stringify(rules);
  return ctx.store.write(async (tx) => {
    const current = await tx.selectFrom('subsidy_rules').select('version').where('county_code', '=', county).executeTakeFirst();
    const version = Number(current?.version ?? 0) + 1;
    if (current) await tx.updateTable('subsidy_rules').set({ version, rules: json, updated_at: at, updated_by: p.username }).where('county_code', '=', county).execute();
    else await tx.insertInto('subsidy_rules').values({ county_code: county, version, rules: json, updated_at: at, updated_by: p.username }).execute();
    await tx.insertInto('subsidy_log').values({ id: uuidv7(), county_code: county, at, by_user: p.username, action: 'rules', target: `v${version}`, detail: json }).execute();
    return version;
  });
}

export interface SubsidyLogEntry {
  at: string;
  by: string;
  action: string;
  target: string;
}

export async function subsidyLog(db: Kysely<DB>, county: string, action: string): Promise<SubsidyLogEntry[]> {
  const rows = await db.selectFrom('subsidy_log').leftJoin('users', 'users.username', 'subsidy_log.by_user')
    .select(['subsidy_log.at as at', 'subsidy_log.by_user as by_user', 'users.display_name as name', 'subsidy_log.action as action', 'subsidy_log.target as target'])
    .where('subsidy_log.county_code', '=', county).where('subsidy_log.action', '=', action)
    .orderBy('subsidy_log.at', 'desc').orderBy('subsidy_log.id', 'desc').limit(50).execute();
  return rows.map((r) => ({ at: r.at, by: r.name ?? r.by_user, action: r.action, target: r.target }));
}
