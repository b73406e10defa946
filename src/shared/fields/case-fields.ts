// The case fields, each declared once (issue #19). An entry says everything the rest of the code
// needs to know about a header field of CaseRecord that a `case.patch` may change: its label, whether
// it is personal (kept under `private`, sealed on the phone and scoped on the server), whether a
// signed month locks it, what the statistics read of it (dimensions, sums), which screen edits it,
// how the 受理/编辑 form holds it, and which 卷宗 documents print it. Every field list elsewhere is
// derived from this table; its wire and content schemas live in case-schemas.ts (valibot stays out
// of the first-paint bundle, which needs the names). A registry test walks both tables.

import type { CaseSource, MediationPublicity, Party } from '../case.ts';
import type { DocKind } from '../documents/types.ts';
import type { MessageKey } from '../i18n/index.ts';
import { upgradePartyDraft } from './party-form.ts';
import { countCodec, linesCodec, namesCodec, optionalPickCodec, optionalTextCodec, partiesCodec, pickCodec, textCodec, type FormCodec } from './form-codecs.ts';
import { courtCodec } from './court-codec.ts';
import type { SumName } from './stat-sums.ts';

/** Where a person changes the field: the 编辑受理信息 form, the 疑难/防激化 form, 司法确认, a step, or a move. */
export type EditedOn = 'edit' | 'flags' | 'confirmation' | 'followup' | 'step' | 'move';

/** What the statistics read of a field: the GROUP BY columns it feeds, and the sums (stat-sums.ts). */
export interface StatsRole {
  dimensions?: readonly string[];
  sums?: readonly SumName[];
}

/** A field drawn by the generic "更多信息" section: a number, or a line of text. */
export interface FieldInput {
  kind: 'count' | 'text';
  hint?: MessageKey;
}

export interface CaseFieldSpec {
  label: MessageKey;
  /** Under `private`: sealed on the device, never indexed, masked in lists. */
  personal: boolean;
  /** A signed month refuses a change to it (server/stats/month-locks.ts). */
  locked: boolean;
  stats: StatsRole;
  editedOn: EditedOn;
  /** Long prose never merged by itself: a concurrent change always goes to 待核对. */
  prose?: boolean;
  /**
   * Optional and absent until set: a person may clear it again (null in a patch), which takes the
   * key off the record rather than storing null (the record's wire shape has it optional). Listed
   * again in clearable.ts, which writeField reads.
   */
  clearable?: boolean;
  /** On the 受理 and 编辑受理信息 forms, held by this codec. */
  form?: FormCodec<unknown, unknown>;
  /**
   * How the form draws it, for fields under the forms' "更多信息" (case-more-fields.tsx); fields
   * without it have their own place in the form's layout (case-fields-section.tsx).
   */
  input?: FieldInput;
  /** The 卷宗 documents that print it. */
  documents: readonly DocKind[];
}

export const caseFields = {
  categoryCode: {
    label: 'field.categoryCode', personal: false, locked: true, stats: { dimensions: ['category_code'] }, editedOn: 'edit',
    form: pickCodec<string, 'categoryCode'>('categoryCode'), documents: ['registration', 'cover'],
  },
  source: {
    label: 'field.source', personal: false, locked: true, stats: { dimensions: ['source'] }, editedOn: 'edit',
    form: pickCodec<CaseSource, 'source'>('source'), documents: ['registration'],
  },
  acceptedOn: {
    label: 'field.acceptedOn', personal: false, locked: true, stats: { dimensions: ['accepted_on'] }, editedOn: 'edit',
    form: pickCodec<string, 'acceptedOn'>('acceptedOn'), documents: ['registration', 'cover'],
  },
  // 诉调对接 (court.ts): drawn under 案件来源 when it is 法院委派/委托. Not locked: the day the
  // result went back to the court is written after the month, and no figure reads the field.
  court: {
    label: 'field.court', personal: false, locked: false, stats: {}, editedOn: 'edit', form: courtCodec('court'),
    documents: ['registration', 'court-result', 'court-ending'],
  },
  mediators: {
    label: 'field.mediators', personal: false, locked: false, stats: {}, editedOn: 'edit', form: namesCodec('mediators'),
    documents: ['cover', 'session', 'agreement', 'oral-agreement'],
  },
  partiesInvolved: {
    label: 'field.partiesInvolved', personal: false, locked: true, stats: { sums: ['partiesInvolved'] }, editedOn: 'edit', clearable: true,
    form: countCodec('partiesInvolved'), input: { kind: 'count', hint: 'field.partiesInvolved.hint' }, documents: ['registration'],
  },
  // The village's 评理说事点 the dispute came through (domain.md §6.3; issue #14): the point's name,
  // as the resident's /help request or the mediator named it. Not a statistics dimension yet.
  intakePoint: {
    label: 'field.intakePoint', personal: false, locked: false, stats: {}, editedOn: 'edit',
    form: optionalTextCodec('intakePoint'), input: { kind: 'text', hint: 'field.intakePoint.hint' }, documents: [],
  },
  // Art 23 (三): the parties' choice, printed on the 调解记录. Drawn beside 案件来源.
  mediationPublic: {
    label: 'field.mediationPublic', personal: false, locked: false, stats: {}, editedOn: 'edit', clearable: true,
    form: optionalPickCodec<MediationPublicity, 'mediationPublic'>('mediationPublic'), documents: ['session'],
  },
  // Art 25: asked with the 防激化 flags, printed on the last 调解记录.
  policeReported: { label: 'field.policeReported', personal: false, locked: false, stats: {}, editedOn: 'flags', clearable: true, documents: ['session'] },
  isDifficult: { label: 'field.isDifficult', personal: false, locked: true, stats: { sums: ['difficult'] }, editedOn: 'flags', documents: [] },
  prevention: {
    label: 'field.prevention', personal: false, locked: true, editedOn: 'flags', documents: [],
    stats: { sums: ['suicideCases', 'suicidePersons', 'criminalCases', 'criminalPersons', 'petitionCases', 'petitionPersons', 'fightCases', 'fightPersons'] },
  },
  agreement: {
    label: 'field.agreement', personal: false, locked: true, prose: true, stats: { dimensions: ['agreement_form'], sums: ['amountYuan'] },
    editedOn: 'step', documents: ['agreement', 'oral-agreement', 'confirmation'],
  },
  // Not locked: the court decides after the month by nature (month-locks.ts says why).
  judicialConfirmation: {
    label: 'field.judicialConfirmation', personal: false, locked: false, stats: { dimensions: ['confirmation'] }, editedOn: 'confirmation',
    documents: ['confirmation'],
  },
  followUp: { label: 'field.followUp', personal: false, locked: false, stats: {}, editedOn: 'followup', documents: [] },
  'private.parties': {
    label: 'field.private.parties', personal: true, locked: false, stats: {}, editedOn: 'edit', form: partiesCodec('parties'),
    documents: ['application', 'registration', 'notice', 'agreement', 'oral-agreement', 'confirmation', 'cover'],
  },
  'private.facts': {
    label: 'field.private.facts', personal: true, locked: false, prose: true, stats: {}, editedOn: 'edit', form: textCodec('facts'),
    documents: ['application', 'registration', 'agreement', 'oral-agreement'],
  },
  'private.claims': {
    label: 'field.private.claims', personal: true, locked: false, stats: {}, editedOn: 'edit', form: linesCodec('claims'), documents: ['application'],
  },
  'private.place': {
    label: 'field.private.place', personal: true, locked: false, stats: {}, editedOn: 'edit', form: textCodec('place'), documents: ['session'],
  },
  villageCode: {
    label: 'field.villageCode', personal: false, locked: true, stats: { dimensions: ['village_code', 'town_code', 'county_code'] }, editedOn: 'move',
    documents: ['cover'],
  },
} as const satisfies Record<string, CaseFieldSpec>;

type Entries = typeof caseFields;
/** Header fields that a `case.patch` may change. Status and its data change only by transition. */
export type PatchableField = keyof Entries;
export const patchableFields = Object.keys(caseFields) as PatchableField[];
const spec = (f: PatchableField): CaseFieldSpec => caseFields[f];

/** Long prose that is never auto-merged: a concurrent change always goes to review. */
export const proseFields: readonly PatchableField[] = patchableFields.filter((f) => spec(f).prose === true);
/** Fields a signed month locks: changing one changes the month's figures. */
export const lockedFields: readonly PatchableField[] = patchableFields.filter((f) => spec(f).locked);
export const editedOn = (f: PatchableField): EditedOn => spec(f).editedOn;
export const fieldLabelKey = (f: PatchableField): MessageKey => spec(f).label;

/** The fields of the 受理/编辑 form, in the registry's order. */
export type FormField = { [K in PatchableField]: Entries[K] extends { form: object } ? K : never }[PatchableField];
export const formFields = patchableFields.filter((f): f is FormField => 'form' in caseFields[f]);
type CodecOf<F extends FormField> = Entries[F]['form'];
/** The form's name of each form field ('private.parties' → 'parties'). */
export type FormKey = CodecOf<FormField>['key'];
/** The form's values: each field as its codec holds it. */
export type FormValues = { [F in FormField as CodecOf<F>['key']]: ReturnType<CodecOf<F>['empty']> };
type Decoded<F extends FormField> = ReturnType<CodecOf<F>['decode']>;
/** The stored value of each form field, by its form name (what NewCaseSchema checks); optional where it may be absent. */
export type FormInput = { [F in FormField as undefined extends Decoded<F> ? never : CodecOf<F>['key']]: Decoded<F> }
  & { [F in FormField as undefined extends Decoded<F> ? CodecOf<F>['key'] : never]?: Decoded<F> };

/** The codec of a form field, loosely typed for the generic walks. */
export function codecOf(f: FormField): FormCodec<unknown, unknown> {
  return caseFields[f].form as unknown as FormCodec<unknown, unknown>;
}
export const formKeyOf = (f: FormField): FormKey => codecOf(f).key as FormKey;
/** The form fields under "更多信息", with how each is drawn. */
export const moreFields: readonly { field: FormField; input: FieldInput }[] = formFields.flatMap((f) => {
  const input = spec(f).input;
  return input ? [{ field: f, input }] : [];
});

/** The blank values of a new case's form. */
export function emptyFormValues(): FormValues {
  return Object.fromEntries(formFields.map((f) => [formKeyOf(f), codecOf(f).empty()])) as FormValues;
}

export type { Party };

/**
 * Version of the form drafts' shape: stored in each 受理/编辑 draft so a change that is more than
 * a new field (a renamed or reshaped one) can be migrated. Drafts of every version get the fields
 * added since filled in by `upgradeFormValues`.
 */
export const FORM_DRAFT_VERSION = 2;

/**
 * A stored draft's form values brought up to the current fields: a field added since the draft
 * was saved takes its value from `fresh` (the case's current value, or the blank form), so the
 * draft's type holds again and nothing the person typed is lost.
 */
export function upgradeFormValues(stored: Partial<FormValues> | undefined, fresh: FormValues): FormValues {
  const values = { ...fresh, ...stored } as FormValues;
  return { ...values, parties: values.parties.map(upgradePartyDraft) };
}
