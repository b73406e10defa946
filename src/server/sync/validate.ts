// Content rules for what a mutation carries, built from the shared schemas (validation.ts) so the
// server refuses exactly what the device's forms refuse. A failure here is not a 400: the
// mutation is stored as rejected and shown for review, because it is a person's data.
import * as v from 'valibot';
import { readField, type Agreement, type CaseRecord, type FollowUp, type PatchableField } from '../../shared/case.ts';
import type { FieldPatch } from '../../shared/mutations.ts';
import { acceptedOnErrors, agreementRuleErrors, followUpErrors, sessionErrors, visitErrors } from '../../shared/case-rules.ts';
import { formFields, patchableFields } from '../../shared/fields/case-fields.ts';
import { noteTopics, type CaseEvent } from '../../shared/events.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { InvestigationSchema, SessionSchema, VisitSchema, fieldErrors, type FieldErrors } from '../../shared/validation.ts';
import { NewCaseSchema, contentSchemaOf, newCaseInputOf } from '../../shared/fields/case-schemas.ts';
import { AttachmentSchema } from '../../shared/attachments.ts';


/** First message key of a set of field errors (the one a review list shows). */
export function firstError(errors: FieldErrors): MessageKey | undefined {
  return Object.values(errors)[0];
}

function asKey(errors: FieldErrors): MessageKey | undefined {
  const key = firstError(errors);
  if (key === undefined) return undefined;
  // valibot's default messages are English sentences, not catalogue keys: map them to ours.
  return key.includes(' ') ? 'push.fieldInvalid' : key;
}

export function checkField(field: PatchableField, value: unknown): MessageKey | undefined {
  return asKey(fieldErrors(contentSchemaOf(field), value));
}

/** A new case: the form's rules plus the fields a form does not show. */
export function checkNewCase(record: CaseRecord): MessageKey | undefined {
  const initial = record.status === 'accepted' && record.outcome === null && record.agreement === null && record.termination === null
    && record.rejection === null && record.voided === null && (record.judicialConfirmation ?? null) === null;
  if (!initial) return 'push.createNotInitial';
  // The form's fields, then every other field as the case starts with it.
  return asKey(fieldErrors(NewCaseSchema, newCaseInputOf(record)))
    ?? patchableFields.filter((f) => !(formFields as readonly PatchableField[]).includes(f)).map((f) => checkField(f, readField(record, f) ?? null)).find((key) => key !== undefined);
}

const NoteSchema = v.strictObject({
  text: v.pipe(v.string('validation.text'), v.trim(), v.minLength(1, 'validation.required'), v.maxLength(5000, 'validation.tooLong')),
  topic: v.optional(v.picklist(noteTopics, 'push.fieldInvalid')),
});

export function checkEvent(event: CaseEvent): MessageKey | undefined {
  switch (event.kind) {
    case 'session':
      return asKey(fieldErrors(SessionSchema, event.data));
    case 'investigation':
      return asKey(fieldErrors(InvestigationSchema, event.data));
    case 'visit':
      return asKey(fieldErrors(VisitSchema, event.data));
    case 'note':
      // A withdrawal means nothing without the event it withdraws.
      if (event.data.topic === 'withdrawal' && event.supersedes === undefined) return 'push.fieldInvalid';
      return asKey(fieldErrors(NoteSchema, event.data));
    case 'attachment':
      // Metadata only; the bytes are checked against `sha256` when they are uploaded (server/blobs).
      return asKey(fieldErrors(AttachmentSchema, event.data));
    case 'transition':
      // Status events are made by the server from a case.transition command, never sent as such.
      return 'push.eventKind';
  }
}

/**
 * The rules across a case (shared/case-rules.ts) for what a mutation brings to the case as it is
 * now: the same checks the phone's forms make, so a push from an old or altered app is refused
 * with the sentence the form would have shown.
 */
export function checkPatchOnCase(record: CaseRecord, patch: FieldPatch): MessageKey | undefined {
  const agreement = (patch.agreement ? patch.agreement.next : record.agreement) as Agreement | null;
  const acceptedOn = typeof patch.acceptedOn?.next === 'string' ? patch.acceptedOn.next : record.acceptedOn;
  if (patch.acceptedOn) {
    const key = firstError(acceptedOnErrors({ agreement }, acceptedOn));
    if (key) return key;
  }
  if (patch.agreement && agreement) {
    const key = firstError(agreementRuleErrors({ acceptedOn }, agreement));
    if (key) return key;
  }
  if (patch.followUp?.next) return firstError(followUpErrors({ agreement }, patch.followUp.next as FollowUp));
  return undefined;
}

export function checkEventOnCase(record: CaseRecord, event: CaseEvent): MessageKey | undefined {
  // A correction (supersedes) may fix a date that was wrong; it is held to the same order.
  if (event.kind === 'session') return firstError(sessionErrors(record, event.data));
  if (event.kind === 'visit') return firstError(visitErrors(record, event.data));
  return undefined;
}

export function checkVoidReason(reason: string): MessageKey | undefined {
  const trimmed = reason.trim();
  return trimmed.length === 0 || trimmed.length > 1000 ? 'push.voidReason' : undefined;
}
