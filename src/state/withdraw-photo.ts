// Withdrawing a photo from its case (a wrong photo, or one of a person unrelated to the case):
// a note event with topic 'withdrawal' that supersedes the attachment event. The photo then leaves
// the case, the 卷宗 and its 目录 on every device, and the server stops serving its bytes once this
// has synced (server/blobs/access.ts). The bytes are not deleted anywhere: events are append-only
// and the same bytes may belong to another case. The note's text is the audit line of the
// timeline — who and why (the event keeps when) — and never names or shows the photo.
// Written through the single write path, so it works offline like every other step.

import { uuidv7 } from 'uuidv7';
import { visibleEvents, type CaseEvent } from '../shared/events.ts';
import { t } from '../shared/i18n/index.ts';
import { eventsOf, getCase } from '../db/queries.ts';
import { writeMutations, type WriteContext } from '../db/write.ts';
import { DomainError } from '../db/errors.ts';

/** Longest withdrawal reason: it is the audit line, a sentence or two. */
export const WITHDRAW_REASON_MAX = 500;

/** `who` is the name the audit line shows (the profile's name; ctx.userId is the account). */
export async function withdrawAttachment(ctx: WriteContext, caseId: string, attachmentEventId: string, reason: string, who: string): Promise<CaseEvent> {
  const why = reason.trim();
  if (why === '') throw new DomainError('attach.withdraw.reasonRequired');
  if (why.length > WITHDRAW_REASON_MAX) throw new DomainError('validation.tooLong');
  const [record, events] = await Promise.all([getCase(ctx.db, caseId), eventsOf(ctx.db, caseId)]);
  if (!record) throw new DomainError('sync.caseMissing');
  // Only a photo still on record: withdrawing twice would add a second audit line for nothing.
  const photo = visibleEvents(events).find((e) => e.kind === 'attachment' && e.id === attachmentEventId);
  if (photo?.kind !== 'attachment') throw new DomainError('attach.withdraw.gone');
  const event: CaseEvent = {
    kind: 'note', data: { text: t('attach.withdraw.note', { who, purpose: photo.data.purpose, reason: why }), topic: 'withdrawal' },
    id: uuidv7(), caseId, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode,
    at: ctx.now().toISOString(), author: ctx.userId, supersedes: photo.id,
  };
  await writeMutations(ctx, caseId, [{ name: 'event.append', args: { event } }]);
  return event;
}
