// The end of a push transaction: write the touched rows, derive the change stream, take the
// clock (late, so the serialized part is short) and stamp server_seq on the changes and the log.
import type { CaseEvent } from '../../shared/events.ts';
import type { ReviewItem } from '../../shared/protocol.ts';
import type { PushHooks } from '../deps.ts';
import type { Insertable } from 'kysely';
import type { CasesTable, ChangeLogTable } from '../store/schema.ts';
import type { Batch, PendingChange } from './batch.ts';
import { takeSeq } from './clock.ts';
import { assignCaseNos } from './case-number.ts';
import { refreshReferralOutcomes } from '../referrals/outcome.ts';
import { type AreaCodes, caseRow, codeColumns, eventRow, reviewRow } from './records.ts';

const sameCodes = (a: AreaCodes, b: AreaCodes) => a.villageCode === b.villageCode && (a.committeeId ?? null) === (b.committeeId ?? null);
/** The codes a child record (event, review item) carries in its JSON: the area only. */
const pick = (c: AreaCodes): AreaCodes => ({ villageCode: c.villageCode, townCode: c.townCode, countyCode: c.countyCode });
/** The codes of the change_log and table columns: the area and the committee. */
const withCommittee = (c: AreaCodes): AreaCodes => ({ ...pick(c), committeeId: c.committeeId ?? null });

function change(entity: PendingChange['entity'], id: string, codes: AreaCodes, data: unknown): PendingChange {
  return { entity, entity_id: id, ...codeColumns(codes), op: 'upsert', data: JSON.stringify(data) };
}

/** What a batch committed: its last server_seq and its change_log rows, in server_seq order. */
export interface Committed {
  serverSeq: number;
  changes: ChangeLogTable[];
}

export async function finalize(b: Batch, clientId: string, lastSeq: number, hooks: PushHooks): Promise<Committed> {
  const { tx } = b;
  const changes: PendingChange[] = [];
  const codesOf = (caseId: string): AreaCodes | undefined => {
    const entry = b.caseEntry(caseId);
    return entry ? withCommittee(entry.record) : undefined;
  };

  // Cases: an evict into the old area before the upsert into the new one, so a device that
  // can no longer see a moved case deletes it, and one that sees both ends with it.
  const moved: string[] = [];
  const inserts: Insertable<CasesTable>[] = [];
  const updates: Insertable<CasesTable>[] = [];
  const numbers = await assignCaseNos(tx, b.numbering);
  for (const [id, entry] of b.cases) {
    if (!entry.dirty) {
      // Unchanged here, but the device may have applied its mutation optimistically (a rejected
      // transition, a patch the server already had): the committed state replaces its copy.
      if (b.touched.has(id)) changes.push(change('case', id, entry.record, entry.record));
      continue;
    }
    const caseNo = numbers.get(id);
    if (caseNo !== undefined) entry.record = { ...entry.record, caseNo };
    const row = caseRow(entry.record, entry.authors);
    if (entry.startCodes === null) inserts.push(row);
    else updates.push(row);
    if (entry.startCodes && !sameCodes(entry.startCodes, entry.record)) {
      moved.push(id);
      changes.push({ entity: 'case', entity_id: id, ...codeColumns(entry.startCodes), op: 'evict', data: null });
    }
    // The row's JSON is the record's: serialise 1,000 cases once, not twice.
    changes.push({ entity: 'case', entity_id: id, ...codeColumns(entry.record), op: 'upsert', data: row.data });
  }
  for (const rows of chunkRows(inserts)) await tx.insertInto('cases').values(rows).execute();
  // Cases loaded (and locked) by this batch: rewritten a chunk at a time rather than one UPDATE
  // each. The rows exist, so the insert always takes the conflict path: every column is replaced.
  for (const rows of chunkRows(updates)) {
    const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'id') as (keyof CasesTable & string)[];
    await tx.insertInto('cases').values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute();
  }

  // Children follow their case's final area, including those written earlier in this batch.
  const events: CaseEvent[] = b.newEvents.map((e) => ({ ...e, ...pick(codesOf(e.caseId) ?? e) }));
  const eventRows = events.map((e) => eventRow(e, b.now, codesOf(e.caseId)?.committeeId ?? null));
  for (const rows of chunkRows(eventRows)) await tx.insertInto('events').values(rows).execute();
  for (const row of eventRows) {
    changes.push({
      entity: 'event', entity_id: row.id, village_code: row.village_code, town_code: row.town_code, county_code: row.county_code,
      committee_id: row.committee_id ?? null, op: 'upsert', data: row.data,
    });
  }

  for (const [id, entry] of b.reviews) {
    const item: ReviewItem = { ...entry.item, villageCode: codesOf(entry.item.caseId)?.villageCode ?? entry.item.villageCode };
    const codes = codesOf(item.caseId) ?? reviewCodes(b, item);
    if (entry.isNew) await tx.insertInto('review_items').values(reviewRow(item, codes)).execute();
    else {
      await tx.updateTable('review_items').set({
        status: item.status, data: JSON.stringify(item), ...codeColumns(codes),
        ...(entry.resolvedBy ? { resolved_at: b.now, resolved_by: entry.resolvedBy } : {}),
      }).where('id', '=', id).execute();
    }
    changes.push(change('review', id, codes, item));
  }

  for (const caseId of moved) await retag(b, caseId, changes, new Set(events.map((e) => e.id)));
  await refreshReferralOutcomes(b);
  changes.push(...b.records);

  await tx.updateTable('sync_clients').set({ last_seq: lastSeq, last_seen_at: b.now }).where('client_id', '=', clientId).execute();

  // Always advance the clock by at least one, so a batch that changed nothing visible still
  // marks the point from which a pull may report its mutations as processed.
  const end = await takeSeq(tx, Math.max(1, changes.length));
  const start = end - changes.length + 1;
  const logRows = b.logs.map((log) => ({ ...log, server_seq: end, received_at: b.now }));
  for (const rows of chunkRows(logRows)) await tx.insertInto('mutation_log').values(rows).execute();
  const changeRows = changes.map((c, i) => ({ ...c, committee_id: c.committee_id ?? null, server_seq: start + i, commit_seq: end }));
  for (const rows of chunkRows(changeRows)) await tx.insertInto('change_log').values(rows).execute();
  await hooks.beforeCommit?.({ clientId, serverSeq: end });
  return { serverSeq: end, changes: changeRows };
}

function reviewCodes(b: Batch, item: ReviewItem): AreaCodes {
  // A rejected mutation whose case the server does not have: file it under the pusher's area.
  const scope = b.principal.scope;
  return { villageCode: item.villageCode, townCode: item.villageCode.slice(0, 9) || scope.slice(0, 9), countyCode: item.villageCode.slice(0, 6) || scope.slice(0, 6) };
}

async function retag(b: Batch, caseId: string, changes: PendingChange[], fresh: Set<string>): Promise<void> {
  const entry = b.caseEntry(caseId);
  if (!entry) return;
  const codes = withCommittee(entry.record);
  const { events, reviews } = await b.childrenOf(caseId);
  await b.tx.updateTable('events').set(codeColumns(codes)).where('case_id', '=', caseId).execute();
  await b.tx.updateTable('review_items').set(codeColumns(codes)).where('case_id', '=', caseId).execute();
  for (const e of events) {
    if (fresh.has(e.id)) continue;
    const moved = { ...e, ...pick(codes) };
    await b.tx.updateTable('events').set({ data: JSON.stringify(moved) }).where('id', '=', e.id).execute();
    changes.push(change('event', e.id, codes, moved));
  }
  for (const r of reviews) {
    if (b.reviews.has(r.id)) continue;
    const moved = { ...r, villageCode: codes.villageCode };
    await b.tx.updateTable('review_items').set({ data: JSON.stringify(moved) }).where('id', '=', r.id).execute();
    changes.push(change('review', r.id, codes, moved));
  }
}

function chunkRows<T>(rows: T[]): T[][] {
  return Array.from({ length: Math.ceil(rows.length / 200) }, (_, i) => rows.slice(i * 200, i * 200 + 200));
}
