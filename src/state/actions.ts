// The actions screens call. Each validates with the shared schemas first (field errors come back
// as catalogue keys, nothing written), then goes through writeMutations — the single write path.

import { uuidv7 } from 'uuidv7';
import * as v from 'valibot';
import type { Agreement, CaseRecord, FollowUp, JudicialConfirmation, Party, PreventionFlags, Rejection, Termination } from '../shared/case.ts';
import { noPrevention, writeField } from '../shared/case.ts';
import { SessionSchema, VisitSchema, InvestigationSchema, JudicialConfirmationSchema, FollowUpSchema, fieldErrors } from '../shared/validation.ts';
import { NewCaseSchema, type NewCaseInput } from '../shared/fields/case-schemas.ts';
import { formFields, formKeyOf } from '../shared/fields/case-fields.ts';
import { agreementRuleErrors, followUpAfterVisit, followUpErrors, sessionDay, sessionErrors, visitErrors } from '../shared/case-rules.ts';
import { followUpOf } from '../shared/follow-up.ts';
import { CourtReferralSchema } from '../shared/court-schema.ts';
import { diffCase, type MutationBody } from '../shared/mutations.ts';
import type { CaseStatus } from '../shared/lifecycle.ts';
import type { SessionData, VisitData, InvestigationData, EventBody } from '../shared/events.ts';
import { townCodeOf, countyCodeOf } from '../shared/areas.ts';
import { DomainError } from '../db/errors.ts';
import { writeMutations, nextProvisionalNo, type WriteContext } from '../db/write.ts';
import { eventsOf, getCase } from '../db/queries.ts';

export async function createCase(ctx: WriteContext, input: NewCaseInput): Promise<CaseRecord> {
  const errors = fieldErrors(NewCaseSchema, input);
  if (Object.keys(errors).length > 0) throw new DomainError('transition.invalid', errors);
  const parsed = v.parse(NewCaseSchema, input) as NewCaseInput;
  const at = ctx.now().toISOString();
  // What the form does not fill starts empty; every form field is then written from the input.
  const blank: CaseRecord = {
    id: uuidv7(), version: 0, villageCode: parsed.villageCode, townCode: townCodeOf(parsed.villageCode),
    countyCode: countyCodeOf(parsed.villageCode), committeeName: parsed.committeeName, caseNo: null,
    ...(parsed.committeeId ? { committeeId: parsed.committeeId } : {}),
    provisionalNo: await nextProvisionalNo(ctx.db), status: 'accepted', outcome: null, categoryCode: '', source: '申请', acceptedOn: '',
    mediators: [], isDifficult: false, prevention: noPrevention(), agreement: null, termination: null, rejection: null,
    private: { parties: [], facts: '', claims: [], place: '' },
    needsReview: false, voided: null, createdAt: at, updatedAt: at,
  };
  const record = formFields.reduce((r, f) => writeField(r, f, parsed[formKeyOf(f)]), blank);
  const saved = await writeMutations(ctx, record.id, [{ name: 'case.create', args: { record } }]);
  void requestPersistence();
  return saved;
}

/** Edits header fields: the patch carries each field's base value for the server's merge. */
export async function editCase(ctx: WriteContext, caseId: string, change: (current: CaseRecord) => CaseRecord): Promise<CaseRecord> {
  const current = await getCase(ctx.db, caseId);
  if (!current) throw new DomainError('sync.caseMissing');
  const patch = diffCase(current, change(current));
  if (Object.keys(patch).length === 0) return current;
  return writeMutations(ctx, caseId, [{ name: 'case.patch', patch }]);
}

function eventBody(ctx: WriteContext, record: CaseRecord, body: EventBody): MutationBody {
  const at = body.kind === 'visit' ? `${body.data.on}T12:00:00.000Z` : body.kind === 'note' ? ctx.now().toISOString() : 'at' in body.data ? body.data.at : ctx.now().toISOString();
  return {
    name: 'event.append',
    args: {
      event: { ...body, id: uuidv7(), caseId: record.id, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode, at, author: ctx.userId },
    },
  };
}

function transition(ctx: WriteContext, from: CaseStatus, to: CaseStatus, data: Partial<{ agreement: Agreement; termination: Termination; rejection: Rejection }> = {}): MutationBody {
  return { name: 'case.transition', args: { from, to, ...data, eventId: uuidv7(), at: ctx.now().toISOString() } };
}

async function requireCase(ctx: WriteContext, caseId: string): Promise<CaseRecord> {
  const record = await getCase(ctx.db, caseId);
  if (!record) throw new DomainError('sync.caseMissing');
  return record;
}

function check(errors: Record<string, unknown>): void {
  if (Object.keys(errors).length > 0) throw new DomainError('transition.invalid', errors as DomainError['fields']);
}

/** A mediation session (调解记录); the first one moves an accepted case to 调解中. */
export async function addSession(ctx: WriteContext, caseId: string, data: SessionData): Promise<CaseRecord> {
  check(fieldErrors(SessionSchema, data));
  const record = await requireCase(ctx, caseId);
  check(sessionErrors(record, data));
  const bodies = [eventBody(ctx, record, { kind: 'session', data })];
  if (record.status === 'accepted') bodies.push(transition(ctx, 'accepted', 'mediating'));
  return writeMutations(ctx, caseId, bodies);
}

export async function addInvestigation(ctx: WriteContext, caseId: string, data: InvestigationData): Promise<CaseRecord> {
  check(fieldErrors(InvestigationSchema, data));
  const record = await requireCase(ctx, caseId);
  return writeMutations(ctx, caseId, [eventBody(ctx, record, { kind: 'investigation', data })]);
}

/** The statistics flags of a case (疑难复杂, 防止…; domain.md §3.2), set when it ends or by an edit. */
export interface OutcomeFlags {
  isDifficult: boolean;
  prevention: PreventionFlags;
  /** 已报告公安 (Art 25); undefined = not asked (no escalation flagged), the stored value stays. */
  policeReported?: boolean;
}

const withFlags = (c: CaseRecord, flags: OutcomeFlags): CaseRecord => ({
  ...c, isDifficult: flags.isDifficult, prevention: flags.prevention,
  ...(flags.policeReported !== undefined ? { policeReported: flags.policeReported } : {}),
});

/** A patch for changed flags, so they commit in the same transaction as the status change. */
function flagsPatch(record: CaseRecord, flags: OutcomeFlags | undefined): MutationBody[] {
  if (!flags) return [];
  const patch = diffCase(record, withFlags(record, flags));
  return Object.keys(patch).length > 0 ? [{ name: 'case.patch', patch }] : [];
}

export async function recordAgreement(ctx: WriteContext, caseId: string, agreement: Agreement, flags?: OutcomeFlags): Promise<CaseRecord> {
  const record = await requireCase(ctx, caseId);
  // The sessions are on this phone: the agreement must not predate the last one (the server,
  // which checks the record alone, agrees on everything else).
  const days = (await eventsOf(ctx.db, caseId)).flatMap((e) => (e.kind === 'session' ? [sessionDay(e.data)] : []));
  check(agreementRuleErrors(record, agreement, days));
  return writeMutations(ctx, caseId, [transition(ctx, record.status, 'agreed', { agreement }), ...flagsPatch(record, flags)]);
}

export async function terminate(ctx: WriteContext, caseId: string, termination: Termination, flags?: OutcomeFlags): Promise<CaseRecord> {
  const record = await requireCase(ctx, caseId);
  return writeMutations(ctx, caseId, [transition(ctx, record.status, 'terminated', { termination }), ...flagsPatch(record, flags)]);
}

export async function editFlags(ctx: WriteContext, caseId: string, flags: OutcomeFlags): Promise<CaseRecord> {
  return editCase(ctx, caseId, (c) => withFlags(c, flags));
}

export async function reject(ctx: WriteContext, caseId: string, rejection: Rejection): Promise<CaseRecord> {
  const record = await requireCase(ctx, caseId);
  return writeMutations(ctx, caseId, [transition(ctx, record.status, 'rejected', { rejection })]);
}

/** A 回访; the first one after an agreement moves the case to 已回访. */
export async function addVisit(ctx: WriteContext, caseId: string, data: VisitData): Promise<CaseRecord> {
  check(fieldErrors(VisitSchema, data));
  const record = await requireCase(ctx, caseId);
  check(visitErrors(record, data));
  const bodies = [eventBody(ctx, record, { kind: 'visit', data })];
  if (record.status === 'agreed') bodies.push(transition(ctx, 'agreed', 'visited'));
  // 未履行 opens 督促履行 (若干规定 Art 39) in the same transaction as the visit.
  const followUp = followUpAfterVisit(record, data);
  if (followUp) bodies.push({ name: 'case.patch', patch: diffCase(record, { ...record, followUp }) });
  return writeMutations(ctx, caseId, bodies);
}

/** 司法确认: the application, and later the court's answer, as one header field (merged like any other). */
export async function recordConfirmation(ctx: WriteContext, caseId: string, confirmation: JudicialConfirmation): Promise<CaseRecord> {
  check(fieldErrors(JudicialConfirmationSchema, confirmation));
  return editCase(ctx, caseId, (c) => ({ ...c, judicialConfirmation: confirmation }));
}

/** 诉调对接: the day the result (告知函 / 终结说明) went back to the court. */
export async function recordCourtReturn(ctx: WriteContext, caseId: string, returnedOn: string): Promise<CaseRecord> {
  const record = await requireCase(ctx, caseId);
  if (!record.court) throw new DomainError('transition.invalid', { court: 'court.required' });
  const court = { ...record.court, returnedOn };
  check(prefixed('court', fieldErrors(CourtReferralSchema, court)));
  return editCase(ctx, caseId, (c) => ({ ...c, court }));
}

const prefixed = (prefix: string, errors: Record<string, unknown>) => Object.fromEntries(Object.entries(errors).map(([k, e]) => [`${prefix}.${k}`, e]));

/** 督促履行 done, or the parties' decision not to apply for 司法确认: the case's follow-up. */
export async function recordFollowUp(ctx: WriteContext, caseId: string, change: (current: FollowUp) => FollowUp): Promise<CaseRecord> {
  const record = await requireCase(ctx, caseId);
  const followUp = change(followUpOf(record));
  check(fieldErrors(FollowUpSchema, followUp));
  check(followUpErrors(record, followUp));
  return editCase(ctx, caseId, (c) => ({ ...c, followUp }));
}

export async function archive(ctx: WriteContext, caseId: string): Promise<CaseRecord> {
  const record = await requireCase(ctx, caseId);
  return writeMutations(ctx, caseId, [transition(ctx, record.status, 'archived')]);
}

export async function addNote(ctx: WriteContext, caseId: string, text: string): Promise<CaseRecord> {
  check(text.trim() === '' ? { text: 'validation.required' } : text.length > 5000 ? { text: 'validation.tooLong' } : {});
  const record = await requireCase(ctx, caseId);
  return writeMutations(ctx, caseId, [eventBody(ctx, record, { kind: 'note', data: { text } })]);
}

/** Asks the browser not to evict our data (sync.md §2.9); harmless when already granted. */
async function askPersistence(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

let persistence: Promise<boolean> | undefined;

/**
 * Asked once per page load, at the first save: the browser decides from how the site is used
 * (installed, bookmarked), which does not change between two saves, and asking on every save
 * cost each one a storage round trip (the save bench's profile).
 */
function requestPersistence(): Promise<boolean> {
  persistence ??= askPersistence().catch(() => false);
  return persistence;
}

/** 作废: the case stays on record (never deleted) but leaves the statistics and takes no more steps. */
export async function voidCase(ctx: WriteContext, caseId: string, reason: string): Promise<CaseRecord> {
  const trimmed = reason.trim();
  if (trimmed === '') throw new DomainError('transition.invalid', { reason: 'voidForm.reason.required' });
  return writeMutations(ctx, caseId, [{ name: 'case.void', args: { reason: trimmed, at: ctx.now().toISOString() } }]);
}
