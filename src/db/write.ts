// The one way anything is written on the device: the domain change and its outbox entry in ONE
// Dexie transaction, so a case can never exist locally without the mutation that will carry it
// to the server, nor the reverse. The caller may say "已保存" only after this promise resolves.
// Never await the network inside the transaction (it would commit early; sync.md §2.2).

import { uuidv7 } from 'uuidv7';
import { applyMutation, SCHEMA_VERSION, type Mutation, type MutationBody } from '../shared/mutations.ts';
import type { CaseRecord } from '../shared/case.ts';
import type { ShuoheDb, DeviceMeta } from './schema.ts';
import { toStored, fromStored } from './schema.ts';
import { DomainError, StorageFullError, isQuotaError } from './errors.ts';
import { deviceMeta } from './device.ts';
import { nextStatuses } from '../shared/lifecycle.ts';
import { t, type MessageParams } from '../shared/i18n/index.ts';
import { lockedBy, type SignedMonth } from '../shared/month-locks.ts';

/** Fills "{from} 之后只能{next}" so an illegal step says what the legal ones are. */
function refusalParams(mutation: Mutation, current: CaseRecord | undefined): MessageParams | undefined {
  if (mutation.name !== 'case.transition' || !current) return undefined;
  const next = nextStatuses(current.status).map((s) => `“${t(`case.status.${s}`)}”`);
  return { from: t(`case.status.${current.status}`), next: next.length > 0 ? next.join('或') : '保持现状' };
}

export interface WriteContext {
  db: ShuoheDb;
  userId: string;
  /** Injected clock (tests move it); device time is for display only. */
  now: () => Date;
  /**
   * The signed months this device knows (state/month-locks.ts): a change one forbids is refused
   * here, before it is saved, as the server would refuse it later (shared/month-locks.ts).
   */
  signedMonths?: () => Promise<readonly SignedMonth[]>;
}

function lockError(hit: SignedMonth): DomainError {
  const params = { town: hit.townName, year: Number(hit.month.slice(0, 4)), month: Number(hit.month.slice(5, 7)) };
  return new DomainError(hit.county ? 'stats.lockedHere.county' : 'stats.lockedHere.town', {}, params);
}

/**
 * Applies `bodies` in order to case `caseId` and queues them, all or nothing. Returns the case
 * as saved. Throws DomainError (rule refused, nothing written) or StorageFullError.
 */
export async function writeMutations(ctx: WriteContext, caseId: string, bodies: MutationBody[]): Promise<CaseRecord> {
  const saved = await queue(ctx, caseId, bodies, true);
  if (!saved) throw new DomainError('sync.caseMissing'); // unreachable: queue refused inside its transaction
  return saved;
}

/**
 * Queues 知道了 on a refused change. Its case may not be on this device at all (a refused
 * 受理登记 never became a case), so only the outbox entry is written.
 */
export async function writeDismissal(ctx: WriteContext, caseId: string, reviewId: string): Promise<void> {
  await queue(ctx, caseId, [{ name: 'review.dismiss', args: { reviewId } }], false);
}

async function queue(ctx: WriteContext, caseId: string, bodies: MutationBody[], needsCase: boolean): Promise<CaseRecord | undefined> {
  const { db } = ctx;
  await deviceMeta(db);
  // Read before the transaction: awaiting anything but Dexie inside it would commit it early.
  const signed = ctx.signedMonths ? await ctx.signedMonths() : [];
  try {
    return await db.transaction('rw', [db.cases, db.events, db.outbox, db.meta], async () => {
      const meta = (await db.meta.get('device')) as DeviceMeta;
      const stored = await db.cases.get(caseId);
      let current = stored ? fromStored(stored) : undefined;
      const at = ctx.now().toISOString();
      let seq = meta.nextSeq;
      for (const body of bodies) {
        const mutation = {
          ...body, mutationId: uuidv7(), clientId: meta.clientId, seq, schemaVersion: SCHEMA_VERSION, caseId,
          baseVersion: current?.version ?? 0, deviceTime: at, userId: ctx.userId,
        } as Mutation;
        const hit = lockedBy(mutation, current, signed);
        if (hit) throw lockError(hit);
        const outcome = applyMutation(current, mutation, 'device', at);
        if (!outcome.ok) throw new DomainError(outcome.code, outcome.fields, refusalParams(mutation, current));
        current = outcome.record;
        if (outcome.events.length > 0) await db.events.bulkPut(outcome.events);
        await db.outbox.add(mutation);
        seq++;
      }
      if (current) await db.cases.put(toStored(current));
      else if (needsCase) throw new DomainError('sync.caseMissing');
      // put, not update: the row was read in this transaction, and update() reads it twice more.
      await db.meta.put({ ...meta, nextSeq: seq });
      return current;
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}

/** The next provisional label for a case made on this device, e.g. 临A3F2-0007. */
export async function nextProvisionalNo(db: ShuoheDb): Promise<string> {
  await deviceMeta(db);
  return db.transaction('rw', db.meta, async () => {
    const meta = (await db.meta.get('device')) as DeviceMeta;
    await db.meta.put({ ...meta, nextProvisional: meta.nextProvisional + 1 });
    return `临${meta.clientId.slice(0, 4).toUpperCase()}-${String(meta.nextProvisional).padStart(4, '0')}`;
  });
}
