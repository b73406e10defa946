// What a signed month means for sync: a pushed change that would alter a signed month's figures
// for the town is not applied — it is refused into the 待核对 inbox with a sentence saying why and
// what to do (the push path calls lockRefusal). Which changes those are is shared with the device,
// which refuses them on the form first (shared/month-locks.ts). Also the signed months a device
// keeps for that (GET /api/sync/locks).
import type { Kysely } from 'kysely';
import type { CaseRecord } from '../../shared/case.ts';
import { holdingsOf, type SignedMonth } from '../../shared/month-locks.ts';
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { Mutation } from '../../shared/mutations.ts';
import { monthOf } from '../../shared/stat-periods.ts';
import type { DB } from '../store/schema.ts';

/** Per push transaction: the signed months of each town, read once. */
class MonthLocks {
  private readonly towns = new Map<string, Promise<{ months: Set<string>; name: string }>>();
  constructor(private readonly tx: Kysely<DB>) {}

  town(townCode: string): Promise<{ months: Set<string>; name: string }> {
    let entry = this.towns.get(townCode);
    if (!entry) {
      entry = (async () => {
        const rows = await this.tx.selectFrom('stat_signoffs').select('month').where('area_code', '=', townCode).execute();
        const area = rows.length > 0 ? await this.tx.selectFrom('areas').select('name').where('code', '=', townCode).executeTakeFirst() : undefined;
        return { months: new Set(rows.map((r) => r.month)), name: area?.name ?? townCode };
      })();
      this.towns.set(townCode, entry);
    }
    return entry;
  }
}

const perTransaction = new WeakMap<Kysely<DB>, MonthLocks>();

function locksOf(tx: Kysely<DB>): MonthLocks {
  let locks = perTransaction.get(tx);
  if (!locks) perTransaction.set(tx, (locks = new MonthLocks(tx)));
  return locks;
}

export interface Refusal {
  code: MessageKey;
  params: MessageParams;
}

/** Is (village, 受理日期) inside a signed month? Returns the refusal to record if so. */
export async function lockedMonth(tx: Kysely<DB>, villageCode: unknown, acceptedOn: unknown): Promise<Refusal | undefined> {
  if (typeof villageCode !== 'string' || typeof acceptedOn !== 'string' || villageCode.length !== 12) return undefined;
  const town = await locksOf(tx).town(villageCode.slice(0, 9));
  const month = monthOf(acceptedOn);
  if (!town.months.has(month)) return undefined;
  return { code: 'stats.locked', params: { town: town.name, year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) } };
}

/**
 * The push path's check (sync/apply.ts), after scope: undefined = go ahead. A case is held by
 * the month it was accepted in, before the change and — for a moved date or village — after it.
 */
export async function lockRefusal(tx: Kysely<DB>, m: Mutation, before: CaseRecord | undefined): Promise<Refusal | undefined> {
  for (const h of holdingsOf(m, before)) {
    const held = await lockedMonth(tx, h.villageCode, h.acceptedOn);
    if (held) return held;
  }
  return undefined;
}

/**
 * Every signed month of the towns a principal's scope touches (a village's mediator: its town),
 * with whether the county signed it too — what a device needs to refuse a locked edit offline.
 */
export async function signedMonthsFor(db: Kysely<DB>, scopes: readonly string[]): Promise<SignedMonth[]> {
  const prefixes = [...new Set(scopes.map((s) => s.slice(0, 9)))];
  if (prefixes.length === 0) return [];
  const rows = (await db.selectFrom('stat_signoffs').select(['area_code', 'month'])
    .where((eb) => eb.or(prefixes.map((p) => eb('area_code', 'like', `${p.slice(0, 6)}%`))))
    .execute());
  const signed = new Set(rows.map((r) => `${r.area_code}|${r.month}`));
  const towns = rows.filter((r) => r.area_code.length === 9 && prefixes.some((p) => r.area_code.startsWith(p)));
  const codes = [...new Set(towns.map((r) => r.area_code))];
  const names = new Map(codes.length === 0 ? [] : (await db.selectFrom('areas').select(['code', 'name']).where('code', 'in', codes).execute()).map((a) => [a.code, a.name]));
  return towns
    .map((r) => ({ town: r.area_code, townName: names.get(r.area_code) ?? r.area_code, month: r.month, county: signed.has(`${r.area_code.slice(0, 6)}|${r.month}`) }))
    .sort((a, b) => a.town.localeCompare(b.town) || a.month.localeCompare(b.month));
}
