// The 待核对 inbox on the device. Review items arrive by pull into db.review (the server owns
// them); a person's decision is a mutation written like any edit, so it syncs and is audited
// (sync.md §3): `conflict.resolve` for a conflict, `review.dismiss` (知道了) for a refused change.
// Until the server marks the item resolved, the queued mutation in the outbox is what tells the
// screens "已处理（待同步）" — or, for a dismissal, hides the item at once. Nothing here marks an
// item resolved locally: only a pull from the server may do that.

import type { CaseRecord, PatchableField } from '../shared/case.ts';
import type { ReviewItem } from '../shared/protocol.ts';
import type { MessageKey } from '../shared/i18n/index.ts';
import type { ShuoheDb } from '../db/schema.ts';
import { fromStored } from '../db/schema.ts';
import { DomainError } from '../db/errors.ts';
import type { WriteContext } from '../db/write.ts';
import { db } from './app-state.ts';
import { useLive, type Live } from './live.ts';
import { queuedDecisions } from './review-count.ts';

export interface ReviewEntry {
  item: ReviewItem;
  /** A conflict.resolve for it waits in this device's outbox. */
  isHandled: boolean;
  /** The value that queued resolution chose (when handled). */
  decision?: unknown;
}

export interface CaseReview {
  caseId: string;
  /** Undefined when the case is not on this device (e.g. a refused 受理登记). */
  record: CaseRecord | undefined;
  entries: ReviewEntry[];
}

const newestFirst = (a: ReviewItem, b: ReviewItem) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);

/**
 * Open items grouped by case, the case with the newest item first; conflicts before rejections.
 * A refused change marked 知道了 here leaves at once, before the server confirms it.
 */
export async function openReviews(d: ShuoheDb, caseId?: string): Promise<CaseReview[]> {
  const queued = await queuedDecisions(d, caseId);
  const all = caseId === undefined
    ? await d.review.where('status').equals('open').toArray()
    : (await d.review.where('caseId').equals(caseId).toArray()).filter((x) => x.status === 'open');
  const items = all.filter((x) => !queued.dismissals.has(x.id));
  const handled = queued.resolutions;
  items.sort(newestFirst);
  const groups = new Map<string, ReviewEntry[]>();
  for (const item of items) {
    const list = groups.get(item.caseId) ?? [];
    list.push(handled.has(item.id) ? { item, isHandled: true, decision: handled.get(item.id) } : { item, isHandled: false });
    groups.set(item.caseId, list);
  }
  const ids = [...groups.keys()];
  const records = await d.cases.bulkGet(ids);
  return ids.map((id, i) => {
    const stored = records[i];
    const entries = (groups.get(id) ?? []).sort((a, b) => Number(a.item.kind === 'rejected') - Number(b.item.kind === 'rejected'));
    return { caseId: id, record: stored ? fromStored(stored) : undefined, entries };
  });
}

/** Refused changes someone marked 知道了 (optionally of one case), the latest first: the history. */
export async function dismissedReviews(d: ShuoheDb, caseId?: string): Promise<ReviewItem[]> {
  const items = caseId === undefined
    ? await d.review.where('status').equals('resolved').filter((x) => x.dismissed !== undefined).toArray()
    : (await d.review.where('caseId').equals(caseId).toArray()).filter((x) => x.status === 'resolved' && x.dismissed !== undefined);
  return items.sort((a, b) => (b.dismissed?.at ?? '').localeCompare(a.dismissed?.at ?? '') || a.id.localeCompare(b.id));
}

export function useReviewInbox(): Live<CaseReview[]> {
  return useLive(() => openReviews(db), []);
}

export function useCaseReview(caseId: string): CaseReview | undefined {
  return useLive(async () => (await openReviews(db, caseId))[0], [caseId]).value;
}

export function useDismissedReviews(caseId?: string): ReviewItem[] {
  return useLive(() => dismissedReviews(db, caseId), [caseId]).value ?? [];
}


/** Fields whose two versions a person may merge by hand in a textarea (plain text or lines). */
const mergeable: readonly PatchableField[] = ['private.facts', 'private.place', 'private.claims'];
export const isMergeable = (field: PatchableField): boolean => mergeable.includes(field);

/** The form's own rule for a hand-merged value, so the server will not refuse it later. */
async function checkMerged(field: PatchableField, value: unknown): Promise<MessageKey | undefined> {
  if (!isMergeable(field)) return undefined;
  // Loaded on demand, as is the write path below: the nav badge imports this module, and the
  // first-paint bundle must not carry valibot or the mutators.
  const [{ contentSchemaOf }, { fieldErrors }] = await Promise.all([import('../shared/fields/case-schemas.ts'), import('../shared/validation.ts')]);
  return Object.values(fieldErrors(contentSchemaOf(field), value))[0];
}

/**
 * Records a person's decision on a same-field conflict: `value` becomes the field's value (the
 * kept one, the other one, or a hand-merged text). Refused, with nothing written, when the item
 * is not an open conflict on this device or was already decided here.
 */
export async function resolveConflict(ctx: WriteContext, conflictId: string, value: unknown): Promise<CaseRecord> {
  const item = await ctx.db.review.get(conflictId);
  if (!item || item.kind !== 'conflict' || !item.conflict) throw new DomainError('review.notFound');
  if (item.status !== 'open' || (await queuedDecisions(ctx.db, item.caseId)).resolutions.has(conflictId)) throw new DomainError('review.resolved');
  const { field } = item.conflict;
  const problem = await checkMerged(field, value);
  if (problem) throw new DomainError('transition.invalid', { merged: problem });
  const { writeMutations } = await import('../db/write.ts');
  return writeMutations(ctx, item.caseId, [{ name: 'conflict.resolve', args: { conflictId, field, value } }]);
}

/**
 * 知道了 on a refused change: queues a `review.dismiss`, which hides the item here at once and on
 * every device in scope after sync; the server keeps it, with who and when, for the history.
 * Refused, with nothing written, when the item is not an open refusal or was dismissed here already.
 */
export async function dismissRejected(ctx: WriteContext, reviewId: string): Promise<void> {
  const item = await ctx.db.review.get(reviewId);
  if (!item || item.kind !== 'rejected') throw new DomainError('review.notFound');
  if (item.status !== 'open' || (await queuedDecisions(ctx.db, item.caseId)).dismissals.has(reviewId)) throw new DomainError('review.resolved');
  const { writeDismissal } = await import('../db/write.ts');
  await writeDismissal(ctx, item.caseId, reviewId);
}
