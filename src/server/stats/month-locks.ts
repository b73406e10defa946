// What a signed month means for sync: once a town has signed off a month's statistics, a pushed
// change that would alter that month's figures for the town is not applied — it is refused into
// the 待核对 inbox with a sentence saying why and what to do (the push path calls lockRefusal).
// Changes that leave the figures alone (sessions, notes, parties' details) still go through, and so
// do the facts that come after the month by nature — the 回访 (履行), the court's 司法确认, moving an
// ended case on to 已回访/归档: refusing them would keep a signed month's cases from ever being
// finished. The report says 履行 and 司法确认 are counted as of the day it is made.
import type { Kysely } from 'kysely';
import type { CaseRecord, PatchableField } from '../../shared/case.ts';
import { lockedFields } from '../../shared/fields/case-fields.ts';
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { Mutation } from '../../shared/mutations.ts';
import type { CaseStatus } from '../../shared/lifecycle.ts';
import { monthOf } from '../../shared/stat-periods.ts';
import type { DB } from '../store/schema.ts';

/** Fields the statistics read: changing one changes a signed month's figures (the registry's `locked`; judicialConfirmation: see above). */
const statisticsFields: readonly PatchableField[] = lockedFields;

const lockedSteps: readonly CaseStatus[] = ['agreed', 'terminated', 'rejected'];

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

function changesStatistics(m: Mutation): boolean {
  switch (m.name) {
    case 'case.create':
    case 'case.void':
      return true;
    case 'case.transition':
      // Only the steps that end a case change 受理/成功/不成/未结; 调解中, 已回访 and 归档 do not.
      return lockedSteps.includes(m.args.to);
    case 'case.patch':
      return statisticsFields.some((f) => m.patch[f] !== undefined);
    case 'conflict.resolve':
      return statisticsFields.includes(m.args.field);
    case 'event.append':
      return false;
    case 'review.dismiss':
      return false;
  }
}

/**
 * The push path's check (sync/apply.ts), after scope: undefined = go ahead. A case is held by
 * the month it was accepted in, before the change and — for a moved date or village — after it.
 */
export async function lockRefusal(tx: Kysely<DB>, m: Mutation, before: CaseRecord | undefined): Promise<Refusal | undefined> {
  if (!changesStatistics(m)) return undefined;
  if (m.name === 'case.create') return lockedMonth(tx, m.args.record.villageCode, m.args.record.acceptedOn);
  if (!before) return undefined;
  const held = await lockedMonth(tx, before.villageCode, before.acceptedOn);
  if (held) return held;
  const nextVillage = m.name === 'case.patch' ? m.patch.villageCode?.next : m.name === 'conflict.resolve' && m.args.field === 'villageCode' ? m.args.value : undefined;
  const nextDate = m.name === 'case.patch' ? m.patch.acceptedOn?.next : m.name === 'conflict.resolve' && m.args.field === 'acceptedOn' ? m.args.value : undefined;
  if (nextVillage === undefined && nextDate === undefined) return undefined;
  return lockedMonth(tx, nextVillage ?? before.villageCode, nextDate ?? before.acceptedOn);
}
