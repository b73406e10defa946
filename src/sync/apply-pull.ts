// Applies one pull page on the device in ONE Dexie transaction (sync.md §2.4):
//   1. upsert server rows, apply evictions;  2. drop outbox entries the server has processed;
//   3. rebase the remaining outbox entries on top of the new server rows;  4. save the cursor LAST.
// If the page is killed halfway nothing is applied and the cursor is unchanged, so the next pull
// repeats safely. This transaction is crucial: do not split it and do not await the network in it.

import { applyMutation, isReferralMutation } from '../shared/mutations.ts';
import type { PullResponse, ReviewItem } from '../shared/protocol.ts';
import type { CaseRecord } from '../shared/case.ts';
import type { CaseEvent } from '../shared/events.ts';
import type { ScreeningRecord } from '../shared/screening.ts';
import type { AlertRecord } from '../shared/alerts.ts';
import type { ReferralRecord } from '../shared/referral.ts';
import type { ShuoheDb, StoredCase, OutboxEntry, SentEntry } from '../db/schema.ts';
import { toStored } from '../db/schema.ts';
import { sealRows } from '../db/crypto-middleware.ts';

/**
 * A pull page read and sealed, ready to be written (commitPullPage). Preparing touches no table,
 * so the next page can be prepared — its personal data sealed in WebCrypto — while the previous
 * one's transaction is still being written: pages are still written one after another, in order.
 */
export interface PreparedPage {
  page: PullResponse;
  serverCases: Map<string, CaseRecord>;
  evicted: Set<string>;
  events: CaseEvent[];
  reviews: ReviewItem[];
  screenings: Map<string, ScreeningRecord | null>;
  alerts: Map<string, AlertRecord>;
  referrals: Map<string, ReferralRecord>;
  sent: readonly OutboxEntry[];
  sealedCases: StoredCase[];
  sealedEvents: CaseEvent[];
  sealedSent: SentEntry[];
}

/**
 * `sent`: outbox entries the caller holds in memory (a push's batch, for the page its answer
 * carried). Entries never change once written, so when they cover every acknowledged seq they
 * stand in for reading — and opening, when sealed — those rows again.
 */
export async function applyPullPage(db: ShuoheDb, scope: string, page: PullResponse, syncedAt: string, sent: readonly OutboxEntry[] = []): Promise<void> {
  await commitPullPage(db, scope, await preparePullPage(db, page, syncedAt, sent), syncedAt);
}

/** Groups a page's changes by table and seals them for storage: no transaction, no table read. */
export async function preparePullPage(db: ShuoheDb, page: PullResponse, syncedAt: string, sent: readonly OutboxEntry[] = []): Promise<PreparedPage> {
  const serverCases = new Map<string, CaseRecord>();
  const evicted = new Set<string>();
  const events: CaseEvent[] = [];
  const reviews: ReviewItem[] = [];
  const screenings = new Map<string, ScreeningRecord | null>();
  const alerts = new Map<string, AlertRecord>();
  const referrals = new Map<string, ReferralRecord>();
  for (const change of page.changes) {
    if (change.entity === 'case' && change.op === 'evict') {
      serverCases.delete(change.id);
      evicted.add(change.id);
    } else if (change.entity === 'case') {
      serverCases.set(change.id, change.data);
      evicted.delete(change.id);
    } else if (change.entity === 'event') {
      events.push(change.data);
    } else if (change.entity === 'screening') {
      screenings.set(change.id, change.op === 'upsert' ? change.data : null);
    } else if (change.entity === 'alert') {
      if (change.op === 'upsert') alerts.set(change.id, change.data);
    } else if (change.entity === 'referral') {
      // Each side's row names the record by `data.id` (server referrals/records.ts).
      if (change.op === 'upsert') referrals.set(change.data.id, change.data);
    } else {
      reviews.push(change.data);
    }
  }
  // Personal data is sealed for storage here, in one WebCrypto batch BEFORE the transaction:
  // awaiting WebCrypto inside it would commit it early. (Cases rebased on pending edits below
  // are sealed again, one by one, by the middleware.)
  // The push batch this page acknowledges goes to the `sent` journal, sealed in the same batch.
  const [sealedCases, sealedEvents, sealedSent] = page.wipe
    ? [[], [], []]
    : await Promise.all([
        sealRows(db.vault, 'cases', 'id', [...serverCases.values()].map(toStored)),
        sealRows(db.vault, 'events', 'id', events),
        sealRows(db.vault, 'sent', 'seq', sent.filter((m) => m.seq <= page.lastProcessedSeq).map((m): SentEntry => ({ ...m, ackedAt: syncedAt }))),
      ]);
  return { page, serverCases, evicted, events, reviews, screenings, alerts, referrals, sent, sealedCases, sealedEvents, sealedSent };
}

/** Writes a prepared page in ONE transaction (the steps at the top of this file), the cursor last. */
export async function commitPullPage(db: ShuoheDb, scope: string, prepared: PreparedPage, syncedAt: string): Promise<void> {
  const { page, serverCases, evicted, events, reviews, screenings, alerts, referrals, sent, sealedCases, sealedEvents, sealedSent } = prepared;
  await db.transaction('rw', [db.cases, db.events, db.outbox, db.sent, db.review, db.syncState, db.screenings, db.alerts, db.referrals], async () => {
    if (page.wipe) {
      // A revoked (lost) device erases its case data, including what it never synced.
      await Promise.all([db.cases.clear(), db.events.clear(), db.outbox.clear(), db.sent.clear(), db.review.clear(), db.syncState.clear(), db.screenings.clear(), db.alerts.clear(), db.referrals.clear()]);
      return;
    }
    // Bulk writes: one request per table instead of one per row (a first pull is 10,000 rows).
    await db.events.bulkPut(sealedEvents);
    await db.review.bulkPut(reviews);
    // Events this device showed optimistically for mutations the server has now processed: the
    // server sends the same event (same id) in the same page when it applied the mutation. One it
    // did not send was refused (kept in 待核对 on the server), so the local copy must go.
    const acked = db.outbox.where('seq').belowOrEqual(page.lastProcessedSeq);
    const delivered = new Set(events.map((e) => e.id));
    const ackedList = await ackedEntries(acked, sent);
    const optimistic = ackedList.flatMap((m) =>
      m.name === 'case.transition' ? [m.args.eventId] : m.name === 'event.append' ? [m.args.event.id] : [],
    );
    await db.events.bulkDelete(optimistic.filter((id) => !delivered.has(id)));
    await journal(db, ackedList, sealedSent, syncedAt);
    await acked.delete();

    const pendingByCase = new Map<string, OutboxEntry[]>();
    if ((await db.outbox.count()) > 0) {
      const touched = [...serverCases.keys(), ...evicted];
      for (const m of await db.outbox.where('caseId').anyOf(touched).sortBy('seq')) {
        const list = pendingByCase.get(m.caseId) ?? [];
        list.push(m);
        pendingByCase.set(m.caseId, list);
      }
    }
    for (const id of evicted) {
      // Never drop a case that still has edits waiting to go up: they are pushed first.
      if (!pendingByCase.has(id)) {
        await db.cases.delete(id);
        await db.events.where('caseId').equals(id).delete();
      }
    }
    const rows: StoredCase[] = [];
    let i = 0;
    for (const [id, serverRecord] of serverCases) {
      const sealed = sealedCases[i++] as StoredCase;
      const pending = pendingByCase.get(id);
      if (!pending) {
        rows.push(sealed);
        continue;
      }
      let record: CaseRecord = serverRecord;
      for (const m of pending) {
        const outcome = applyMutation(record, m, 'device', m.deviceTime);
        if (outcome.ok && outcome.record) record = outcome.record;
      }
      rows.push(toStored(record));
    }
    await db.cases.bulkPut(rows);
    await applyRecords(db, screenings, alerts);
    await applyReferrals(db, referrals);
    const epoch = page.epoch ?? (await db.syncState.get(scope))?.epoch;
    await db.syncState.put({ scope, cursor: page.cursor, lastSyncedAt: syncedAt, lastError: null, ...(epoch === undefined ? {} : { epoch }) });
  });
}

/**
 * 排查 and 上报 rows from the page (the middleware seals them as they are put). One with a change
 * of this device still waiting in the outbox keeps the local copy: the push carries it next, and
 * the server's answer replaces it then.
 */
async function applyRecords(db: ShuoheDb, screenings: Map<string, ScreeningRecord | null>, alerts: Map<string, AlertRecord>): Promise<void> {
  if (screenings.size === 0 && alerts.size === 0) return;
  const ids = [...screenings.keys(), ...alerts.keys()];
  const pending = new Set((await db.outbox.where('caseId').anyOf(ids).toArray()).map((m) => m.caseId));
  const put: ScreeningRecord[] = [];
  for (const [id, record] of screenings) {
    if (pending.has(id)) continue;
    if (record === null) await db.screenings.delete(id);
    else put.push(record);
  }
  await db.screenings.bulkPut(put);
  await db.alerts.bulkPut([...alerts].filter(([id]) => !pending.has(id)).map(([, a]) => a));
}

/**
 * 移交 rows from the page. One whose case has a 移交 step of this device still in the outbox keeps
 * the local copy (it shows what this phone did) until the push carries the step and the server's
 * answer replaces it.
 */
async function applyReferrals(db: ShuoheDb, referrals: Map<string, ReferralRecord>): Promise<void> {
  if (referrals.size === 0) return;
  const caseIds = [...new Set([...referrals.values()].map((r) => r.caseId))];
  const pending = new Set((await db.outbox.where('caseId').anyOf(caseIds).toArray()).filter(isReferralMutation).map((m) => m.caseId));
  await db.referrals.bulkPut([...referrals.values()].filter((r) => !pending.has(r.caseId)));
}

/** Days an acknowledged mutation is kept for re-sending after a restore: longer than any backup interval. */
export const SENT_RETENTION_DAYS = 90;

/**
 * Moves acknowledged entries to the `sent` journal (pre-sealed ones as they are; others copied
 * as plain objects so they are sealed for their new table) and drops what is past retention.
 */
async function journal(db: ShuoheDb, acked: readonly OutboxEntry[], sealed: readonly SentEntry[], syncedAt: string): Promise<void> {
  if (acked.length === 0) return;
  const ready = new Set(sealed.map((m) => m.seq));
  await db.sent.bulkPut([...sealed, ...acked.filter((m) => !ready.has(m.seq)).map((m): SentEntry => ({ ...m, ackedAt: syncedAt }))]);
  const cutoff = new Date(Date.parse(syncedAt) - SENT_RETENTION_DAYS * 86_400_000).toISOString();
  await db.sent.where('ackedAt').below(cutoff).delete();
}

type Acked = { toArray(): Promise<OutboxEntry[]>; primaryKeys(): Promise<number[]> };

async function ackedEntries(acked: Acked, sent: readonly OutboxEntry[]): Promise<OutboxEntry[]> {
  if (sent.length === 0) return acked.toArray();
  const bySeq = new Map(sent.map((m) => [m.seq, m]));
  const entries = (await acked.primaryKeys()).map((seq) => bySeq.get(seq));
  return entries.every((m) => m !== undefined) ? (entries as OutboxEntry[]) : acked.toArray();
}
