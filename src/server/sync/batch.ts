// One push batch inside its write transaction. Mutations are applied in seq order to in-memory
// copies of the cases they touch (loaded once, locked on PostgreSQL); at the end everything is
// written with a handful of statements, then the clock is taken and the change_log rows get
// their server_seq. This transaction is the unit of "applied": domain rows, mutation_log,
// change_log and the client's last_seq commit together or not at all (sync.md §2.2).
import type { Insertable, Kysely } from 'kysely';
import type { CaseRecord } from '../../shared/case.ts';
import type { CaseEvent } from '../../shared/events.ts';
import type { Mutation } from '../../shared/mutations.ts';
import type { ReviewItem } from '../../shared/protocol.ts';
import type { ChangeLogTable, DB, MutationLogTable } from '../store/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { type AreaCodes, type FieldAuthors, parseJson } from './records.ts';
import type { NumberRequest } from './case-number.ts';

export interface CaseEntry {
  record: CaseRecord;
  authors: FieldAuthors;
  /** Codes when the batch loaded the case; null for a case created in this batch. */
  startCodes: AreaCodes | null;
  dirty: boolean;
}

export interface ReviewEntry {
  item: ReviewItem;
  isNew: boolean;
  resolvedBy?: string;
}

export type LogEntry = Omit<Insertable<MutationLogTable>, 'server_seq' | 'received_at'>;
/** committee_id may be left out by records that no committee holds (排查, 上报): null. */
export type PendingChange = Omit<ChangeLogTable, 'server_seq' | 'commit_seq' | 'committee_id'> & { committee_id?: string | null };

const committeeColumns = ['id', 'name', 'kind', 'location', 'area_code', 'short_name'] as const;
export interface CommitteeRow {
  id: string;
  name: string;
  kind: string;
  location: string;
  area_code: string | null;
  short_name: string | null;
}

const ownerKey = (userId: string, mutationId: string) => `${userId}:${mutationId}`;

const chunk = <T>(rows: T[], size = 300): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, i * size + size));

export class Batch {
  readonly cases = new Map<string, CaseEntry>();
  readonly newEvents: CaseEvent[] = [];
  readonly reviews = new Map<string, ReviewEntry>();
  readonly logs: LogEntry[] = [];
  /** Cases created in this batch, in seq order: numbered together when the batch is written. */
  readonly numbering: NumberRequest[] = [];
  /** Cases a processed mutation (applied or rejected) targeted: all are re-sent at commit. */
  readonly touched = new Set<string>();
  /** Change rows of 排查 and 上报 records written by this batch (screening/sync-apply.ts), stamped at commit. */
  readonly records: PendingChange[] = [];
  private readonly knownEvents = new Map<string, string>();
  private readonly seenMutationIds = new Set<string>();
  private readonly foreignMutationIds = new Set<string>();
  private readonly villages = new Set<string>();
  private readonly names = new Map<string, string>();
  private readonly committeesById = new Map<string, CommitteeRow>();
  /** A village's (or town's) own committee by its area_code. */
  private readonly ownCommittees = new Map<string, CommitteeRow>();

  constructor(
    readonly tx: Kysely<DB>,
    /** PostgreSQL: lock what we read (READ COMMITTED, see store/open.ts). SQLite holds the whole DB. */
    readonly lock: boolean,
    readonly principal: Principal,
    readonly now: string,
  ) {}

  /** Loads in a few queries what the mutations will ask about; locks cases in id order. */
  async prefetch(mutations: readonly Mutation[]): Promise<void> {
    const caseIds = [...new Set(mutations.map((m) => m.caseId))].sort();
    for (const ids of chunk(caseIds)) {
      const rows = await this.tx.selectFrom('cases').select(['id', 'data', 'field_authors', 'village_code', 'town_code', 'county_code', 'committee_id'])
        .where('id', 'in', ids).orderBy('id').$if(this.lock, (q) => q.forUpdate()).execute();
      for (const row of rows) {
        const startCodes = { villageCode: row.village_code, townCode: row.town_code, countyCode: row.county_code, committeeId: row.committee_id };
        this.cases.set(row.id, { record: parseJson<CaseRecord>(row.data), authors: parseJson<FieldAuthors>(row.field_authors), startCodes, dirty: false });
      }
    }
    const mutationIds = mutations.map((m) => m.mutationId);
    for (const ids of chunk(mutationIds)) {
      // One read for both questions (a round trip to the writer thread each, issue #13).
      const owners = new Set(ids.map((id) => ownerKey(this.principal.userId, id)));
      const wanted = new Set(ids);
      const rows = await this.tx.selectFrom('mutation_log').select(['owner_mutation_id', 'mutation_id'])
        .where((eb) => eb.or([eb('owner_mutation_id', 'in', [...owners]), eb('mutation_id', 'in', ids)])).execute();
      for (const row of rows) if (row.owner_mutation_id && owners.has(row.owner_mutation_id)) this.seenMutationIds.add(row.owner_mutation_id.slice(this.principal.userId.length + 1));
      // Another account's mutation with the same id (copied from a review item, say) must not
      // swallow this one; it only keeps the unique `mutation_id` column for itself.
      for (const row of rows) if (row.mutation_id && wanted.has(row.mutation_id) && !this.seenMutationIds.has(row.mutation_id)) this.foreignMutationIds.add(row.mutation_id);
    }
    const eventIds = mutations.flatMap((m) => {
      if (m.name === 'event.append') return [m.args.event.id, ...(m.args.event.supersedes ? [m.args.event.supersedes] : [])];
      return m.name === 'case.transition' ? [m.args.eventId] : [];
    });
    for (const ids of chunk(eventIds)) {
      const rows = await this.tx.selectFrom('events').select(['id', 'case_id']).where('id', 'in', ids).execute();
      for (const row of rows) this.knownEvents.set(row.id, row.case_id);
    }
    const villageCodes = mutations.flatMap((m) => {
      if (m.name === 'case.create') return [m.args.record.villageCode];
      const next = m.name === 'case.patch' ? m.patch.villageCode?.next : m.name === 'conflict.resolve' && m.args.field === 'villageCode' ? m.args.value : undefined;
      return typeof next === 'string' ? [next] : [];
    });
    for (const codes of chunk([...new Set(villageCodes)])) {
      const rows = await this.tx.selectFrom('areas').select('code').where('code', 'in', codes).where('level', '=', 'village').execute();
      for (const row of rows) this.villages.add(row.code);
    }
    // The committees a case is created under or moved to: named, or the village's own.
    const committeeIds = mutations.flatMap((m) => (m.name === 'case.create' && typeof m.args.record.committeeId === 'string' ? [m.args.record.committeeId] : []));
    for (const ids of chunk([...new Set(committeeIds)])) {
      for (const row of await this.tx.selectFrom('committees').select(committeeColumns).where('id', 'in', ids).execute()) this.committeesById.set(row.id, row);
    }
    for (const codes of chunk([...new Set(villageCodes.filter((c) => typeof c === 'string'))])) {
      for (const row of await this.tx.selectFrom('committees').select(committeeColumns).where('area_code', 'in', codes).execute()) {
        this.committeesById.set(row.id, row);
        if (row.area_code) this.ownCommittees.set(row.area_code, row);
      }
    }
  }

  committee(id: string): CommitteeRow | undefined {
    return this.committeesById.get(id);
  }

  /** The 村/居 committee of a village (its own, by area_code), if registered. */
  ownCommittee(villageCode: string): CommitteeRow | undefined {
    return this.ownCommittees.get(villageCode);
  }

  caseEntry(id: string): CaseEntry | undefined {
    return this.cases.get(id);
  }

  isKnownVillage(code: unknown): boolean {
    return typeof code === 'string' && this.villages.has(code);
  }

  /** Case id of an event already stored or appended earlier in this batch. */
  eventCase(id: string): string | undefined {
    return this.knownEvents.get(id);
  }

  addEvent(event: CaseEvent): void {
    this.newEvents.push(event);
    this.knownEvents.set(event.id, event.caseId);
  }

  /**
   * Whether the mutationId column of this mutation's log row may hold its id: not when another
   * account's row already does (the column is unique; the mutation is applied all the same).
   */
  ownsMutationId(id: string): boolean {
    return !this.foreignMutationIds.has(id);
  }

  /** The log columns that identify a processed mutation of this batch's user. */
  processedIds(id: string): { mutation_id: string | null; owner_mutation_id: string } {
    return { mutation_id: this.ownsMutationId(id) ? id : null, owner_mutation_id: ownerKey(this.principal.userId, id) };
  }

  /** True unless this user processed this mutationId before, under any of their clients. */
  claimMutationId(id: string): boolean {
    if (this.seenMutationIds.has(id)) return false;
    this.seenMutationIds.add(id);
    return true;
  }

  async review(id: string): Promise<ReviewEntry | undefined> {
    const cached = this.reviews.get(id);
    if (cached) return cached;
    const row = await this.tx.selectFrom('review_items').select('data').where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const entry = { item: parseJson<ReviewItem>(row.data), isNew: false };
    this.reviews.set(id, entry);
    return entry;
  }

  /** Open conflict items of a case as this batch leaves them (stored ones overlaid by ours). */
  async openConflicts(caseId: string): Promise<string[]> {
    const stored = await this.tx.selectFrom('review_items').select('id')
      .where('case_id', '=', caseId).where('kind', '=', 'conflict').where('status', '=', 'open').execute();
    const open = new Set(stored.map((r) => r.id));
    for (const [id, entry] of this.reviews) {
      if (entry.item.caseId !== caseId || entry.item.kind !== 'conflict') continue;
      if (entry.item.status === 'open') open.add(id);
      else open.delete(id);
    }
    return [...open];
  }

  /** An account's display name for a review item (a person reads it); '' for an unknown id. */
  async displayName(userId: string): Promise<string> {
    if (userId === this.principal.userId) return this.principal.displayName;
    const cached = this.names.get(userId);
    if (cached !== undefined) return cached;
    const row = userId === '' ? undefined : await this.tx.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
    const name = row?.display_name ?? '';
    this.names.set(userId, name);
    return name;
  }

  /** Stored events and review items of a case, for re-tagging after it moved village. */
  async childrenOf(caseId: string): Promise<{ events: CaseEvent[]; reviews: ReviewItem[] }> {
    const events = await this.tx.selectFrom('events').select('data').where('case_id', '=', caseId).orderBy('created_at').execute();
    const reviews = await this.tx.selectFrom('review_items').select('data').where('case_id', '=', caseId).execute();
    return { events: events.map((r) => parseJson<CaseEvent>(r.data)), reviews: reviews.map((r) => parseJson<ReviewItem>(r.data)) };
  }

}
