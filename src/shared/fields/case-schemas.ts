// The schemas of each case field (case-fields.ts holds the rest of its entry): `wire`, the shape
// the sync protocol accepts (a failure refuses the push with 400), and `content`, the rule a
// person's value must meet (a failure stores the mutation for 待核对, with a Chinese message key
// shared by the device's forms and the server). The record's wire shape and the 受理 form's
// schema are built from them, so a new field cannot be forgotten in either.

import * as v from 'valibot';
import { caseSources, mediationPublicities, type CaseRecord } from '../case.ts';
import { isCategoryCode } from '../categories.ts';
import { isVillageCode } from '../areas.ts';
import { caseStatuses } from '../lifecycle.ts';
import { CourtReferralSchema, courtSourceRule } from '../court-schema.ts';
import { AgreementSchema, FollowUpSchema, JudicialConfirmationSchema, PartySchema, isoDate, k, requiredText, text } from '../validation.ts';
import { formFields, formKeyOf, patchableFields, type FormInput, type PatchableField } from './case-fields.ts';
import * as w from './wire.ts';

export interface CaseFieldSchemas {
  wire: v.GenericSchema;
  content: v.GenericSchema;
}

const PartyWire = v.strictObject({
  id: w.short, role: w.short, name: w.text, gender: v.optional(w.short), ethnicity: v.optional(w.short), age: v.optional(v.number()),
  birthDate: v.optional(w.short), occupation: v.optional(w.text), phone: v.optional(w.short), address: v.optional(w.text), idNumber: v.optional(w.short),
  kind: v.optional(w.short), employer: v.optional(w.text), legalRep: v.optional(w.text), creditCode: v.optional(w.short),
  idIssuer: v.optional(w.text), idValidity: v.optional(w.short),
});
const preventionCount = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000));

export const caseFieldSchemas = {
  categoryCode: { wire: w.short, content: v.pipe(v.string(k('case.category.required')), v.check(isCategoryCode, k('case.category.required'))) },
  source: { wire: w.short, content: v.picklist(caseSources, k('case.source.required')) },
  acceptedOn: { wire: w.short, content: isoDate('case.acceptedOn.invalid') },
  // Optional on the wire: records saved before 诉调对接 existed lack it.
  court: { wire: v.optional(v.nullable(w.jsonObject)), content: v.nullish(CourtReferralSchema) },
  mediators: {
    wire: w.list(w.text, 50),
    content: v.pipe(v.array(requiredText(30, 'case.mediators.required')), v.minLength(1, k('case.mediators.required'))),
  },
  partiesInvolved: {
    wire: v.optional(v.number()),
    content: v.nullish(v.pipe(v.number(k('validation.count')), v.integer(k('validation.count')), v.minValue(0, k('validation.count')), v.maxValue(100_000, k('validation.count')))),
  },
  // Optional and nullable: records before it lack it, and a patch that clears it sends null.
  intakePoint: { wire: v.optional(v.nullable(w.short)), content: v.nullish(text(60)) },
  // Optional on the wire: records saved before these fields existed lack them.
  // Content nullish: a patch clears it with null (case-fields.ts `clearable`).
  mediationPublic: { wire: v.optional(w.short), content: v.nullish(v.picklist(mediationPublicities, k('case.mediationPublic.invalid'))) },
  policeReported: { wire: v.optional(v.boolean()), content: v.nullish(v.boolean('push.fieldInvalid')) },
  isDifficult: { wire: v.boolean(), content: v.boolean('push.fieldInvalid') },
  prevention: {
    wire: v.strictObject({ suicide: w.count, criminal: w.count, groupPetition: w.count, groupFight: w.count }),
    content: v.strictObject({ suicide: preventionCount, criminal: preventionCount, groupPetition: preventionCount, groupFight: preventionCount }, 'push.fieldInvalid'),
  },
  agreement: { wire: v.nullable(w.jsonObject), content: v.nullable(AgreementSchema) },
  // Optional on the wire: records saved before 司法确认 existed lack it (read as null).
  judicialConfirmation: { wire: v.optional(v.nullable(w.jsonObject)), content: v.nullable(JudicialConfirmationSchema) },
  // Optional on the wire, as 司法确认: older records lack it.
  followUp: { wire: v.optional(v.nullable(w.jsonObject)), content: v.nullable(FollowUpSchema) },
  'private.parties': {
    wire: w.list(PartyWire, 100),
    content: v.pipe(
      v.array(PartySchema),
      v.check((ps) => ps.some((p) => p.role === '申请人') && ps.some((p) => p.role === '被申请人'), k('case.parties.bothSides')),
    ),
  },
  'private.facts': { wire: w.text, content: requiredText(5000, 'case.facts.required') },
  'private.claims': { wire: w.list(w.text, 100), content: v.array(text(500)) },
  'private.place': { wire: w.text, content: text(200) },
  villageCode: { wire: w.short, content: v.pipe(v.string(), v.check(isVillageCode, k('case.village.invalid'))) },
} satisfies Record<PatchableField, CaseFieldSchemas>;

export const contentSchemaOf = (f: PatchableField): v.GenericSchema => caseFieldSchemas[f].content;

/** The record's field entries, top level and under `private`, each from its field's wire schema. */
function fieldWire(): { top: Record<string, v.GenericSchema>; personal: Record<string, v.GenericSchema> } {
  const top: Record<string, v.GenericSchema> = {};
  const personal: Record<string, v.GenericSchema> = {};
  for (const f of patchableFields) {
    if (f.startsWith('private.')) personal[f.slice(8)] = caseFieldSchemas[f].wire;
    else top[f] = caseFieldSchemas[f].wire;
  }
  return { top, personal };
}

const { top, personal } = fieldWire();
/** A whole case record on the wire: what the server keeps itself, then every registry field. */
export const CaseRecordWireSchema = v.strictObject({
  id: w.uuid, version: w.count, townCode: w.short, countyCode: w.short, committeeId: v.optional(v.nullable(w.short)), committeeName: w.text,
  caseNo: v.nullable(w.short), provisionalNo: w.short, status: v.picklist(caseStatuses),
  outcome: v.nullable(v.picklist(['success', 'failure', 'rejected'])),
  termination: v.nullable(w.jsonObject), rejection: v.nullable(w.jsonObject),
  needsReview: v.boolean(), voided: v.nullable(v.strictObject({ reason: w.text, at: w.short })), createdAt: w.short, updatedAt: w.short,
  ...top,
  private: v.strictObject(personal),
});

/**
 * What 受理登记 checks: every form field by its form name, plus the village and committee the
 * profile supplies. Its errors are keyed as the form's inputs are ("parties.0.name").
 */
export const NewCaseSchema = v.pipe(
  v.object({
    villageCode: caseFieldSchemas.villageCode.content,
    committeeName: requiredText(100, 'case.committee.required'),
    committeeId: v.optional(v.pipe(v.string(), v.maxLength(64))),
    ...(Object.fromEntries(formFields.map((f) => [formKeyOf(f), caseFieldSchemas[f].content])) as unknown as Record<keyof FormInput, v.GenericSchema>),
  }),
  // Across two fields: a 法院委派/委托 case carries its court reference, no other case does.
  courtSourceRule(),
);
export type NewCaseInput = FormInput & { villageCode: string; committeeName: string; committeeId?: string };

/** A record's header in the shape NewCaseSchema checks (an edit, a pushed 受理登记). */
export function newCaseInputOf(r: CaseRecord): NewCaseInput {
  const form = Object.fromEntries(formFields.map((f) => [formKeyOf(f), readFieldLoose(r, f)])) as FormInput;
  return { ...form, villageCode: r.villageCode, committeeName: r.committeeName, ...(r.committeeId ? { committeeId: r.committeeId } : {}) };
}

function readFieldLoose(r: CaseRecord, f: PatchableField): unknown {
  return f.startsWith('private.') ? (r.private as unknown as Record<string, unknown>)[f.slice(8)] : (r as unknown as Record<string, unknown>)[f];
}
