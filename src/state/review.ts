// The 待核对 inbox on the device. Review items arrive by pull into db.review (the server owns
// them); a person's decision is a `conflict.resolve` mutation written like any edit, so it syncs
// and is audited (sync.md §3). Until the server marks the item resolved, the queued mutation in
// the outbox is what tells the screens "已处理（待同步）". Nothing here marks an item resolved
// locally: only a pull from the server may do that.

import type { CaseRecord, PatchableField } from '../shared/case.ts';
import type { ReviewItem } from '../shared/protocol.ts';
import type { MessageKey } from '../shared/i18n/index.ts';
import type { ShuoheDb } from '../db/schema.ts';
import { fromStored } from '../db/schema.ts';
import { DomainError } from '../db/errors.ts';
import type { WriteContext } from '../db/write.ts';
import { db } from './app-state.ts';
import { useLive, type Live } from './case-queries.ts';

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

/** Resolutions queued on this device (optionally for one case): conflict id → chosen value. */
async function queuedResolutions(d: ShuoheDb, caseId?: string): Promise<Map<string, unknown>> {
  const chosen = new Map<string, unknown>();
  const rows = caseId === undefined ? d.outbox.toCollection() : d.outbox.where('caseId').equals(caseId);
  await rows.each((m) => {
    if (m.name === 'conflict.resolve') chosen.set(m.args.conflictId, m.args.value);
  });
  return chosen;
}

const newestFirst = (a: ReviewItem, b: ReviewItem) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);

/** Open items grouped by case, the case with the newest item first; conflicts before rejections. */
export async function openReviews(d: ShuoheDb, caseId?: string): Promise<CaseReview[]> {
  const items = caseId === undefined
    ? await d.review.where('status').equals('open').toArray()
    : (await d.review.where('caseId').equals(caseId).toArray()).filter((x) => x.status === 'open');
  const handled = await queuedResolutions(d, caseId);
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

/** Conflicts still waiting for a decision on this device: the number on the nav badge. */
export async function undecidedCount(d: ShuoheDb): Promise<number> {
  const open = await d.review.where('status').equals('open').filter((x) => x.kind === 'conflict').primaryKeys();
  if (open.length === 0) return 0;
  const handled = await queuedResolutions(d);
  return open.filter((id) => !handled.has(id)).length;
}

export function useReviewInbox(): Live<CaseReview[]> {
  return useLive(() => openReviews(db), []);
}

export function useCaseReview(caseId: string): CaseReview | undefined {
  return useLive(async () => (await openReviews(db, caseId))[0], [caseId]).value;
}

export function useUndecidedCount(): number {
  return useLive(() => undecidedCount(db), []).value ?? 0;
}

/** Fields whose two versions a person may merge by hand in a textarea (plain text or lines). */
const mergeable: readonly PatchableField[] = ['private.facts', 'private.place', 'private.claims'];
export const isMergeable = (field: PatchableField): boolean => mergeable.includes(field);

/** The form's own rule for a hand-merged value, so the server will not refuse it later. */
async function checkMerged(field: PatchableField, value: unknown): Promise<MessageKey | undefined> {
  if (!isMergeable(field)) return undefined;
  // Loaded on demand, as is the write path below: the nav badge imports this module, and the
  // first-paint bundle must not carry valibot or the mutators.
  const { NewCaseSchema, fieldErrors } = await import('../shared/validation.ts');
  const schema = field === 'private.facts' ? NewCaseSchema.entries.facts : field === 'private.place' ? NewCaseSchema.entries.place : NewCaseSchema.entries.claims;
  return Object.values(fieldErrors(schema, value))[0];
}

/**
 * Records a person's decision on a same-field conflict: `value` becomes the field's value (the
 * kept one, the other one, or a hand-merged text). Refused, with nothing written, when the item
 * is not an open conflict on this device or was already decided here.
 */
export async function resolveConflict(ctx: WriteContext, conflictId: string, value: unknown): Promise<CaseRecord> {
  const item = await ctx.db.review.get(conflictId);
  if (!item || item.kind !== 'conflict' || !item.conflict) throw new DomainError('review.notFound');
  if (item.status !== 'open' || (await queuedResolutions(ctx.db, item.caseId)).has(conflictId)) throw new DomainError('review.resolved');
  const { field } = item.conflict;
  const problem = await checkMerged(field, value);
  if (problem) throw new DomainError('transition.invalid', { merged: problem });
  const { writeMutations } = await import('../db/write.ts');
  return writeMutations(ctx, item.caseId, [{ name: 'conflict.resolve', args: { conflictId, field, value } }]);
}
