// Month sign-off (DHIS2's data approval, peers.md §5.9): a town signs off its month once the
// month is over; the county signs off after all its towns have. A signed month is locked
// (month-locks.ts). Unlocking needs a reason and a county-level account (a town may unlock its
// own month while the county has not signed); every sign and unlock is kept in stat_signoff_log.
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import { monthPeriod } from '../../shared/stat-periods.ts';
import type { MonthSignoff, SignoffLogEntry } from '../../shared/stats-api.ts';
import type { DB } from '../store/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { assertInScope } from '../auth/principal.ts';
import { childAreas } from './area-tree.ts';
import { localDate } from '../../shared/dates.ts';
import { freezeTown, thawTown } from '../subsidy/sheet.ts';

async function townsOf(db: Kysely<DB>, county: string, month: string) {
  return childAreas(db, county, monthPeriod(month));
}

export async function signoffStatus(ctx: Ctx, area: string, year: number): Promise<MonthSignoff[]> {
  const db = ctx.store.read;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  // The person, not the account name: "已签收（白红霞…）" rather than "zhen".
  const rows = await db.selectFrom('stat_signoffs').leftJoin('users', 'users.username', 'stat_signoffs.signed_by')
    .select(['stat_signoffs.area_code as area_code', 'stat_signoffs.month as month', 'stat_signoffs.signed_at as signed_at', 'stat_signoffs.signed_by as signed_by', 'users.display_name as signed_by_name'])
    .where('stat_signoffs.month', '>=', months[0] ?? '').where('stat_signoffs.month', '<=', months[11] ?? '')
    .where((eb) => eb.or([eb('stat_signoffs.area_code', '=', area), eb('stat_signoffs.area_code', 'like', `${area}___`)])).execute();
  const signed = new Map(rows.map((r) => [`${r.area_code}|${r.month}`, r]));
  const towns = area.length === 6 ? await childAreas(db, area, { from: `${year}-01-01`, to: `${year + 1}-01-01` }) : [];
  return months.map((month) => {
    const own = signed.get(`${area}|${month}`);
    return {
      month, state: own ? 'signed' : 'open', signedAt: own?.signed_at ?? null, signedBy: own?.signed_by ?? null, signedByName: own ? (own.signed_by_name ?? own.signed_by) : null,
      ...(area.length === 6 ? { towns: towns.map((t) => ({ code: t.code, name: t.name, state: signed.has(`${t.code}|${month}`) ? 'signed' as const : 'open' as const })) } : {}),
    };
  });
}

function assertSignableArea(p: Principal, area: string): void {
  assertInScope(p, area);
  if (area.length !== 9 && area.length !== 6) throw new ApiError(400, 'signoff.level');
  // A town signs its own month; the county (or an administrator) signs the county's.
  if (area.length === 9 && p.role !== 'town' && p.role !== 'admin') throw new ApiError(403, 'signoff.townOnly');
  if (area.length === 6 && p.role !== 'county' && p.role !== 'admin') throw new ApiError(403, 'signoff.countyOnly');
}

export async function signMonth(ctx: Ctx, p: Principal, area: string, month: string): Promise<void> {
  assertSignableArea(p, area);
  const today = localDate(ctx.now());
  if (monthPeriod(month).to > today) throw new ApiError(409, 'signoff.notOver');
  const now = ctx.now().toISOString();
  await ctx.store.write(async (tx) => {
    if (area.length === 6) {
      const towns = await townsOf(tx, area, month);
      const signed = await tx.selectFrom('stat_signoffs').select('area_code').where('month', '=', month)
        .where('area_code', 'in', towns.length > 0 ? towns.map((t) => t.code) : ['-']).execute();
      const missing = towns.filter((t) => !signed.some((s) => s.area_code === t.code));
      if (missing.length > 0) throw new ApiError(409, 'signoff.townsMissing', { towns: missing.map((t) => t.name).join('、') });
    }
    const existing = await tx.selectFrom('stat_signoffs').select('month').where('area_code', '=', area).where('month', '=', month).executeTakeFirst();
    if (existing) throw new ApiError(409, 'signoff.already');
    await tx.insertInto('stat_signoffs').values({ area_code: area, month, signed_at: now, signed_by: p.username }).execute();
    await tx.insertInto('stat_signoff_log').values({ id: uuidv7(), area_code: area, month, action: 'sign', at: now, by_user: p.username, reason: null }).execute();
    // The town's subsidy sheet of the month is locked with its figures (以案定补, subsidy/sheet.ts).
    if (area.length === 9) await freezeTown(tx, area, month, now);
  });
}

export async function unlockMonth(ctx: Ctx, p: Principal, area: string, month: string, reason: string): Promise<void> {
  assertInScope(p, area);
  if (area.length !== 9 && area.length !== 6) throw new ApiError(400, 'signoff.level');
  const county = area.slice(0, 6);
  const now = ctx.now().toISOString();
  await ctx.store.write(async (tx) => {
    const own = await tx.selectFrom('stat_signoffs').select('month').where('area_code', '=', area).where('month', '=', month).executeTakeFirst();
    if (!own) throw new ApiError(409, 'signoff.notSigned');
    const countySigned = await tx.selectFrom('stat_signoffs').select('month').where('area_code', '=', county).where('month', '=', month).executeTakeFirst();
    const isCountyLevel = p.role === 'county' || p.role === 'admin';
    if (!isCountyLevel && (area.length === 6 || countySigned)) throw new ApiError(403, 'signoff.unlockCounty');
    // A town's figures change once it is unlocked, so the county's sign-off of the month goes too.
    const released = area.length === 9 && countySigned ? [area, county] : [area];
    for (const code of released) {
      await tx.deleteFrom('stat_signoffs').where('area_code', '=', code).where('month', '=', month).execute();
      await tx.insertInto('stat_signoff_log').values({ id: uuidv7(), area_code: code, month, action: 'unlock', at: now, by_user: p.username, reason }).execute();
      if (code.length === 9) await thawTown(tx, code, month);
    }
  });
}

export async function signoffLog(ctx: Ctx, area: string): Promise<SignoffLogEntry[]> {
  const rows = await ctx.store.read.selectFrom('stat_signoff_log').selectAll().where('area_code', 'like', `${area}%`)
    .orderBy('at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map((r) => ({ areaCode: r.area_code, month: r.month, action: r.action, at: r.at, by: r.by_user, reason: r.reason }));
}
