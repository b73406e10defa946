// Content rules for what a mutation carries, built from the shared schemas (validation.ts) so the
// server refuses exactly what the device's forms refuse. A failure here is not a 400: the
// mutation is stored as rejected and shown for review, because it is a person's data.
import * as v from 'valibot';
import { readField, type CaseRecord, type PatchableField } from '../../shared/case.ts';
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

export function checkVoidReason(reason: string): MessageKey | undefined {
  const trimmed = reason.trim();
  return trimmed.length === 0 || trimmed.length > 1000 ? 'push.voidReason' : undefined;
}
